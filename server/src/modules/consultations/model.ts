import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import { CONSULTATION_STATUSES, CONSULTATION_STEPS, GROUP_TIERS } from '@vc/types';

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
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'consultation_ratings', versionKey: false },
);
ratingSchema.index({ countyCode: 1 });
export const RatingModel = model('ConsultationRating', ratingSchema);

/**
 * Photos sent with a question. Uploaded before asking (unattached, visible to nobody), then
 * attached to the consultation and seen by whoever may see it. Kept with the consultation.
 */
const photoSchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, required: true },
    consultationId: { type: Schema.Types.ObjectId, default: null },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { collection: 'consultation_photos', versionKey: false },
);
photoSchema.index({ ownerId: 1, consultationId: 1 });
export const PhotoModel = model('ConsultationPhoto', photoSchema);
