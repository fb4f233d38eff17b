/**
 * How other modules read consultations (they never import consultations/model.ts). Each query
 * carries an indexed top-level equality; ranges and lists narrow in the same filter
 * (../../store/README.md, rule 1).
 */
import { Types } from 'mongoose';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { userById } from '../users/queries';
import { load, loadVisible } from './record';
import { removeStepText } from './review';
import { clipChars } from '@vc/types';
import { ONE_BATCH } from '../../store/batch';
import { ratedSatisfied, tally, within, type Tally } from '../../shared/tally';
import { ConsultationModel, PhotoModel, RatingModel } from './model';

/**
 * The consultations a person first answered in [from, to) in these villages, as the village code
 * of each (one per consultation): the handler's consultations (`handlerIds` equality, array
 * membership, indexed), narrowed by village and date in the same filter.
 */
export async function answeredIn(
  handlerId: Types.ObjectId,
  villageCodes: readonly string[],
  from: Date,
  to: Date,
): Promise<string[]> {
  if (villageCodes.length === 0) return [];
  const rows = await ConsultationModel.find(
    { handlerIds: handlerId, villageCode: { $in: [...villageCodes] }, firstResponseAt: { $gte: from, $lt: to } },
    { villageCode: 1 },
  ).lean();
  return rows.map((r) => r.villageCode);
}

// --- privacy (issue 13): the data copy, account cancellation, retention ---

/** The consultations a person handles that are not closed yet (`handlerIds` equality, indexed): work to hand over. */
export async function unfinishedHandledBy(handlerId: Types.ObjectId): Promise<{ id: string; villageCode: string }[]> {
  const rows = await ConsultationModel.find({ handlerIds: handlerId }, { villageCode: 1, status: 1 }).lean();
  return rows.filter((r) => r.status !== 'closed').map((r) => ({ id: String(r._id), villageCode: r.villageCode }));
}

/** The consultations a person asked (`askerId` equality, indexed), newest first, for their data copy. */
export async function askedBy(askerId: Types.ObjectId) {
  return ConsultationModel.find({ askerId }, { villageCode: 1, question: 1, status: 1, createdAt: 1, closedAt: 1 })
    .sort({ updatedAt: -1 })
    .lean();
}

/** Deletes a cancelled person's photos attached to no consultation (`ownerId` equality, indexed); attached ones stay with their consultation. */
export async function forgetAsker(askerId: Types.ObjectId): Promise<number> {
  return (await PhotoModel.deleteMany({ ownerId: askerId, consultationId: null })).deletedCount;
}

/** Photos never attached to a question, uploaded before `before` (a rare job's scan). */
export async function purgeUnattachedPhotos(before: Date): Promise<number> {
  return (await PhotoModel.deleteMany({ consultationId: null, createdAt: { $lt: before } })).deletedCount;
}

/**
 * For reports (reports module): a reply (answer or follow-up) of a consultation this person may
 * see, by someone else, readable by them; its township's moderators handle the report.
 */
export async function replyForReport(principal: Principal, consultationId: string, n: number) {
  const { doc, steps } = await loadVisible(principal, consultationId);
  const step = steps.find((s) => s.n === n);
  const readable = step && step.text && (!step.review || String(step.by) === principal.userId);
  if (!step || !readable || (step.kind !== 'answered' && step.kind !== 'followed_up'))
    throw new AppError('REPORT_TARGET_NOT_FOUND');
  if (String(step.by) === principal.userId) throw new AppError('REPORT_OWN_CONTENT');
  const author = await userById(step.by);
  return {
    townshipCode: doc.townshipCode,
    countyCode: doc.countyCode,
    authorId: step.by,
    authorName: author?.name ?? '',
    text: step.text!,
  };
}

/** For reports: a moderator removes a reply; from now on only its writer reads it (review.ts). */
export async function removeReply(consultationId: string, n: number, moderatorId: string, reason: string): Promise<void> {
  const { doc, steps } = await load(consultationId);
  const step = steps.find((s) => s.n === n);
  if (!step?.text) return;
  await removeStepText(doc, { n, kind: step.kind, by: step.by, text: step.text }, moderatorId, reason);
}

// --- to-do (issue 14 item 4): what waits for a person, read by the todo module ---

/** A question as a to-do item needs it: its text (the caller trims and masks it), village and time limits. */
export interface WaitingQuestion {
  id: string;
  question: string;
  villageCode: string;
  firstResponseDueAt: Date;
  closeDueAt: Date;
  firstResponseAt: Date | null;
}
const WAITING_FIELDS = {
  question: 1,
  villageCode: 1,
  tier: 1,
  handlerId: 1,
  questionHeld: 1,
  firstResponseDueAt: 1,
  closeDueAt: 1,
  firstResponseAt: 1,
} as const;
type WaitingRow = WaitingQuestion & { tier: string; handlerId: Types.ObjectId | null; questionHeld?: boolean };
const asWaiting = (r: { _id: Types.ObjectId } & Omit<WaitingRow, 'id'>): WaitingQuestion => ({
  id: String(r._id),
  question: r.question,
  villageCode: r.villageCode,
  firstResponseDueAt: r.firstResponseDueAt,
  closeDueAt: r.closeDueAt,
  firstResponseAt: r.firstResponseAt ?? null,
});

