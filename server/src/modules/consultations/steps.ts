/**
 * The use cases that change a consultation: open it (asked directly, or taken private from a
 * group post), then answer, follow up, escalate, close and rate it. Each change is a recorded step;
 * the state is their fold (policy.ts `project`), rewritten onto the document after each step
 * (record.ts `reproject`).
 */
import { Types } from 'mongoose';
import {
  ROLE_LABELS,
  type AnswerBody,
  type AskBody,
  type Consultation,
  type ConsultationStepKind,
  type ConsultationTier,
  type Rating,
} from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import type { Principal } from '../../shared/principal';
import { userById, type UserDoc } from '../users/queries';
import { villageHasCounsel } from '../counsel/queries';
import { countyPolicy } from '../county-policy/service';
import type { WechatClient } from '../wechat/client';
import { ConsultationModel, ConsultationStepModel, RatingModel, type ConsultationDoc } from './model';
import { notifyAnswered } from './notify';
import { attachPhotos, checkPhotos } from './photos';
import { NEXT_TIER } from '@vc/types';
import { dueDates, handlesAt, mayView, refusal, type Act } from './policy';
import { heldFrom, id, load, loadVisible, reproject, stateOf, stepsOf, viewerOf, whereOf } from './record';
import { queueHeld, reviewOf, verdictOn } from './review';
import type { ContentCheck, Verdict } from '../content-check/text';
import { describe } from './views';

const HANDLER_ROLE: Record<ConsultationTier, string> = {
  village: ROLE_LABELS.counsel,
  township: ROLE_LABELS.township_staff,
  county: ROLE_LABELS.county_staff,
};

function roleLabel(tier: ConsultationTier, grants: Principal['grants'], asker: boolean): string {
  if (asker) return ROLE_LABELS.villager;
  if (tier === 'county' && grants.some((g) => g.role === 'county_expert')) return ROLE_LABELS.county_expert;
  return HANDLER_ROLE[tier];
}

interface StepInput {
  kind: ConsultationStepKind;
  text?: string | null;
  reason?: string | null;
  fromTier?: ConsultationTier | null;
  toTier?: ConsultationTier | null;
  clientKey?: string;
}

/**
 * Records one step as version + 1, then rewrites the projection. A concurrent step takes the
 * same n and loses on the unique index; it is then re-checked against the new state once.
 */
