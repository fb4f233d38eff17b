import type { InferRawDocType, Types } from 'mongoose';

type Present<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

/**
 * The plain shape of a stored document as `.lean()` reads it, derived from its schema's field
 * definitions: one entity, one shape, so a field added to a schema is a field of the type (no
 * hand-written twin). InferRawDocType, not InferSchemaType: lean reads give plain arrays and
 * objects, not DocumentArrays and subdocuments. Every field is present because mongoose writes
 * each default (`default: null` reads as null); a field added later to a collection with older
 * documents is read with `?? default` where it is used (groups/log.ts targetState).
 */
export type Stored<Fields> = Present<InferRawDocType<Fields>> & { _id: Types.ObjectId };
