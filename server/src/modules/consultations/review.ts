/**
 * Content checks on what people write in consultations (issue 13): a text WeChat does not clearly
 * pass (risky, for review, or not checked) is recorded but read only by its writer, marked 待审核,
 * until the township's moderators approve or reject it (with a reason). A held question keeps the
 * whole consultation from the counsel. Decisions are recorded in consultation_reviews and never
 * deleted; a report (reports module) can remove a reply the same way.
 */
import { Types } from 'mongoose';
import type {
  ConsultationStepKind,
  DecideHeldConsultationTextBody,
  HeldConsultationText,
  ReviewStatus,
  TextReview,
} from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { isDuplicateKey } from '../../store/duplicates';
import { SCENE, type ContentCheck, type Verdict } from '../content-check/text';
import { placeNamesByCode } from '../places/lookup';
import { userById, usersInCounties } from '../users/queries';
import { ConsultationModel, ConsultationStepModel, RatingModel, ReviewModel, type ReviewDoc } from './model';

/** WeChat's verdict on a text written by this person (scene 评论: a message in a conversation). */
export async function verdictOn(check: ContentCheck, userId: string, text: string | null | undefined): Promise<Verdict> {
  if (!text?.trim()) return 'pass';
  const writer = await userById(userId);
  return check(writer?.openid ?? '', text, SCENE.comment);
}

export const reviewOf = (verdict: Verdict): TextReview | null => (verdict === 'pass' ? null : 'held');

interface Place {
  _id: Types.ObjectId;
  townshipCode: string;
  countyCode: string;
  villageCode: string;
}

