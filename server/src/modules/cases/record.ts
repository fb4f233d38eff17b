/**
 * A case as stored: the document (a projection) and its recorded steps, loaded together, with the
 * projection rewritten from the steps when it lags behind them (policy.ts `project`).
 */
import { Types } from 'mongoose';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { countyPolicy } from '../county-policy/service';
import { KINDS } from './kinds';
import { CaseModel, CaseStepModel, type CaseDoc, type CaseStepDoc } from './model';
import { mayView, project, type CaseFacts, type CaseState, type Limits, type Viewer } from './policy';

export const id = (value: string | Types.ObjectId) => new Types.ObjectId(String(value));
export const viewerOf = (principal: Principal): Viewer => ({ userId: principal.userId, grants: principal.grants });
export const kindOf = (doc: Pick<CaseDoc, 'kind'>) => KINDS[doc.kind];

export const factsOf = (doc: CaseDoc): CaseFacts => ({
  applicantId: String(doc.applicantId),
  where: { villageCode: doc.villageCode, townshipCode: doc.townshipCode, countyCode: doc.countyCode },
});

export const stateOf = (doc: CaseDoc): CaseState => ({
  tier: doc.tier,
  status: doc.status,
  handlerId: doc.handlerId ? String(doc.handlerId) : null,
  handlerIds: doc.handlerIds.map(String),
  outcome: doc.outcome ?? null,
  tierSince: doc.tierSince,
  firstResponseAt: doc.firstResponseAt,
  closedAt: doc.closedAt,
  scheduledAt: doc.scheduledAt,
  rated: doc.rated,
  version: doc.version,
});

export const stepsOf = (caseId: Types.ObjectId) => CaseStepModel.find({ caseId }).sort({ n: 1 }).lean<CaseStepDoc[]>();

export const recordsOf = (steps: readonly CaseStepDoc[]) =>
  steps.map((s) => ({
    n: s.n,
    kind: s.kind,
    by: String(s.by),
    byApplicant: s.byApplicant,
    at: s.at,
    outcome: s.outcome ?? null,
    at2: s.at2,
  }));

/** Rewrites the projection from the steps (also repairs one left behind by a crash between the two writes). */
export async function reproject(doc: CaseDoc, steps: CaseStepDoc[]): Promise<CaseDoc> {
  const state = project(kindOf(doc), recordsOf(steps));
  const fields = {
    version: state.version,
    tier: state.tier,
    status: state.status,
    handlerId: state.handlerId ? id(state.handlerId) : null,
    handlerIds: state.handlerIds.map(id),
    outcome: state.outcome,
    tierSince: state.tierSince,
    firstResponseAt: state.firstResponseAt,
    closedAt: state.closedAt,
    scheduledAt: state.scheduledAt,
    rated: state.rated,
    updatedAt: steps.at(-1)?.at ?? doc.updatedAt,
  };
  await CaseModel.updateOne({ _id: doc._id, version: { $lte: state.version } }, { $set: fields });
  return { ...doc, ...fields };
}

export async function load(caseId: string): Promise<{ doc: CaseDoc; steps: CaseStepDoc[] }> {
  const doc = await CaseModel.findById(caseId).lean<CaseDoc>();
  if (!doc) throw new AppError('CASE_NOT_FOUND');
  const steps = await stepsOf(doc._id);
  const latest = steps.at(-1)?.n ?? 0;
  return { doc: latest > doc.version ? await reproject(doc, steps) : doc, steps };
}

/** Not found and not visible look the same, so ids reveal nothing. */
export async function loadVisible(principal: Principal, caseId: string) {
  const loaded = await load(caseId);
  if (!mayView(kindOf(loaded.doc), factsOf(loaded.doc), stateOf(loaded.doc), viewerOf(principal)))
    throw new AppError('CASE_NOT_FOUND');
  return loaded;
}

/** The county's time limits, read once per county for a list. */
export async function limitsOf(countyCodes: Iterable<string>): Promise<Map<string, Limits>> {
  const codes = [...new Set(countyCodes)];
  const policies = await Promise.all(codes.map((code) => countyPolicy(code)));
  return new Map(codes.map((code, i) => [code, policies[i]!]));
}
