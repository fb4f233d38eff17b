/**
 * The use cases that change a case: open it, act on it, rate it. Each change is a recorded step;
 * the state is their fold (policy.ts `project`), rewritten onto the document after each step.
 */
import { Types } from 'mongoose';
import { ROLE_LABELS, type Case, type CaseStepBody, type OpenCaseBody, type Rating } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import type { Principal } from '../../shared/principal';
import { inBeijing } from '../../shared/periods';
import { userById, isCounselOf } from '../users/queries';
import { villageHasCounsel } from '../counsel/queries';
import { countyPolicy } from '../county-policy/service';
import { SCENE, type ContentCheck } from '../content-check/text';
import { submit as submitLedgerEntry } from '../ledger/entries';
import { checkEligibility } from './kinds/legal-aid';
import { CaseModel, CaseRatingModel, CaseStepModel, type CaseDoc } from './model';
import { attachCasePhotos, checkCasePhotos } from './photos';
import { mayView, refusal, type KindPolicy } from './policy';
import { factsOf, id, kindOf, load, loadVisible, reproject, stateOf, stepsOf, viewerOf } from './record';
import { describe } from './views';

/** Refuses text WeChat does not clearly pass: case texts go to handlers, who should not review them first. */
async function requireClean(check: ContentCheck, userId: string, texts: readonly (string | undefined)[]) {
  const text = texts.filter(Boolean).join('\n');
  if (!text) return;
  const writer = await userById(userId);
  const verdict = await check(writer?.openid ?? '', text, SCENE.comment);
  if (verdict === 'check_unavailable') throw new AppError('CONTENT_CHECK_UNAVAILABLE');
  if (verdict !== 'pass') throw new AppError('CASE_TEXT_RISKY');
}

/** A booked or proposed time: in the future, within 60 days, 8:00–18:00 Beijing time. */
export function bookingTimeValid(at: Date, now: Date): boolean {
  const local = inBeijing(at);
  const minutes = local.hour() * 60 + local.minute();
  return at > now && at.getTime() - now.getTime() <= 60 * 24 * 3600_000 && minutes >= 8 * 60 && minutes <= 18 * 60;
}

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

/** The kind's fields of a new case, and the counsel it concerns. */
async function detailsOf(body: OpenCaseBody, countyCode: string, villageCode: string, now: Date) {
  const policy = await countyPolicy(countyCode);
  switch (body.kind) {
    case 'legal_aid': {
      const answers = { ...body, receivesAssistance: body.receivesAssistance ?? false };
      const check = checkEligibility(answers, policy);
      if (!check.matterCovered) throw new AppError('CASE_MATTER_NOT_COVERED');
      return {
        details: {
          matter: body.matter,
          householdSize: body.householdSize,
          monthlyIncome: body.monthlyIncome,
          receivesAssistance: answers.receivesAssistance,
          account: body.account,
          likely: check.likely,
          incomePerPerson: check.incomePerPerson,
          threshold: check.threshold,
        },
        counselId: null,
        texts: [body.account],
      };
    }
    case 'mediation':
      return {
        details: {
          disputeKind: body.disputeKind,
          account: body.account,
          otherPartyName: body.otherPartyName,
          otherPartyVillageCode: body.otherPartyVillageCode ?? null,
          otherPartyPhone: body.otherPartyPhone ?? null,
        },
        counselId: null,
        texts: [body.account, body.otherPartyName],
      };
    case 'booking':
      if (!bookingTimeValid(new Date(body.at), now)) throw new AppError('CASE_TIME_INVALID');
      if (!(await villageHasCounsel(villageCode))) throw new AppError('CASE_NO_COUNSEL');
      return { details: { topic: body.topic }, counselId: null, texts: [body.topic] };
    case 'complaint': {
      let counselId: Types.ObjectId | null = null;
      if (body.about === 'counsel') {
        const counsel = body.counselId ? await userById(body.counselId) : null;
        if (!counsel || !isCounselOf(counsel, countyCode)) throw new AppError('CASE_COUNSEL_NOT_FOUND');
        counselId = counsel._id;
      }
      return { details: { about: body.about, account: body.account }, counselId, texts: [body.account] };
    }
  }
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

/** What a step records beyond its kind, checked against the case (times, dates, the lawyer). */
function stepFieldsOf(body: CaseStepBody, now: Date) {
  const fields: {
    text: string | null;
    outcome: string | null;
    at2: Date | null;
    dueDate: string | null;
    lawyer: string | null;
    photoIds: string[];
  } = { text: null, outcome: null, at2: null, dueDate: null, lawyer: null, photoIds: [] };
  if ('text' in body && body.text) fields.text = body.text;
  switch (body.act) {
    case 'ask_material': {
      const due = inBeijing(`${body.dueDate}T23:59:59+08:00`);
      if (!due.isValid() || due.toDate() <= now || due.toDate().getTime() - now.getTime() > 90 * 24 * 3600_000)
        throw new AppError('CASE_DUE_DATE_INVALID');
      fields.dueDate = body.dueDate;
      break;
    }
    case 'supply':
      fields.photoIds = [...new Set(body.photoIds ?? [])];
      break;
    case 'decide':
      if (body.outcome === 'granted' && !body.lawyer) throw new AppError('CASE_LAWYER_REQUIRED');
      fields.outcome = body.outcome;
      fields.lawyer = body.lawyer ?? null;
      break;
    case 'settle':
      fields.outcome = body.outcome;
      break;
    case 'session':
    case 'complete':
      fields.at2 = new Date(body.startAt);
      break;
    case 'propose':
      if (!bookingTimeValid(new Date(body.at), now)) throw new AppError('CASE_TIME_INVALID');
      fields.at2 = new Date(body.at);
      break;
  }
  return fields;
}

/**
 * The ledger entry a step is worth, by the ledger's own rules (ledger/entries.ts submit): a counsel's
 * mediation session or settlement (参与调解), a kept booking (法律咨询, the villager served). A
 * mediator who is not a counsel keeps no ledger. Idempotent by its client key, so a retried step
 * finds the same entry.
 */
async function ledgerEntryFor(principal: Principal, doc: CaseDoc, body: CaseStepBody, now: Date): Promise<Types.ObjectId | null> {
  const times = 'startAt' in body && body.startAt && body.endAt ? { startAt: body.startAt, endAt: body.endAt } : null;
  if (!times || !principal.grants.some((g) => g.role === 'counsel' && g.placeCode === doc.villageCode)) return null;
  const kind = doc.kind === 'mediation' ? 'mediation' : 'consultation';
  const applicant = await userById(doc.applicantId);
  const summary =
    doc.kind === 'mediation'
      ? `人民调解（${body.act === 'settle' ? '调解结果' : '调解记录'}）：${'text' in body ? body.text : ''}`
      : `预约服务（${applicant?.name ?? '村民'}）：${'text' in body ? body.text : ''}`;
  const { entry } = await submitLedgerEntry(
    principal,
    {
      clientKey: `case-${String(doc._id)}-${body.clientKey}`.slice(0, 64),
      villageCode: doc.villageCode,
      kind,
      mode: 'on_site',
      ...times,
      summary: summary.slice(0, 2000),
    },
    now,
  );
  return id(entry.id);
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
