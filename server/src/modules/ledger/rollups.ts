/**
 * Rollups: the approved service per counsel, village and Beijing month, rewritten from the entries
 * on each approval (reviews.ts) so reports read one document per village and month (report.ts).
 */
import { Types } from 'mongoose';
import { withLease } from '../../store/lease';
import { LedgerEntryModel, LedgerRollupModel, type LedgerEntryDoc, type RollupDoc } from './model';
import { figuresForMonth, type MonthFigures } from './policy';

/** An entry as the figures count it (policy.ts figuresForMonth). */
export const toCounted = (e: Pick<LedgerEntryDoc, '_id' | 'kind' | 'mode' | 'startAt' | 'endAt' | 'correctsEntryId'>) => ({
  id: String(e._id),
  kind: e.kind,
  mode: e.mode,
  startAt: e.startAt,
  endAt: e.endAt,
  correctsEntryId: e.correctsEntryId ? String(e.correctsEntryId) : null,
});

/** Figures of one counsel, village and month, straight from the approved entries. */
export async function figuresFromEntries(counselId: string, villageCode: string, month: string): Promise<MonthFigures> {
  const approved = await LedgerEntryModel.find({
    counselId: new Types.ObjectId(counselId),
    villageCode,
    months: month,
    status: 'approved',
  }).lean<LedgerEntryDoc[]>();
  // corrections approved in other months still replace these entries; a correction is the same
  // counsel's, in the same village (entries.ts checkSubmission), so those equalities narrow the ids' search
  const corrections = approved.length
    ? await LedgerEntryModel.find({
        counselId: new Types.ObjectId(counselId),
        villageCode,
        correctsEntryId: { $in: approved.map((e) => e._id) },
        status: 'approved',
      }).lean<LedgerEntryDoc[]>()
    : [];
  const all = [...approved, ...corrections.filter((c) => !approved.some((a) => String(a._id) === String(c._id)))];
  return figuresForMonth(all.map(toCounted), month);
}

/** Rewrites one rollup from the entries, under a lease so concurrent approvals cannot interleave. */
export async function recomputeRollup(counselId: string, villageCode: string, month: string): Promise<void> {
  const key = `${counselId}:${villageCode}:${month}`;
  await withLease(`rollup:${key}`, async () => {
    const figures = await figuresFromEntries(counselId, villageCode, month);
    const doc: Omit<RollupDoc, '_id'> = {
      key,
      counselId: new Types.ObjectId(counselId),
      villageCode,
      townshipCode: villageCode.slice(0, 9),
      countyCode: villageCode.slice(0, 6),
      provinceCode: villageCode.slice(0, 2),
      month,
      ...figures,
      computedAt: new Date(),
    };
    await LedgerRollupModel.replaceOne({ key }, doc, { upsert: true });
  });
}

/** The check of issue 4 rule 4: every rollup equals a recomputation from the entries. */
export async function checkRollups(countyCode: string): Promise<{ checked: number; mismatches: string[] }> {
  const rollups = await LedgerRollupModel.find({ countyCode }).lean<RollupDoc[]>();
  const mismatches: string[] = [];
  for (const r of rollups) {
    const fresh = await figuresFromEntries(String(r.counselId), r.villageCode, r.month);
    const fields = ['onSiteMinutes', 'remoteMinutes', 'lectures', 'mediations', 'entries'] as const;
    if (fields.some((f) => fresh[f] !== (r[f] ?? 0))) {
      mismatches.push(r.key);
    }
  }
  return { checked: rollups.length, mismatches };
}
