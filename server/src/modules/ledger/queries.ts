/**
 * How other modules read ledger entries (they never import ledger/model.ts): a counsel's own
 * entries for their data copy (privacy module, issue 13), by `counselId` equality, the prefix of a
 * unique index.
 */
import { Types } from 'mongoose';
import { ONE_BATCH } from '../../store/batch';
import { tally, within, type Tally } from '../../shared/tally';
import { LedgerEntryModel } from './model';

export async function entriesOf(counselId: Types.ObjectId) {
  return LedgerEntryModel.find({ counselId }, { villageCode: 1, kind: 1, startAt: 1, endAt: 1, summary: 1, status: 1 })
    .sort({ startAt: -1 })
    .lean();
}

// --- to-do (issue 14 item 4), read by the todo module ---

/** A returned entry still to correct: its month, village and the township's reason. */
export interface ReturnedEntry {
  id: string;
  month: string;
  villageCode: string;
  reason: string | null;
  returnedAt: Date | null;
  startAt: Date;
}

/**
 * A counsel's returned entries no correction points at yet, of any month, oldest first: their
 * returned entries, then their corrections (`counselId` equality, the prefix of a unique index;
 * the corrected ids narrow in the same filter): two queries whatever the count.
 */
export async function uncorrectedReturns(counselId: string): Promise<ReturnedEntry[]> {
  const counsel = new Types.ObjectId(counselId);
  const returned = await LedgerEntryModel.find(
    { counselId: counsel, status: 'returned' },
    { villageCode: 1, months: 1, startAt: 1, review: 1 },
  ).lean();
  if (returned.length === 0) return [];
  const corrections = await LedgerEntryModel.find(
    // a correction is the same counsel's (entries.ts): their equality is the indexed part
    { counselId: counsel, correctsEntryId: { $in: returned.map((e) => e._id) } },
    { correctsEntryId: 1 },
  ).lean();
  const corrected = new Set(corrections.map((c) => String(c.correctsEntryId)));
  return returned
    .filter((e) => !corrected.has(String(e._id)))
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime())
    .map((e) => ({
      id: String(e._id),
      month: e.months[0] ?? '',
      villageCode: e.villageCode,
      reason: e.review?.reason ?? null,
      returnedAt: e.review?.at ?? null,
      startAt: e.startAt,
    }));
}

/** An entry waiting for the township's review, as a to-do item shows it. */
export interface PendingReview {
  id: string;
  counselId: Types.ObjectId;
  countyCode: string;
  villageCode: string;
  month: string;
  kind: string;
  minutes: number;
}

/**
 * A township's entries waiting for review: how many, and the `limit` oldest. Two queries
 * (`townshipCode`, `status` equalities, the prefix of an index) whatever the count.
 */
export async function pendingReviewsIn(townshipCode: string, limit: number): Promise<{ count: number; items: PendingReview[] }> {
  const filter = { townshipCode, status: 'pending' };
  const [count, rows] = await Promise.all([
    LedgerEntryModel.countDocuments(filter),
    LedgerEntryModel.find(filter, { counselId: 1, countyCode: 1, villageCode: 1, months: 1, kind: 1, minutes: 1 })
      .sort({ startAt: 1 })
      .limit(limit)
      .lean(),
  ]);
  return {
    count,
    items: rows.map((e) => ({
      id: String(e._id),
      counselId: e.counselId,
      countyCode: e.countyCode,
      villageCode: e.villageCode,
      month: e.months[0] ?? '',
      kind: e.kind,
      minutes: e.minutes,
    })),
  };
}

// --- the assessment (issue 16 item 7), read by the callbacks module ---

export const LEDGER_COUNTS = ['lectures'] as const;

/**
 * A county's lectures (法治讲座: approved entries of kind lecture) that started in [from, to), per
 * township and per counsel; an entry replaced by an approved correction counts through its
 * correction. One command: the countyCode equality (indexed), the months narrowing in the same filter.
 */
export async function countLectures(
  countyCode: string,
  months: readonly string[],
  from: Date,
  to: Date,
): Promise<Tally<(typeof LEDGER_COUNTS)[number]>> {
  const rows = await LedgerEntryModel.find(
    { countyCode, months: { $in: [...months] }, status: 'approved' },
    { kind: 1, counselId: 1, townshipCode: 1, startAt: 1, correctsEntryId: 1 },
  )
    .batchSize(ONE_BATCH)
    .lean();
  const replaced = new Set(rows.flatMap((r) => (r.correctsEntryId ? [String(r.correctsEntryId)] : [])));
  return tally(
    LEDGER_COUNTS,
    rows
      .filter((r) => !replaced.has(String(r._id)) && r.kind === 'lecture' && within(r.startAt, from, to))
      .map((r) => ({ townshipCode: r.townshipCode, personIds: [r.counselId], counts: { lectures: 1 } })),
  );
}
