/**
 * Leases: a short exclusive lease on a key, shared by every server process: the holder is whoever inserted
 * the lease document (the unique _id is the one guard FerretDB 1.24 serialises; it does not
 * serialise read-modify-write updates, not even $inc). A lease left by a crashed process expires.
 * Plain MongoDB equivalent: a multi-document transaction around the work.
 */
import { isDuplicateKey } from './duplicates';
import { randomBytes } from 'node:crypto';
import { Schema, model } from 'mongoose';

const leaseSchema = new Schema(
  { _id: { type: String, required: true }, holder: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  { collection: 'leases', versionKey: false },
);
const LeaseModel = model('Lease', leaseSchema);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function withLease<T>(
  key: string,
  work: () => Promise<T>,
  options: { ttlMs?: number; waitMs?: number } = {},
): Promise<T> {
  const ttlMs = options.ttlMs ?? 15000;
  const deadline = Date.now() + (options.waitMs ?? 20000);
  const holder = randomBytes(8).toString('hex');
  for (let attempt = 0; ; attempt += 1) {
    try {
      await LeaseModel.create({ _id: key, holder, expiresAt: new Date(Date.now() + ttlMs) });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await LeaseModel.deleteOne({ _id: key, expiresAt: { $lt: new Date() } }); // left by a crashed holder
      if (Date.now() > deadline) throw new Error(`lease ${key} not acquired`);
      await sleep(Math.min(5 + attempt * 5, 50) + Math.random() * 10);
    }
  }
  try {
    return await work();
  } finally {
    await LeaseModel.deleteOne({ _id: key, holder });
  }
}
