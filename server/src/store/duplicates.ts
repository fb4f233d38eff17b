/**
 * A unique index is the one guard FerretDB 1.24 serialises (it does not serialise read-modify-write
 * updates, not even `$inc`; docs/toolchain.md "Atomicity"), so this project decides
 * every race by which insert the index lets through.
 */

/** The database refused a write under a unique index. */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 11000;

/**
 * Create-once by unique index: inserts, and when the key is taken answers the first record instead
 * (a phone resending the same idempotency key gets what the first send made).
 * Plain MongoDB equivalent: `updateOne(key, { $setOnInsert: doc }, { upsert: true })`, or the same.
 */
export async function createOnce<T>(
  insert: () => Promise<T>,
  findFirst: () => Promise<T | null>,
): Promise<{ doc: T; created: boolean }> {
  try {
    return { doc: await insert(), created: true };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const first = await findFirst();
    if (!first) throw err; // the key is held by a record the caller's lookup does not see: a bug, not a race
    return { doc: first, created: false };
  }
}
