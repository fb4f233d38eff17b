/**
 * The use cases that change a case: open it, act on it, rate it. Each change is a recorded step;
 * the state is their fold (policy.ts `project`), rewritten onto the document after each step.
 */
import { Types } from 'mongoose';
import { ROLE_LABELS, type Case, type CaseStepBody, type OpenCaseBody, type Rating } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import type { Principal } from '../../shared/principal';
import { userById } from '../users/queries';
import type { ContentCheck } from '../content-check/text';
import { detailsOf, requireClean, stepFieldsOf } from './inputs';
import { ledgerEntryFor } from './ledger-link';
import { CaseModel, CaseRatingModel, CaseStepModel, type CaseDoc } from './model';
import { attachCasePhotos, checkCasePhotos } from './photos';
import { mayView, refusal, type KindPolicy } from './policy';
import { factsOf, id, kindOf, load, loadVisible, reproject, stateOf, stepsOf, viewerOf } from './record';
import { describe } from './views';

/** The label of the role someone acts in on this case. */
function roleLabel(kind: KindPolicy, doc: CaseDoc, principal: Principal): string {
  if (String(doc.applicantId) === principal.userId) return '申请人';
  const where = factsOf(doc).where;
  for (const role of ['counsel', 'mediator', 'township_staff', 'county_staff', 'admin'] as const) {
    const grants = principal.grants.filter((g) => g.role === role);
    if (grants.length && kind.handlesAt(doc.tier, where, grants)) return ROLE_LABELS[role];
  }
  return '';
}

/** Opens a case with its first step; idempotent by (applicant, clientKey). */
export async function open(
  principal: Principal,
  body: OpenCaseBody,
  check: ContentCheck,
  now = new Date(),
): Promise<{ case: Case; created: boolean }> {
  const applicant = await userById(principal.userId);
  if (!applicant?.villageCode) throw new AppError('CASE_NEEDS_VILLAGE');
  const photoIds = [...new Set(body.photoIds ?? [])];
  const existing = await CaseModel.findOne({ applicantId: applicant._id, clientKey: body.clientKey }).lean<CaseDoc>();
  if (existing) {
    if (existing.kind !== body.kind || existing.photoIds.map(String).sort().join() !== [...photoIds].sort().join())
      throw new AppError('CASE_KEY_REUSED');
    return { case: await describe(existing, await stepsOf(existing._id), viewerOf(principal)), created: false };
  }
  const villageCode = applicant.villageCode;
  const countyCode = villageCode.slice(0, 6);
  const { details, counselId, texts } = await detailsOf(body, countyCode, villageCode, now);
  await checkCasePhotos(applicant._id, photoIds, null);
  await requireClean(check, principal.userId, texts);
  const kind = kindOf({ kind: body.kind });
  const doc = {
    _id: new Types.ObjectId(),
    kind: body.kind,
    applicantId: applicant._id,
    clientKey: body.clientKey,
    villageCode,
    townshipCode: villageCode.slice(0, 9),
    countyCode,
    details,
    counselId,
    photoIds: photoIds.map(id),
    createdAt: now,
    version: 0,
    tier: kind.firstTier,
    status: 'open' as const,
    handlerId: null,
    handlerIds: [],
    outcome: null,
    tierSince: now,
    firstResponseAt: null,
    closedAt: null,
    scheduledAt: body.kind === 'booking' ? new Date(body.at) : null,
    rated: false,
    updatedAt: now,
  };
  try {
    await CaseModel.create(doc);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return open(principal, body, check, now); // the same application arrived twice at once
  }
  await attachCasePhotos(applicant._id, photoIds, doc._id);
  await CaseStepModel.create({
    caseId: doc._id,
    n: 1,
    kind: 'opened',
    by: applicant._id,
    byApplicant: true,
    byRole: '申请人',
    text: (details as { account?: string; topic?: string }).account ?? (details as { topic?: string }).topic ?? null,
    at2: doc.scheduledAt,
    photoIds: doc.photoIds,
    clientKey: 'step-1',
    at: now,
  });
  const steps = await stepsOf(doc._id);
  return { case: await describe(await reproject(doc, steps), steps, viewerOf(principal)), created: true };
}

