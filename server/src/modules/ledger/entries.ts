/**
 * Ledger entries (R4): a counsel records a service (`submit`), once per clientKey; counsel and
 * township reviewers list them. Reviews are in reviews.ts, the figures they feed in rollups.ts.
 */
import { Types } from 'mongoose';
import type { LedgerEntry, SubmitLedgerEntryBody } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import type { Principal } from '../../shared/principal';
import { minutesByMonth } from '../../shared/periods';
import { holdsAt } from '../../shared/scope';
import { LedgerEntryModel, LedgerLockModel, type LedgerEntryDoc } from './model';
import { attendeesRefusal, timesRefusal } from './policy';
import { describe, describeOne } from './views';
import { userById } from '../users/queries';

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
  /** set by other modules only, never from a request: the announced lecture this entry records */
  lecture?: { lectureId: string; attendeeNames: readonly string[] },
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
      servedUserId: body.servedUserId ? new Types.ObjectId(body.servedUserId) : null,
      lectureId: lecture ? new Types.ObjectId(lecture.lectureId) : null,
      attendeeNames: lecture ? [...lecture.attendeeNames] : [],
      late: locked.length > 0,
      lateReason: locked.length > 0 ? body.lateReason : null,
    });
    return { entry: await describeOne(created.toObject<LedgerEntryDoc>()), created: true };
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
  if (body.servedUserId) {
    const served = await userById(body.servedUserId);
    if (served?.villageCode !== body.villageCode) throw new AppError('LEDGER_SERVED_NOT_RESIDENT');
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