async function act(
  principal: Principal,
  consultationId: string,
  what: Act,
  build: (doc: ConsultationDoc) => StepInput,
  check: ContentCheck,
  /** when the step happened (demo history records past steps); a request's step is now */
  now = new Date(),
): Promise<Consultation> {
  // what the writer wrote (an escalation's reason, else the text), checked once whatever the retries
  let verdict: Promise<Verdict> | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { doc, steps } = await load(consultationId);
    const state = stateOf(doc);
    // a question held by the content check (review.ts) is not there for anyone but its asker
    if (heldFrom(doc, viewerOf(principal))) throw new AppError('CONSULTATION_NOT_FOUND');
    if (!mayView(String(doc.askerId), whereOf(doc), state, viewerOf(principal))) {
      // a first contact of this tier who lost the race is told why; anyone else learns nothing
      if (handlesAt(state.tier, whereOf(doc), principal.grants)) throw new AppError('CONSULTATION_OWNED_BY_OTHER');
      throw new AppError('CONSULTATION_NOT_FOUND');
    }
    const input = build(doc);
    if (input.clientKey) {
      const same = steps.find((s) => s.clientKey === input.clientKey);
      if (same) {
        if (same.kind !== input.kind || same.text !== (input.text ?? null)) throw new AppError('CONSULTATION_KEY_REUSED');
        return describe(doc, steps, viewerOf(principal));
      }
    }
    const refused = refusal(what, String(doc.askerId), whereOf(doc), state, viewerOf(principal));
    if (refused) throw new AppError(refused);
    const written = input.kind === 'escalated' ? input.reason : input.text;
    verdict ??= verdictOn(check, principal.userId, written);
    const checked = await verdict;
    const n = doc.version + 1;
    try {
      await ConsultationStepModel.create({
        consultationId: doc._id,
        n,
        kind: input.kind,
        by: id(principal.userId),
        byRole: roleLabel(doc.tier, principal.grants, String(doc.askerId) === principal.userId),
        text: input.text ?? null,
        reason: input.reason ?? null,
        fromTier: input.fromTier ?? null,
        toTier: input.toTier ?? null,
        clientKey: input.clientKey ?? `step-${n}`,
        at: now,
        review: reviewOf(checked),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      continue; // someone else acted first: look again
    }
    if (checked !== 'pass' && written)
      await queueHeld(doc, { target: 'step', n, kind: input.kind }, id(principal.userId), written, checked);
    const allSteps = await stepsOf(doc._id);
    const updated = await reproject(doc, allSteps);
    return describe(updated, allSteps, viewerOf(principal));
  }
  throw new AppError('CONSULTATION_CHANGED');
}

/** Opens a consultation with its first step(s); idempotent by (asker, clientKey). */
async function open(
  asker: UserDoc,
  question: string,
  clientKey: string,
  source: 'direct' | 'group',
  claimedBy: string | null,
  photoIds: readonly string[] = [],
  checkQuestion: () => Promise<Verdict> = () => Promise.resolve('pass'),
  now = new Date(),
): Promise<{ doc: ConsultationDoc; created: boolean }> {
  const existing = await ConsultationModel.findOne({ askerId: asker._id, clientKey }).lean<ConsultationDoc>();
  if (existing) {
    const samePhotos = [...(existing.photoIds ?? []).map(String)].sort().join() === [...new Set(photoIds)].sort().join();
    if (existing.question !== question || !samePhotos) throw new AppError('CONSULTATION_KEY_REUSED');
    return { doc: existing, created: false };
  }
  await checkPhotos(asker._id, photoIds, null);
  const verdict = await checkQuestion();
  const villageCode = asker.villageCode!;
  const hasCounsel = await villageHasCounsel(villageCode);
  // no counsel in the village: the township office is the front desk
  const tier: ConsultationTier = hasCounsel ? 'village' : 'township';
  const limits = await countyPolicy(villageCode.slice(0, 6));
  const doc = {
    _id: new Types.ObjectId(),
    askerId: asker._id,
    clientKey,
    villageCode,
    townshipCode: villageCode.slice(0, 9),
    countyCode: villageCode.slice(0, 6),
    question,
    photoIds: [...new Set(photoIds)].map(id),
    source,
    createdAt: now,
    ...dueDates(now, limits),
    version: 0,
    tier,
    handlerId: null,
    handlerIds: [],
    status: 'open' as const,
    firstResponseAt: null,
    closedAt: null,
    rated: false,
    updatedAt: now,
    questionHeld: verdict !== 'pass',
  };
  try {
    await ConsultationModel.create(doc);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return open(asker, question, clientKey, source, claimedBy, photoIds, checkQuestion, now); // the same ask arrived twice at once
  }
  await attachPhotos(asker._id, [...new Set(photoIds)], doc._id);
  await ConsultationStepModel.create({
    consultationId: doc._id,
    n: 1,
    kind: 'asked',
    by: asker._id,
    byRole: ROLE_LABELS.villager,
    text: question,
    reason: hasCounsel ? null : '本村暂无法律顾问，由司法所受理',
    toTier: tier,
    clientKey: 'step-1',
    at: now,
    review: reviewOf(verdict),
  });
  if (verdict !== 'pass') await queueHeld(doc, { target: 'step', n: 1, kind: 'asked' }, asker._id, question, verdict);
  if (claimedBy)
    await ConsultationStepModel.create({
      consultationId: doc._id,
      n: 2,
      kind: 'claimed',
      by: id(claimedBy),
      byRole: ROLE_LABELS.counsel,
      reason: '群内消息涉及个人隐私，转为私下咨询',
      clientKey: 'step-2',
      at: now,
    });
  return { doc: await reproject(doc, await stepsOf(doc._id)), created: true };
}

export async function ask(
  principal: Principal,
  body: AskBody,
  check: ContentCheck,
  /** when it was asked (demo history asks in the past); a request asks now */
  now = new Date(),
): Promise<{ consultation: Consultation; created: boolean }> {
  const asker = await userById(principal.userId);
  if (!asker?.villageCode) throw new AppError('FORBIDDEN');
  // a question held by the check reaches no counsel until the township's moderators approve it
  const checkQuestion = () => verdictOn(check, principal.userId, body.question);
  const { doc, created } = await open(
    asker,
    body.question,
    body.clientKey,
    'direct',
    null,
    body.photoIds ?? [],
    checkQuestion,
    now,
  );
  return { consultation: await describe(doc, await stepsOf(doc._id), viewerOf(principal)), created };
}

/** Used by the groups service when a counsel takes a post private. */
export async function openFromGroupPost(asker: UserDoc, text: string, groupCode: string, seq: number, counselId: string) {
  const { doc } = await open(asker, text, `group-${groupCode}-${seq}`, 'group', counselId);
  return String(doc._id);
}

/** How an answer is announced to the asker: a WeChat subscribe message (notify.ts). */
export interface AnswerNotice {
  wechat: WechatClient;
  templateId: string;
  /** false without a real app id (local demo): there is nobody to tell */
  configured: boolean;
}

/**
 * Records the answer, then tells the asker where WeChat is configured. WeChat refusing the message
 * is recorded by notifyAnswered, not thrown; anything else it throws fails the call with the
 * answer already saved (a retry with the same clientKey returns it, announced at most once).
 */
export async function answer(
  principal: Principal,
  consultationId: string,
  body: AnswerBody,
  notice: AnswerNotice,
  check: ContentCheck,
  now = new Date(),
): Promise<Consultation> {
  const answered = await act(
    principal,
    consultationId,
    'answer',
    () => ({ kind: 'answered', text: body.text, clientKey: body.clientKey }),
    check,
    now,
  );
  // a held answer is not announced: the asker cannot read it yet
  const held = answered.steps.some((s) => s.kind === 'answered' && s.text === body.text && s.review !== null);
  if (notice.configured && !held) await notifyAnswered(notice.wechat, notice.templateId, answered);
  return answered;
}

export const followUp = (principal: Principal, consultationId: string, body: AnswerBody, check: ContentCheck, now = new Date()) =>
  act(
    principal,
    consultationId,
    'followUp',
    () => ({ kind: 'followed_up', text: body.text, clientKey: body.clientKey }),
    check,
    now,
  );

export const escalate = (principal: Principal, consultationId: string, reason: string, check: ContentCheck, now = new Date()) =>
  act(
    principal,
    consultationId,
    'escalate',
    (doc) => ({ kind: 'escalated', reason, fromTier: doc.tier, toTier: NEXT_TIER[doc.tier] }),
    check,
    now,
  );

export const close = (
  principal: Principal,
  consultationId: string,
  note: string | undefined,
  check: ContentCheck,
  now = new Date(),
) => act(principal, consultationId, 'close', () => ({ kind: 'closed', text: note ?? null }), check, now);

export async function rate(
  principal: Principal,
  consultationId: string,
  rating: Rating,
  check: ContentCheck,
  now = new Date(),
): Promise<Consultation> {
  const { doc } = await loadVisible(principal, consultationId);
  const refused = refusal('rate', String(doc.askerId), whereOf(doc), stateOf(doc), viewerOf(principal));
  if (refused) throw new AppError(refused);
  const verdict = await verdictOn(check, principal.userId, rating.comment);
  try {
    // the unique index on consultationId is what makes it once, even for two taps at once
    await RatingModel.create({
      consultationId: doc._id,
      askerId: doc.askerId,
      countyCode: doc.countyCode,
      handlerIds: doc.handlerIds,
      villageCode: doc.villageCode,
      attitude: rating.attitude,
      efficiency: rating.efficiency,
      competence: rating.competence,
      comment: rating.comment ?? null,
      commentReview: rating.comment ? reviewOf(verdict) : null,
      at: now,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONSULTATION_ALREADY_RATED');
    throw err;
  }
  if (verdict !== 'pass' && rating.comment)
    await queueHeld(doc, { target: 'rating', n: 0, kind: 'rated' }, doc.askerId, rating.comment, verdict);
  return act(principal, consultationId, 'rate', () => ({ kind: 'rated', clientKey: 'rated' }), check, now);
}