/**
 * Records one act as version + 1, then rewrites the projection. A concurrent act takes the same n
 * and loses on the unique index; it is then re-checked against the new state.
 */
export async function act(
  principal: Principal,
  caseId: string,
  body: CaseStepBody,
  check: ContentCheck,
  now = new Date(),
): Promise<Case> {
  const viewer = viewerOf(principal);
  let cleared = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { doc, steps } = await load(caseId);
    const kind = kindOf(doc);
    const state = stateOf(doc);
    const facts = factsOf(doc);
    const same = steps.find((s) => s.clientKey === body.clientKey);
    if (same) {
      if (same.kind !== body.act || same.text !== ('text' in body && body.text ? body.text : null))
        throw new AppError('CASE_KEY_REUSED');
      return describe(doc, steps, viewer);
    }
    const refused = refusal(kind, body.act, facts, state, viewer);
    if (refused) {
      // someone who may not see the case learns nothing about it; a first contact of its tier who
      // lost the race to take it (or tapped late) learns that another owns it, which they knew of
      if (refused !== 'CASE_OWNED_BY_OTHER' && !mayView(kind, facts, state, viewer)) throw new AppError('CASE_NOT_FOUND');
      throw new AppError(refused);
    }
    const fields = stepFieldsOf(body, now);
    if (!cleared) {
      await checkCasePhotos(doc.applicantId, fields.photoIds, doc._id);
      await requireClean(check, principal.userId, [fields.text ?? undefined, 'lawyer' in body ? body.lawyer : undefined]);
      cleared = true;
    }
    const ledgerEntryId = await ledgerEntryFor(principal, doc, body, now);
    const n = doc.version + 1;
    try {
      await CaseStepModel.create({
        caseId: doc._id,
        n,
        kind: body.act,
        by: id(principal.userId),
        byApplicant: facts.applicantId === principal.userId,
        byRole: roleLabel(kind, doc, principal),
        ...fields,
        photoIds: fields.photoIds.map(id),
        ledgerEntryId,
        clientKey: body.clientKey,
        at: now,
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      continue; // someone else acted first: look again
    }
    await attachCasePhotos(doc.applicantId, fields.photoIds, doc._id);
    const all = await stepsOf(doc._id);
    return describe(await reproject(doc, all), all, viewer);
  }
  throw new AppError('CASE_CHANGED');
}

export async function rate(
  principal: Principal,
  caseId: string,
  rating: Rating,
  check: ContentCheck,
  now = new Date(),
): Promise<Case> {
  const { doc } = await loadVisible(principal, caseId);
  const refused = refusal(kindOf(doc), 'rate', factsOf(doc), stateOf(doc), viewerOf(principal));
  if (refused) throw new AppError(refused);
  await requireClean(check, principal.userId, [rating.comment]);
  try {
    // the unique index on caseId is what makes it once, even for two taps at once
    await CaseRatingModel.create({
      caseId: doc._id,
      kind: doc.kind,
      applicantId: doc.applicantId,
      handlerIds: doc.handlerIds,
      townshipCode: doc.townshipCode,
      countyCode: doc.countyCode,
      attitude: rating.attitude,
      efficiency: rating.efficiency,
      competence: rating.competence,
      comment: rating.comment ?? null,
      at: now,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CASE_ALREADY_RATED');
    throw err;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const { doc: current } = await load(caseId);
    try {
      await CaseStepModel.create({
        caseId: current._id,
        n: current.version + 1,
        kind: 'rated',
        by: id(principal.userId),
        byApplicant: true,
        byRole: '申请人',
        clientKey: 'rated',
        at: now,
      });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  const { doc: after, steps } = await load(caseId);
  return describe(after, steps, viewerOf(principal));
}