/**
 * Village-tier questions waiting for an answer from this counsel (status `open`: new, or followed
 * up): those they own in the villages given, and the unowned ones there (first contact, R8).
 * Two queries whatever the number of villages or questions: `handlerId` equality, and
 * (status, tier) equalities with the villages as `$in`. A held question waits for no one (review.ts).
 */
export async function waitingForCounsel(counselId: string, villageCodes: readonly string[]): Promise<WaitingQuestion[]> {
  if (villageCodes.length === 0) return [];
  const me = new Types.ObjectId(counselId);
  const villages = new Set(villageCodes);
  const [owned, unowned] = await Promise.all([
    ConsultationModel.find({ handlerId: me, status: 'open' }, WAITING_FIELDS).limit(500).lean(),
    ConsultationModel.find(
      { status: 'open', tier: 'village', villageCode: { $in: [...villages] }, handlerId: null },
      WAITING_FIELDS,
    )
      .limit(500)
      .lean(),
  ]);
  const rows = [...owned, ...unowned].filter((r) => !r.questionHeld && r.tier === 'village' && villages.has(r.villageCode));
  return [...new Map(rows.map((r) => [String(r._id), asWaiting(r as never)])).values()];
}

// --- call-backs and the assessment (issue 16 items 5 and 7), read by the callbacks module ---

/** A finished service as a call-back samples it (callbacks module). */
export interface FinishedService {
  id: string;
  kind: 'consultation';
  villageCode: string;
  personId: Types.ObjectId;
  handlerId: Types.ObjectId | null;
  handlerIds: Types.ObjectId[];
  finishedAt: Date;
  /** the question's first words; a question held by the content check is not shown */
  title: string;
}

/**
 * The consultations of a township closed in [from, to): (townshipCode, status) equalities,
 * indexed; the dates narrow in the same filter.
 */
export async function closedInTownship(townshipCode: string, from: Date, to: Date): Promise<FinishedService[]> {
  const rows = await ConsultationModel.find(
    { townshipCode, status: 'closed', closedAt: { $gte: from, $lt: to } },
    { villageCode: 1, askerId: 1, handlerId: 1, handlerIds: 1, closedAt: 1, question: 1, questionHeld: 1 },
  )
    .batchSize(ONE_BATCH)
    .lean();
  return rows
    .filter((r) => r.closedAt && r.closedAt >= from && r.closedAt < to)
    .map((r) => ({
      id: String(r._id),
      kind: 'consultation' as const,
      villageCode: r.villageCode,
      personId: r.askerId,
      handlerId: r.handlerId ?? null,
      handlerIds: r.handlerIds ?? [],
      finishedAt: r.closedAt!,
      title: r.questionHeld ? '（问题内容审核中）' : clipChars(r.question, 30),
    }));
}

export const CONSULTATION_COUNTS = ['asked', 'closed', 'ratings', 'ratingsSatisfied'] as const;

/**
 * A county's consultations counted for a period [from, to), per township and per handler: asked
 * (created), closed, ratings given and those averaging ≥ 4. Two commands whatever the county's
 * size: the consultations by (countyCode, createdAt), the ratings by countyCode, both indexed.
 */
export async function countConsultations(
  countyCode: string,
  from: Date,
  to: Date,
): Promise<Tally<(typeof CONSULTATION_COUNTS)[number]>> {
  const [docs, ratings] = await Promise.all([
    ConsultationModel.find(
      { countyCode, createdAt: { $lt: to } },
      { townshipCode: 1, handlerIds: 1, createdAt: 1, closedAt: 1, status: 1 },
    )
      .batchSize(ONE_BATCH)
      .lean(),
    RatingModel.find(
      { countyCode, at: { $gte: from, $lt: to } },
      { villageCode: 1, handlerIds: 1, attitude: 1, efficiency: 1, competence: 1, at: 1 },
    )
      .batchSize(ONE_BATCH)
      .lean(),
  ]);
  return tally(CONSULTATION_COUNTS, [
    ...docs.map((d) => ({
      townshipCode: d.townshipCode,
      personIds: d.handlerIds ?? [],
      counts: {
        asked: within(d.createdAt, from, to) ? 1 : 0,
        closed: d.status === 'closed' && within(d.closedAt, from, to) ? 1 : 0,
      },
    })),
    ...ratings
      .filter((r) => within(r.at, from, to))
      .map((r) => ({
        townshipCode: r.villageCode.slice(0, 9),
        personIds: r.handlerIds ?? [],
        counts: { ratings: 1, ratingsSatisfied: ratedSatisfied(r) ? 1 : 0 },
      })),
  ]);
}