/** Puts a held text in the township's queue; a second call for the same text finds the first. */
export async function queueHeld(
  consultation: Place,
  target: { target: 'step' | 'rating'; n: number; kind: ConsultationStepKind },
  authorId: Types.ObjectId,
  text: string,
  cause: Exclude<Verdict, 'pass'>,
): Promise<void> {
  try {
    await ReviewModel.create({
      consultationId: consultation._id,
      ...target,
      townshipCode: consultation.townshipCode,
      countyCode: consultation.countyCode,
      villageCode: consultation.villageCode,
      authorId,
      text,
      cause,
      status: 'held',
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

async function describeAll(docs: ReviewDoc[]): Promise<HeldConsultationText[]> {
  const [people, villages] = await Promise.all([
    usersInCounties(docs.map((d) => ({ id: d.authorId, countyCode: d.countyCode }))),
    placeNamesByCode(docs.map((d) => d.villageCode)),
  ]);
  return docs.map((d) => ({
    id: String(d._id),
    consultationId: String(d.consultationId),
    villageName: villages.get(d.villageCode) ?? '',
    kind: d.kind as ConsultationStepKind,
    authorName: people.get(String(d.authorId))?.name ?? '',
    text: d.text,
    cause: d.cause,
    status: d.status,
    reason: d.reason,
    at: d.at.toISOString(),
    decidedAt: d.decidedAt?.toISOString() ?? null,
  }));
}

/** The township's queue (route access: its township staff). */
export async function heldTexts(townshipCode: string, status: ReviewStatus): Promise<HeldConsultationText[]> {
  const docs = await ReviewModel.find({ townshipCode, status }).sort({ at: 1 }).limit(200).lean<ReviewDoc[]>();
  return describeAll(docs);
}

/** Shows the text to the others (null) or keeps it from them for good. */
async function applyReview(review: ReviewDoc, textReview: TextReview | null): Promise<void> {
  if (review.target === 'rating') {
    await RatingModel.updateOne({ consultationId: review.consultationId }, { $set: { commentReview: textReview } });
    return;
  }
  await ConsultationStepModel.updateOne({ consultationId: review.consultationId, n: review.n }, { $set: { review: textReview } });
  if (review.kind === 'asked' && textReview === null) await releaseQuestion(review.consultationId, new Date());
}

/**
 * An approved question reaches the counsel now, so its deadlines start now: they move on by the
 * time it waited for the moderators (nobody could answer it meanwhile, and it must not count as
 * overdue against the counsel). Conditional on questionHeld, so a retried decision moves them once.
 */
async function releaseQuestion(consultationId: Types.ObjectId, now: Date): Promise<void> {
  const doc = await ConsultationModel.findOne(
    { _id: consultationId, questionHeld: true },
    { createdAt: 1, firstResponseDueAt: 1, closeDueAt: 1 },
  ).lean();
  if (!doc) return;
  const waited = Math.max(0, now.getTime() - doc.createdAt.getTime());
  await ConsultationModel.updateOne(
    { _id: consultationId, questionHeld: true },
    {
      $set: {
        questionHeld: false,
        firstResponseDueAt: new Date(doc.firstResponseDueAt.getTime() + waited),
        closeDueAt: new Date(doc.closeDueAt.getTime() + waited),
      },
    },
  );
}

/**
 * A moderator's decision, once: the queue item is claimed by a conditional update (a second
 * decision finds it decided), then the text is shown or kept hidden.
 */
export async function decide(
  principal: Principal,
  townshipCode: string,
  reviewId: string,
  body: DecideHeldConsultationTextBody,
  /** an approved answer can be read by the asker only now: told then (notify.ts) */
  onApprovedAnswer: (consultationId: Types.ObjectId, n: number) => Promise<void> = () => Promise.resolve(),
): Promise<HeldConsultationText> {
  const review = await ReviewModel.findById(reviewId).lean<ReviewDoc>();
  if (!review || review.townshipCode !== townshipCode) throw new AppError('CONSULTATION_REVIEW_NOT_FOUND');
  if (review.status !== 'held') throw new AppError('CONSULTATION_REVIEW_DECIDED');
  if (body.decision === 'reject' && !body.reason) throw new AppError('MODERATION_REASON_REQUIRED');
  const decided = {
    status: body.decision === 'approve' ? ('approved' as const) : ('rejected' as const),
    decidedBy: new Types.ObjectId(principal.userId),
    decidedAt: new Date(),
    reason: body.reason ?? null,
  };
  const result = await ReviewModel.updateOne({ _id: review._id, status: 'held' }, { $set: decided });
  if (result.modifiedCount === 0) throw new AppError('CONSULTATION_REVIEW_DECIDED');
  await applyReview(review, body.decision === 'approve' ? null : 'rejected');
  if (body.decision === 'approve' && review.target === 'step' && review.kind === 'answered')
    await onApprovedAnswer(review.consultationId, review.n);
  const [described] = await describeAll([{ ...review, ...decided }]);
  return described!;
}

/**
 * For reports: a reply removed by a moderator is read by its writer alone from now on; the queue
 * records who removed it and why (one item per text: an earlier decision on it is replaced).
 */
export async function removeStepText(
  consultation: Place,
  step: { n: number; kind: ConsultationStepKind; by: Types.ObjectId; text: string },
  moderatorId: string,
  reason: string,
): Promise<void> {
  const key = { consultationId: consultation._id, target: 'step' as const, n: step.n };
  const decided = { status: 'removed' as const, decidedBy: new Types.ObjectId(moderatorId), decidedAt: new Date(), reason };
  const result = await ReviewModel.updateOne(key, { $set: decided });
  if (result.matchedCount === 0) {
    try {
      await ReviewModel.create({
        ...key,
        kind: step.kind,
        townshipCode: consultation.townshipCode,
        countyCode: consultation.countyCode,
        villageCode: consultation.villageCode,
        authorId: step.by,
        text: step.text,
        cause: 'report',
        ...decided,
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await ReviewModel.updateOne(key, { $set: decided });
    }
  }
  await ConsultationStepModel.updateOne({ consultationId: consultation._id, n: step.n }, { $set: { review: 'removed' } });
}
