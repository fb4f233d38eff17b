import type { Types } from 'mongoose';

/**
 * A filter on `_id` for a list of ids, for a mongoose model (which casts the strings). One id is
 * written as plain equality: that is the one filter FerretDB 1.24 hands to SQLite, an index lookup;
 * `$in`, even of a single id, scans the whole collection.
 */
export function byIds(ids: readonly (string | Types.ObjectId)[]): { _id: string | { $in: string[] } } {
  const unique = [...new Set(ids.map(String))];
  return unique.length === 1 ? { _id: unique[0]! } : { _id: { $in: unique } };
}
