import { Types } from 'mongoose';
import type { LedgerEntry, LedgerLock, ReviewLedgerEntryBody, SubmitLedgerEntryBody, VillageProgress } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import type { Principal } from '../../shared/http';
import { withLease } from '../../store/lease';
import { inBeijing, minutesByMonth, monthOf, monthStart } from '../../shared/periods';
import { answeredIn } from '../consultations/queries';
import { holdsAt } from '../../shared/scope';
import { usersInCounties } from '../accounts/queries';
import { countyPolicy } from '../counsel/service';
import { placeByCode, placeNamesByCode } from '../places/lookup';
import {
  LedgerEntryModel,
  LedgerLockModel,
  LedgerReviewModel,
  LedgerRollupModel,
  type LedgerEntryDoc,
  type RollupDoc,
} from './model';
import { attendeesRefusal, figuresForMonth, standing, timesRefusal, type MonthFigures } from './policy';

/** Entries as listed: counsel and village names read per county of the entries, not per entry. */
async function describe(entries: LedgerEntryDoc[]): Promise<LedgerEntry[]> {
  const [counsel, villageNames] = await Promise.all([
    usersInCounties(entries.map((e) => ({ id: e.counselId, countyCode: e.countyCode }))),
    placeNamesByCode(entries.map((e) => e.villageCode)),
  ]);
  const names = new Map([...counsel].map(([id, c]) => [id, c.name]));
  return entries.map((e) => ({
    id: String(e._id),
    clientKey: e.clientKey,
    counselId: String(e.counselId),
    counselName: names.get(String(e.counselId)) ?? '',
    villageCode: e.villageCode,
    villageName: villageNames.get(e.villageCode) ?? '',
    kind: e.kind,
    mode: e.mode,
    startAt: e.startAt.toISOString(),
    endAt: e.endAt.toISOString(),
    minutes: e.minutes,
    summary: e.summary,
    attendees: e.attendees ?? null,
    viaTimer: e.viaTimer,
    status: e.status,
    late: e.late,
    lateReason: e.lateReason ?? null,
    correctsEntryId: e.correctsEntryId ? String(e.correctsEntryId) : null,
    review: e.review
      ? { decision: e.review.decision, reason: e.review.reason ?? null, by: String(e.review.by), at: e.review.at.toISOString() }
      : null,
    createdAt: e.createdAt.toISOString(),
  }));
}

const describeOne = async (entry: LedgerEntryDoc) => (await describe([entry]))[0]!;

/** The facts of a submission, to tell a retry (same facts) from a reused key (other facts). */
const sameFacts = (e: LedgerEntryDoc, body: SubmitLedgerEntryBody) =>
  e.villageCode === body.villageCode &&
  e.kind === body.kind &&
  e.startAt.getTime() === new Date(body.startAt).getTime() &&
  e.endAt.getTime() === new Date(body.endAt).getTime();

/** The entry a counsel already recorded under this key, if any. */
const recordedUnder = (counselId: Types.ObjectId, clientKey: string) =>
  LedgerEntryModel.findOne({ counselId, clientKey }).lean<LedgerEntryDoc>();

/** The first record answers a retry; other facts under the same key are refused. */
async function answerRetry(earlier: LedgerEntryDoc, body: SubmitLedgerEntryBody) {
  if (!sameFacts(earlier, body)) throw new AppError('LEDGER_KEY_REUSED');
  return { entry: await describeOne(earlier), created: false };
}

/**
 * Records a service (R4). Idempotent by (counsel, clientKey): a retry or a second offline sync
 * returns the first record (`created: false`) and writes nothing.
 *
 * Insert first, look up only when needed: the unique (counselId, clientKey) index turns a retry
 * into a duplicate-key error, while a lookup by key would scan the whole ledger on FerretDB (its
 * finds use no index), which made every new submission cost as much as a scan (bench/ledger.ts).
 * A retry that would now be refused (a lock, a time limit, a village no longer served) still
 * gets its first record: refusals look for it before they are thrown.
 */
