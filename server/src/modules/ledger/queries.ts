/**
 * How other modules read ledger entries (they never import ledger/model.ts): a counsel's own
 * entries for their data copy (privacy module, issue 13), by `counselId` equality, the prefix of a
 * unique index.
 */
import type { Types } from 'mongoose';
import { LedgerEntryModel } from './model';

export async function entriesOf(counselId: Types.ObjectId) {
  return LedgerEntryModel.find({ counselId }, { villageCode: 1, kind: 1, startAt: 1, endAt: 1, summary: 1, status: 1 })
    .sort({ startAt: -1 })
    .lean();
}
