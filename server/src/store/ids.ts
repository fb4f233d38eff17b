import type { Types } from 'mongoose';

/**
 * `_id` batching: a filter on `_id` for a list of ids, for a mongoose model (which casts the
 * strings). One id is written as plain equality, which FerretDB pushes down to an index lookup;
 * `$in` is never pushed down by FerretDB 1.24, so a list of ids must come with an
 * equality that narrows the candidates (`{ countyCode, ...byIds(ids) }`): see README.md, rule 1.
 * Plain MongoDB serves `$in` on `_id` from the `_id` index directly.
 */
export function byIds(ids: readonly (string | Types.ObjectId)[]): { _id: string | { $in: string[] } } {
  const unique = [...new Set(ids.map(String))];
  return unique.length === 1 ? { _id: unique[0]! } : { _id: { $in: unique } };
}