export async function submit(
  principal: Principal,
  body: SubmitLedgerEntryBody,
  now = new Date(),
): Promise<{ entry: LedgerEntry; created: boolean }> {
  const counselId = new Types.ObjectId(principal.userId);
  let locked: { month: string }[];
  try {
    locked = await checkSubmission(principal, counselId, body, now);
  } catch (refusal) {
    const earlier = refusal instanceof AppError ? await recordedUnder(counselId, body.clientKey) : null;
    if (earlier) return answerRetry(earlier, body);
    throw refusal;
  }
  const start = new Date(body.startAt);
  const end = new Date(body.endAt);
  try {
    const created = await LedgerEntryModel.create({
      counselId,
      clientKey: body.clientKey,
      villageCode: body.villageCode,
      townshipCode: body.villageCode.slice(0, 9),
      countyCode: body.villageCode.slice(0, 6),
      kind: body.kind,
      mode: body.mode ?? 'on_site',
      startAt: start,
      endAt: end,
      minutes: Math.round((end.getTime() - start.getTime()) / 60000),
      months: minutesByMonth(start, end).map((p) => p.month),
      summary: body.summary,
      attendees: body.attendees ?? null,
      location: body.location ?? null,
      viaTimer: body.viaTimer ?? false,
      correctsEntryId: body.correctsEntryId ? new Types.ObjectId(body.correctsEntryId) : null,
      late: locked.length > 0,
      lateReason: locked.length > 0 ? body.lateReason : null,
    });
    return { entry: await describeOne(created.toObject() as unknown as LedgerEntryDoc), created: true };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // a retry, or the same key arriving twice at once: the first record answers
    const first = await recordedUnder(counselId, body.clientKey);
    if (!first) throw err;
    return answerRetry(first, body);
  }
}

/** The rules a new entry must pass; returns the locked months it falls in (a late entry). */
async function checkSubmission(
  principal: Principal,
  counselId: Types.ObjectId,
  body: SubmitLedgerEntryBody,
  now: Date,
): Promise<{ month: string }[]> {
  if (!holdsAt(principal.grants, ['counsel'], body.villageCode)) throw new AppError('LEDGER_VILLAGE_NOT_SERVED');
  const start = new Date(body.startAt);
  const end = new Date(body.endAt);
  const refusal = timesRefusal(start, end, now) ?? attendeesRefusal(body.kind, body.attendees);
  if (refusal) throw new AppError(refusal);
  if (body.correctsEntryId) {
    const original = await LedgerEntryModel.findOne({
      _id: body.correctsEntryId,
      counselId,
      villageCode: body.villageCode,
    }).lean();
    if (!original) throw new AppError('LEDGER_CORRECTION_INVALID');
  }
  const months = minutesByMonth(start, end).map((p) => p.month);
  const locked = await LedgerLockModel.find({ townshipCode: body.villageCode.slice(0, 9), month: { $in: months } }).lean();
  if (locked.length > 0 && !body.lateReason)
    throw new AppError('LEDGER_PERIOD_LOCKED', `${locked.map((l) => l.month).join('、')} 的台账已锁定，补登须填写补登原因`);
  return locked;
}

interface ListFilter {
  month?: string;
  villageCode?: string;
  status?: string;
}
function filterOf(scope: Record<string, unknown>, query: ListFilter): Record<string, unknown> {
  const filter: Record<string, unknown> = { ...scope };
  if (query.month) filter.months = query.month;
  if (query.villageCode) filter.villageCode = query.villageCode;
  if (query.status) filter.status = query.status;
  return filter;
}

export async function listMine(counselId: string, query: ListFilter): Promise<LedgerEntry[]> {
  const rows = await LedgerEntryModel.find(filterOf({ counselId: new Types.ObjectId(counselId) }, query))
    .sort({ startAt: -1 })
    .limit(500)
    .lean<LedgerEntryDoc[]>();
  return describe(rows);
}

