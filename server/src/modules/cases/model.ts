import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import { CASE_KINDS, CASE_OUTCOMES, CASE_STATUSES, CASE_STEP_KINDS, GROUP_TIERS, IMAGE_CHECK_STATES } from '@vc/types';

/**
 * A case of the service hall (issue 16). The fields after `version` are a projection of its steps
 * (policy.ts project), rewritten after each step; the steps are the record and are never changed.
 */
const caseFields = {
  kind: { type: String, enum: CASE_KINDS, required: true },
  applicantId: { type: Schema.Types.ObjectId, required: true },
  clientKey: { type: String, required: true },
  villageCode: { type: String, required: true },
  townshipCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  /** the kind's own fields as the applicant gave them (views.ts decides who sees which) */
  details: { type: Schema.Types.Mixed, required: true },
  /** a counsel the case is about (a complaint) or with (a booking): the county's figures per counsel */
  counselId: { type: Schema.Types.ObjectId, default: null },
  photoIds: { type: [Schema.Types.ObjectId], default: [] },
  createdAt: { type: Date, required: true },
  version: { type: Number, required: true },
  tier: { type: String, enum: GROUP_TIERS, required: true },
  status: { type: String, enum: CASE_STATUSES, required: true },
  handlerId: { type: Schema.Types.ObjectId, default: null },
  handlerIds: { type: [Schema.Types.ObjectId], default: [] },
  outcome: { type: String, enum: [...CASE_OUTCOMES, null], default: null },
  tierSince: { type: Date, default: null },
  firstResponseAt: { type: Date, default: null },
  closedAt: { type: Date, default: null },
  scheduledAt: { type: Date, default: null },
  rated: { type: Boolean, default: false },
  updatedAt: { type: Date, required: true },
};
const caseSchema = new Schema(caseFields, { collection: 'cases', versionKey: false });
caseSchema.index({ applicantId: 1, clientKey: 1 }, { unique: true });
// the reads are by these equalities (FerretDB pushes down nothing else): mine, inboxes, a county's figures
caseSchema.index({ applicantId: 1 });
caseSchema.index({ villageCode: 1 });
caseSchema.index({ townshipCode: 1 });
caseSchema.index({ countyCode: 1 });
caseSchema.index({ handlerIds: 1 });
export const CaseModel = model('Case', caseSchema);
export type CaseDoc = Stored<typeof caseFields>;

/**
 * The steps. (caseId, n) is unique: n is the case's version + 1, so two people acting at once
 * cannot both write step n (FerretDB does not serialise conditional updates); (caseId, clientKey)
 * is unique so a retried act is recorded once.
 */
const stepFields = {
  caseId: { type: Schema.Types.ObjectId, required: true },
  n: { type: Number, required: true },
  kind: { type: String, enum: CASE_STEP_KINDS, required: true },
  by: { type: Schema.Types.ObjectId, required: true },
  byApplicant: { type: Boolean, required: true },
  byRole: { type: String, required: true },
  text: { type: String, default: null },
  outcome: { type: String, enum: [...CASE_OUTCOMES, null], default: null },
  at2: { type: Date, default: null },
  dueDate: { type: String, default: null },
  lawyer: { type: String, default: null },
  photoIds: { type: [Schema.Types.ObjectId], default: [] },
  /** the ledger entry this step produced (a counsel's mediation session or a kept booking) */
  ledgerEntryId: { type: Schema.Types.ObjectId, default: null },
  clientKey: { type: String, required: true },
  at: { type: Date, required: true },
};
const stepSchema = new Schema(stepFields, { collection: 'case_steps', versionKey: false });
stepSchema.index({ caseId: 1, n: 1 }, { unique: true });
stepSchema.index({ caseId: 1, clientKey: 1 }, { unique: true });
stepSchema.index({ caseId: 1 });
// a person's data copy: the steps they wrote, in one equality
stepSchema.index({ by: 1 });
export const CaseStepModel = model('CaseStep', stepSchema);
export type CaseStepDoc = Stored<typeof stepFields>;

/** One rating per case (R10 服务一次、评价一次); never changed. */
const ratingFields = {
  caseId: { type: Schema.Types.ObjectId, required: true, unique: true },
  kind: { type: String, enum: CASE_KINDS, required: true },
  applicantId: { type: Schema.Types.ObjectId, required: true },
  handlerIds: { type: [Schema.Types.ObjectId], default: [] },
  townshipCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  attitude: { type: Number, required: true },
  efficiency: { type: Number, required: true },
  competence: { type: Number, required: true },
  comment: { type: String, default: null },
  at: { type: Date, required: true },
};
const ratingSchema = new Schema(ratingFields, { collection: 'case_ratings', versionKey: false });
ratingSchema.index({ countyCode: 1 });
export const CaseRatingModel = model('CaseRating', ratingSchema);
export type CaseRatingDoc = Stored<typeof ratingFields>;

/**
 * Photos of documents (legal aid's material). Uploaded first (unattached, seen by nobody), then
 * attached to the case (or to a step that supplies material) and seen by whoever may see the case
 * once WeChat's check passed it; the applicant always sees their own.
 */
const photoSchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, required: true },
    caseId: { type: Schema.Types.ObjectId, default: null },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
    createdAt: { type: Date, default: () => new Date() },
    check: { type: String, enum: IMAGE_CHECK_STATES, default: 'pending' },
    checkReason: { type: String, default: null },
  },
  { collection: 'case_photos', versionKey: false },
);
photoSchema.index({ ownerId: 1, caseId: 1 });
export const CasePhotoModel = model('CasePhoto', photoSchema);
