/**
 * Reviews of ledger entries by the township office: approve or return, once per entry, decided by
 * the review record's unique index; approval rewrites the rollups it touches (rollups.ts).
 */
import { Types } from 'mongoose';
import type { LedgerEntry, ReviewLedgerEntryBody } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import { LedgerEntryModel, LedgerReviewModel, type LedgerEntryDoc } from './model';
import { recomputeRollup } from './rollups';
import { describeOne } from './views';

/**
 * Approves or returns an entry, once: the review record's unique index decides which of two
 * concurrent reviewers wins. Approval rewrites the rollups of every month the entry (and the entry
 * it corrects) touched.
 */
export async function review(
  townshipCode: string,
  entryId: string,
  body: ReviewLedgerEntryBody,
  by: string,
  /** told once, when this call made the decision (a resend tells nobody again); must not throw */
  notify?: (entry: LedgerEntry) => Promise<void>,
  /** when it was decided (demo history reviews in the past); a request decides now */
  now = new Date(),
): Promise<LedgerEntry> {
  const entry = await LedgerEntryModel.findOne({ _id: entryId, townshipCode }).lean<LedgerEntryDoc>();
  if (!entry) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  const decision = { decision: body.decision, reason: body.reason ?? null, by: new Types.ObjectId(by), at: now };
  let recorded: ReviewDecision = decision;
  let decidedNow = true;
  try {
    await LedgerReviewModel.create({ entryId: entry._id, ...decision });
  } catch (err) {
    decidedNow = false;
    if (!isDuplicateKey(err)) throw err;
    // Decided already. The same reviewer resending the same decision (a reply lost, or the server
    // stopped half-way) finishes it; anything else is a second review.
    const first = await LedgerReviewModel.findOne({ entryId: entry._id }).lean<ReviewDecision>();
    if (!first || first.decision !== decision.decision || (first.reason ?? null) !== decision.reason || String(first.by) !== by)
      throw new AppError('LEDGER_ALREADY_REVIEWED');
    recorded = first;
  }
  await carryOut(entry, recorded);
  const reviewed = await describeOne((await LedgerEntryModel.findById(entry._id).lean<LedgerEntryDoc>())!);
  if (decidedNow && notify) await notify(reviewed);
  return reviewed;
}

interface ReviewDecision {
  decision: 'approve' | 'return';
  reason: string | null;
  by: Types.ObjectId;
  at: Date;
}

/**
 * Applies a recorded review to its entry and the rollups. There are no transactions on FerretDB,
 * so the review record is written first and every step here can run again with the same result:
 * a resend or finishInterruptedReviews completes what a crash cut short.
 */
async function carryOut(entry: LedgerEntryDoc, recorded: ReviewDecision) {
  const status = recorded.decision === 'approve' ? 'approved' : 'returned';
  const { decision, reason, by, at } = recorded;
  await LedgerEntryModel.updateOne({ _id: entry._id, review: null }, { $set: { status, review: { decision, reason, by, at } } });
  if (status === 'approved') {
    const months = new Set(entry.months);
    if (entry.correctsEntryId) {
      const original = await LedgerEntryModel.findById(entry.correctsEntryId, { months: 1 }).lean();
      original?.months.forEach((m) => months.add(m));
    }
    for (const month of months) await recomputeRollup(String(entry.counselId), entry.villageCode, month);
  }
}

/**
 * Finishes reviews a stopped server left half-done: a review record whose entry does not carry it
 * yet. Run at start; approvals also recompute their rollups, in case the stop came after the entry.
 */
export async function finishInterruptedReviews(): Promise<number> {
  const unreviewed = await LedgerEntryModel.find({ review: null }).lean<LedgerEntryDoc[]>();
  if (unreviewed.length === 0) return 0;
  const reviews = await LedgerReviewModel.find({}).lean<(ReviewDecision & { entryId: Types.ObjectId })[]>();
  const byEntry = new Map(reviews.map((r) => [String(r.entryId), r]));
  const unfinished = unreviewed.filter((e) => byEntry.has(String(e._id)));
  for (const entry of unfinished) await carryOut(entry, byEntry.get(String(entry._id))!);
  return unfinished.length;
}