/** Township scope is part of the filter itself, so a reviewer can never list another township. */
export async function listTownship(townshipCode: string, query: ListFilter): Promise<LedgerEntry[]> {
  const rows = await LedgerEntryModel.find(filterOf({ townshipCode }, query))
    .sort({ startAt: 1 })
    .limit(500)
    .lean<LedgerEntryDoc[]>();
  return describe(rows);
}

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
): Promise<LedgerEntry> {
  const entry = await LedgerEntryModel.findOne({ _id: entryId, townshipCode }).lean<LedgerEntryDoc>();
  if (!entry) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  const decision = { decision: body.decision, reason: body.reason ?? null, by: new Types.ObjectId(by), at: new Date() };
  let recorded: ReviewDecision = decision;
  try {
    await LedgerReviewModel.create({ entryId: entry._id, ...decision });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Decided already. The same reviewer resending the same decision (a reply lost, or the server
    // stopped half-way) finishes it; anything else is a second review.
    const first = await LedgerReviewModel.findOne({ entryId: entry._id }).lean<ReviewDecision>();
    if (!first || first.decision !== decision.decision || (first.reason ?? null) !== decision.reason || String(first.by) !== by)
      throw new AppError('LEDGER_ALREADY_REVIEWED');
    recorded = first;
  }
  await carryOut(entry, recorded);
  return describeOne((await LedgerEntryModel.findById(entry._id).lean<LedgerEntryDoc>())!);
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

export async function lockMonth(townshipCode: string, month: string, by: string): Promise<LedgerLock> {
  const township = await placeByCode(townshipCode);
  if (township?.level !== 'township') throw new AppError('PLACE_NOT_FOUND');
  try {
    const lock = await LedgerLockModel.create({ townshipCode, month, lockedBy: new Types.ObjectId(by) });
    return { townshipCode, month, lockedAt: lock.lockedAt.toISOString(), lockedBy: by };
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('LEDGER_ALREADY_LOCKED');
    throw err;
  }
}

const toCounted = (e: LedgerEntryDoc) => ({
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
  // counsel's, in the same village (checkSubmission), so those equalities narrow the ids' search
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
    const doc: RollupDoc = {
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

/** A counsel's standing in each village they serve, from rollups (plus pending minutes this month). */
export async function progress(principal: Principal, month = monthOf(new Date())): Promise<VillageProgress[]> {
  const villages = principal.grants.filter((g) => g.role === 'counsel').map((g) => g.placeCode);
  if (villages.length === 0) return [];
  const counselId = new Types.ObjectId(principal.userId);
  const year = month.slice(0, 4);
  const rollups = await LedgerRollupModel.find({
    counselId,
    villageCode: { $in: villages },
    month: { $gte: `${year}-01`, $lte: `${year}-12` },
  }).lean<RollupDoc[]>();
  const pending = await LedgerEntryModel.find({
    counselId,
    villageCode: { $in: villages },
    months: month,
    status: 'pending',
    mode: 'on_site',
  }).lean<LedgerEntryDoc[]>();
  const names = await placeNamesByCode(villages);
  const targets = await countyPolicy(villages[0]!.slice(0, 6));
  // remote service (R5): consultations this counsel answered, by the month of the first answer
  const answered = await answeredIn(
    counselId,
    villages,
    monthStart(month),
    monthStart(inBeijing(monthStart(month)).add(1, 'month').format('YYYY-MM')),
  );
  return villages.map((villageCode) => {
    const byMonth = new Map(rollups.filter((r) => r.villageCode === villageCode).map((r) => [r.month, r]));
    const s = standing(byMonth, month, targets);
    const pendingMinutes = pending
      .filter((e) => e.villageCode === villageCode)
      .reduce((sum, e) => sum + (minutesByMonth(e.startAt, e.endAt).find((p) => p.month === month)?.minutes ?? 0), 0);
    return {
      villageCode,
      villageName: names.get(villageCode) ?? '',
      month: {
        ...s.month,
        pendingOnSiteMinutes: pendingMinutes,
        consultationsAnswered: answered.filter((code) => code === villageCode).length,
      },
      quarter: s.quarter,
      year: s.year,
      missing: s.missing,
    };
  });
}
