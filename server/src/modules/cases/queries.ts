/**
 * What other modules may ask of the service hall's cases (a module never reads another's models):
 * a person's own cases for their data copy, and what account cancellation erases.
 */
import { Types } from 'mongoose';
import type { DataCopy } from '@vc/types';
import { CaseModel, CasePhotoModel, CaseStepModel, type CaseDoc, type CaseStepDoc } from './model';
import { titleOf } from './views';

/**
 * A person's cases for their data copy (PIPL: the right to copy): those they applied for, each with
 * the steps they wrote on it, and the steps they wrote on others' cases as a handler. Two indexed
 * equalities, however many there are.
 */
export async function casesOf(userId: string): Promise<Pick<DataCopy, 'cases' | 'caseStepsHandled'>> {
  const id = new Types.ObjectId(userId);
  const [cases, steps] = await Promise.all([
    CaseModel.find({ applicantId: id }).sort({ createdAt: 1 }).lean<CaseDoc[]>(),
    CaseStepModel.find({ by: id }).sort({ at: 1 }).lean<CaseStepDoc[]>(),
  ]);
  const own = new Set(cases.map((c) => String(c._id)));
  const step = (s: CaseStepDoc) => ({ n: s.n, kind: s.kind, text: s.text ?? null, at: s.at.toISOString() });
  return {
    cases: cases.map((c) => ({
      id: String(c._id),
      kind: c.kind,
      title: titleOf(c),
      villageCode: c.villageCode,
      status: c.status,
      outcome: c.outcome ?? null,
      createdAt: c.createdAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
      steps: steps.filter((s) => String(s.caseId) === String(c._id)).map(step),
    })),
    caseStepsHandled: steps.filter((s) => !own.has(String(s.caseId))).map((s) => ({ caseId: String(s.caseId), ...step(s) })),
  };
}

/**
 * Account cancellation: photos the person uploaded but never attached to a case go (nobody else
 * relies on them); cases and their steps stay, the person shown as cancelled by the users module.
 */
export async function forgetApplicant(userId: Types.ObjectId): Promise<number> {
  return (await CasePhotoModel.deleteMany({ ownerId: userId, caseId: null })).deletedCount;
}
