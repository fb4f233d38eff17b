/**
 * A consultation as stored: the document (a projection) and its recorded steps, loaded together,
 * with the projection rewritten from the steps when it lags behind them (policy.ts `project`).
 * Shared by the steps (steps.ts) and the reads (views.ts).
 */
import { Types } from 'mongoose';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { ConsultationModel, ConsultationStepModel, type ConsultationDoc, type StepDoc } from './model';
import { isAsker, mayView, project, type ConsultationState, type Viewer } from './policy';

export const id = (value: string | Types.ObjectId) => new Types.ObjectId(String(value));

export const stateOf = (doc: ConsultationDoc): ConsultationState => ({
  tier: doc.tier,
  handlerId: doc.handlerId ? String(doc.handlerId) : null,
  handlerIds: doc.handlerIds.map(String),
  status: doc.status,
  firstResponseAt: doc.firstResponseAt,
  closedAt: doc.closedAt,
  rated: doc.rated,
  version: doc.version,
});

export const whereOf = (doc: ConsultationDoc) => ({
  villageCode: doc.villageCode,
  townshipCode: doc.townshipCode,
  countyCode: doc.countyCode,
});

export const viewerOf = (principal: Principal): Viewer => ({ userId: principal.userId, grants: principal.grants });

export const stepsOf = (consultationId: Types.ObjectId) =>
  ConsultationStepModel.find({ consultationId }).sort({ n: 1 }).lean<StepDoc[]>();

/** Rewrites the projection from the steps (also repairs one left behind by a crash between the two writes). */
export async function reproject(doc: ConsultationDoc, steps: StepDoc[]): Promise<ConsultationDoc> {
  const state = project(steps.map((s) => ({ n: s.n, kind: s.kind, by: String(s.by), at: s.at, toTier: s.toTier })));
  const fields = {
    version: state.version,
    tier: state.tier,
    handlerId: state.handlerId ? id(state.handlerId) : null,
    handlerIds: state.handlerIds.map(id),
    status: state.status,
    firstResponseAt: state.firstResponseAt,
    closedAt: state.closedAt,
    rated: state.rated,
    updatedAt: steps.at(-1)?.at ?? doc.updatedAt,
  };
  await ConsultationModel.updateOne({ _id: doc._id, version: { $lte: state.version } }, { $set: fields });
  return { ...doc, ...fields };
}

export async function load(consultationId: string): Promise<{ doc: ConsultationDoc; steps: StepDoc[] }> {
  const doc = await ConsultationModel.findById(consultationId).lean<ConsultationDoc>();
  if (!doc) throw new AppError('CONSULTATION_NOT_FOUND');
  const steps = await stepsOf(doc._id);
  const latest = steps.at(-1)?.n ?? 0;
  return { doc: latest > doc.version ? await reproject(doc, steps) : doc, steps };
}

/** A question held by the content check (review.ts) is seen by its asker alone until approved. */
export const heldFrom = (doc: ConsultationDoc, viewer: Viewer) =>
  doc.questionHeld === true && !isAsker(String(doc.askerId), viewer);

/** Not found and not visible look the same, so ids reveal nothing. */
export async function loadVisible(principal: Principal, consultationId: string) {
  const loaded = await load(consultationId);
  const viewer = viewerOf(principal);
  if (heldFrom(loaded.doc, viewer) || !mayView(String(loaded.doc.askerId), whereOf(loaded.doc), stateOf(loaded.doc), viewer))
    throw new AppError('CONSULTATION_NOT_FOUND');
  return loaded;
}
