import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import {
  CONSULTATION_STATUSES,
  CONSULTATION_STEPS,
  GROUP_TIERS,
  IMAGE_CHECK_STATES,
  REVIEW_STATUSES,
  TEXT_REVIEW_STATES,
} from '@vc/types';

/**
 * A consultation. The fields after `version` are a projection of its steps (policy.ts project),
 * rewritten after each step; the steps are the record and are never changed.
 */
const consultationFields = {
  askerId: { type: Schema.Types.ObjectId, required: true },
  clientKey: { type: String, required: true },
  villageCode: { type: String, required: true },
  townshipCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  question: { type: String, required: true },
  photoIds: { type: [Schema.Types.ObjectId], default: [] },
  source: { type: String, enum: ['direct', 'group'] as const, required: true },
  createdAt: { type: Date, required: true },
  firstResponseDueAt: { type: Date, required: true },
  closeDueAt: { type: Date, required: true },
  version: { type: Number, required: true },
  tier: { type: String, enum: GROUP_TIERS, required: true },
  handlerId: { type: Schema.Types.ObjectId, default: null },
  handlerIds: { type: [Schema.Types.ObjectId], default: [] },
  status: { type: String, enum: CONSULTATION_STATUSES, required: true },
  firstResponseAt: { type: Date, default: null },
  closedAt: { type: Date, default: null },
  rated: { type: Boolean, default: false },
  updatedAt: { type: Date, required: true },
  /** the question did not pass the content check (review.ts): only the asker sees the consultation until approved */
  questionHeld: { type: Boolean, default: false },
};
const consultationSchema = new Schema(consultationFields, { collection: 'consultations', versionKey: false });
consultationSchema.index({ askerId: 1, clientKey: 1 }, { unique: true });
consultationSchema.index({ askerId: 1, updatedAt: -1 });
consultationSchema.index({ status: 1, tier: 1, villageCode: 1 });
consultationSchema.index({ townshipCode: 1, status: 1 });
consultationSchema.index({ handlerIds: 1 });
// an owner's inbox and a county's figures are read by these equalities (FerretDB pushes down nothing else)
consultationSchema.index({ handlerId: 1 });
consultationSchema.index({ countyCode: 1, createdAt: 1 });
export const ConsultationModel = model('Consultation', consultationSchema);

/** As `.lean()` reads it, derived from the schema. */
export type ConsultationDoc = Stored<typeof consultationFields>;

/**
 * The steps. (consultationId, n) is unique: n is the consultation's version + 1, so two people
 * acting at once cannot both write step n (FerretDB does not serialise conditional updates).
 * (consultationId, clientKey) is unique so a retried answer is recorded once.
 */
const stepFields = {
  consultationId: { type: Schema.Types.ObjectId, required: true },
  n: { type: Number, required: true },
  kind: { type: String, enum: CONSULTATION_STEPS, required: true },
  by: { type: Schema.Types.ObjectId, required: true },
  byRole: { type: String, required: true },
  text: { type: String, default: null },
  reason: { type: String, default: null },
  fromTier: { type: String, enum: GROUP_TIERS, default: null },
  toTier: { type: String, enum: GROUP_TIERS, default: null },
  clientKey: { type: String, required: true },
  at: { type: Date, default: () => new Date() },
  /**
   * The one field a moderator changes (review.ts): null when the text may be read by all who see
   * the consultation; otherwise only its writer reads it. The text itself is never changed.
   */
  review: { type: String, enum: TEXT_REVIEW_STATES, default: null },
};
const stepSchema = new Schema(stepFields, { collection: 'consultation_steps', versionKey: false });
stepSchema.index({ consultationId: 1, n: 1 }, { unique: true });
stepSchema.index({ consultationId: 1, clientKey: 1 }, { unique: true });
export const ConsultationStepModel = model('ConsultationStep', stepSchema);

/** As `.lean()` reads it, derived from the schema. */
export type StepDoc = Stored<typeof stepFields>;

/** One rating per consultation (R10 服务一次、评价一次); never changed. */
const ratingSchema = new Schema(
  {
    consultationId: { type: Schema.Types.ObjectId, required: true, unique: true },
    askerId: { type: Schema.Types.ObjectId, required: true },
    handlerIds: { type: [Schema.Types.ObjectId], default: [] },
    villageCode: { type: String, required: true },
    /** the consultation's county: a county's figures read its ratings by this equality */
    countyCode: { type: String, required: true },
    attitude: { type: Number, required: true },
    efficiency: { type: Number, required: true },
    competence: { type: Number, required: true },
    comment: { type: String, default: null },
    /** as a step's `review`, for the comment */
    commentReview: { type: String, enum: TEXT_REVIEW_STATES, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'consultation_ratings', versionKey: false },
);
ratingSchema.index({ countyCode: 1 });
export const RatingModel = model('ConsultationRating', ratingSchema);

/**
 * Photos sent with a question. Uploaded before asking (unattached, visible to nobody), then
 * attached to the consultation and seen by whoever may see it once WeChat's check passed it
 * (content-check/image.ts; the asker always sees their own). Kept with the consultation.
 */
const photoSchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, required: true },
    consultationId: { type: Schema.Types.ObjectId, default: null },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
    createdAt: { type: Date, default: () => new Date() },
    /** WeChat's check (content-check/image.ts); photos stored before checks read as passed */
    check: { type: String, enum: IMAGE_CHECK_STATES, default: 'pass' },
    checkReason: { type: String, default: null },
  },
  { collection: 'consultation_photos', versionKey: false },
);
photoSchema.index({ ownerId: 1, consultationId: 1 });
export const PhotoModel = model('ConsultationPhoto', photoSchema);

/**
 * Texts of consultations that others may not read yet (content check: risky, for review or not
 * checked) or any more (removed after a report), for the township's moderators (review.ts).
 * One per text: (consultationId, target, n); `n` is the step's number, 0 for the rating's comment.
 * Decisions are recorded here and never deleted.
 */
const reviewFields = {
  consultationId: { type: Schema.Types.ObjectId, required: true },
  target: { type: String, enum: ['step', 'rating'] as const, required: true },
  n: { type: Number, required: true },
  kind: { type: String, required: true },
  townshipCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  villageCode: { type: String, required: true },
  authorId: { type: Schema.Types.ObjectId, required: true },
  text: { type: String, required: true },
  cause: { type: String, enum: ['risky', 'review', 'check_unavailable', 'report'] as const, required: true },
  status: { type: String, enum: REVIEW_STATUSES, required: true },
  decidedBy: { type: Schema.Types.ObjectId, default: null },
  decidedAt: { type: Date, default: null },
  reason: { type: String, default: null },
  at: { type: Date, default: () => new Date() },
};
const reviewSchema = new Schema(reviewFields, { collection: 'consultation_reviews', versionKey: false });
reviewSchema.index({ consultationId: 1, target: 1, n: 1 }, { unique: true });
reviewSchema.index({ townshipCode: 1, status: 1 });
export const ReviewModel = model('ConsultationReview', reviewSchema);
export type ReviewDoc = Stored<typeof reviewFields>;
