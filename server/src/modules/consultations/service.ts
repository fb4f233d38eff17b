import { Types } from 'mongoose';
import {
  ROLE_LABELS,
  type AnswerBody,
  type AskBody,
  type Consultation,
  type ConsultationStepKind,
  type ConsultationSummary,
  type ConsultationTier,
  type Rating,
  type ConsultationStatsReply,
} from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import type { Principal } from '../../shared/http';
import { maskPhone } from '../../shared/mask';
import { userById, usersInCounties, type UserDoc } from '../accounts/queries';
import { villageHasCounsel } from '../counsel/queries';
import { countyPolicy } from '../counsel/service';
import { placeNamesByCode, placesOfCounty } from '../places/lookup';
import { ConsultationModel, ConsultationStepModel, RatingModel, type ConsultationDoc, type StepDoc } from './model';
import { attachPhotos, checkPhotos, readPhoto } from './photos';
import { figures } from './stats';
import { inBeijing, monthOf, monthStart } from '../../shared/periods';
import {
  NEXT_TIER,
  dueDates,
  handlesAt,
  isOverdue,
  mayView,
  project,
  refusal,
  type Act,
  type ConsultationState,
  type Viewer,
} from './policy';

const id = (value: string | Types.ObjectId) => new Types.ObjectId(String(value));

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

const stateOf = (doc: ConsultationDoc): ConsultationState => ({
  tier: doc.tier,
  handlerId: doc.handlerId ? String(doc.handlerId) : null,
  handlerIds: doc.handlerIds.map(String),
  status: doc.status,
  firstResponseAt: doc.firstResponseAt,
  closedAt: doc.closedAt,
  rated: doc.rated,
  version: doc.version,
});

const whereOf = (doc: ConsultationDoc) => ({
  villageCode: doc.villageCode,
  townshipCode: doc.townshipCode,
  countyCode: doc.countyCode,
});

const stepsOf = (consultationId: Types.ObjectId) =>
  ConsultationStepModel.find({ consultationId }).sort({ n: 1 }).lean<StepDoc[]>();

/** Rewrites the projection from the steps (also repairs one left behind by a crash between the two writes). */
async function reproject(doc: ConsultationDoc, steps: StepDoc[]): Promise<ConsultationDoc> {
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

async function load(consultationId: string): Promise<{ doc: ConsultationDoc; steps: StepDoc[] }> {
  const doc = await ConsultationModel.findById(consultationId).lean<ConsultationDoc>();
  if (!doc) throw new AppError('CONSULTATION_NOT_FOUND');
  const steps = await stepsOf(doc._id);
  const latest = steps.at(-1)?.n ?? 0;
  return { doc: latest > doc.version ? await reproject(doc, steps) : doc, steps };
}

/** The askers and handlers of consultations (and `also`), each looked for among the people of its consultation's county. */
const peopleOf = (docs: readonly ConsultationDoc[], also: { id: Types.ObjectId; countyCode: string }[] = []) =>
  usersInCounties([
    ...docs.flatMap((d) => [
      { id: d.askerId, countyCode: d.countyCode },
      { id: d.handlerId, countyCode: d.countyCode },
    ]),
    ...also,
  ]);

function summaryOf(
  d: ConsultationDoc,
  people: Map<string, UserDoc>,
  villageNames: Map<string, string>,
  now: Date,
): ConsultationSummary {
  const asker = people.get(String(d.askerId));
  return {
    id: String(d._id),
    askerName: asker?.name ?? '',
    // privacy rule 6: never the full number in a list
    askerPhoneMasked: maskPhone(asker?.phone),
    villageCode: d.villageCode,
    villageName: villageNames.get(d.villageCode) ?? '',
    preview: d.question.slice(0, 60),
    tier: d.tier,
    status: d.status,
    handlerName: d.handlerId ? (people.get(String(d.handlerId))?.name ?? null) : null,
    source: d.source,
    rated: d.rated,
    updatedAt: d.updatedAt.toISOString(),
    firstResponseDueAt: d.firstResponseDueAt.toISOString(),
    closeDueAt: d.closeDueAt.toISOString(),
    firstResponseAt: d.firstResponseAt?.toISOString() ?? null,
    closedAt: d.closedAt?.toISOString() ?? null,
    overdue: isOverdue(d, d, now),
  };
}

/** A list's rows: the people and the villages they name are read per county, not per row. */
async function summaries(docs: ConsultationDoc[], now = new Date()): Promise<ConsultationSummary[]> {
  const [people, villageNames] = await Promise.all([peopleOf(docs), placeNamesByCode(docs.map((d) => d.villageCode))]);
  return docs.map((d) => summaryOf(d, people, villageNames, now));
}

async function describe(doc: ConsultationDoc, steps: StepDoc[], viewer: Viewer): Promise<Consultation> {
  const [people, villageNames] = await Promise.all([
    peopleOf(
      [doc],
      steps.map((s) => ({ id: s.by, countyCode: doc.countyCode })),
    ),
    placeNamesByCode([doc.villageCode]),
  ]);
  const summary = summaryOf(doc, people, villageNames, new Date());
  const rating = doc.rated ? await RatingModel.findOne({ consultationId: doc._id }).lean() : null;
  const state = stateOf(doc);
  const can = (act: Act) => refusal(act, String(doc.askerId), whereOf(doc), state, viewer) === null;
  return {
    ...summary,
    question: doc.question,
    photoIds: (doc.photoIds ?? []).map(String),
    steps: steps.map((s) => ({
      n: s.n,
      kind: s.kind,
      byName: people.get(String(s.by))?.name ?? '',
      byRole: s.byRole,
      text: s.text,
      reason: s.reason,
      fromTier: s.fromTier,
      toTier: s.toTier,
      at: s.at.toISOString(),
    })),
    rating: rating
      ? {
          attitude: rating.attitude,
          efficiency: rating.efficiency,
          competence: rating.competence,
          ...(rating.comment ? { comment: rating.comment } : {}),
          at: rating.at.toISOString(),
        }
      : null,
    can: { answer: can('answer'), escalate: can('escalate'), close: can('close'), followUp: can('followUp'), rate: can('rate') },
  };
}

const viewerOf = (principal: Principal): Viewer => ({ userId: principal.userId, grants: principal.grants });

/** Not found and not visible look the same, so ids reveal nothing. */
async function loadVisible(principal: Principal, consultationId: string) {
  const loaded = await load(consultationId);
  if (!mayView(String(loaded.doc.askerId), whereOf(loaded.doc), stateOf(loaded.doc), viewerOf(principal)))
    throw new AppError('CONSULTATION_NOT_FOUND');
  return loaded;
}

export async function get(principal: Principal, consultationId: string): Promise<Consultation> {
  const { doc, steps } = await loadVisible(principal, consultationId);
  return describe(doc, steps, viewerOf(principal));
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
): Promise<Consultation> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { doc, steps } = await load(consultationId);
    const state = stateOf(doc);
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
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      continue; // someone else acted first: look again
    }
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
  now = new Date(),
): Promise<{ doc: ConsultationDoc; created: boolean }> {
  const existing = await ConsultationModel.findOne({ askerId: asker._id, clientKey }).lean<ConsultationDoc>();
  if (existing) {
    const samePhotos = [...(existing.photoIds ?? []).map(String)].sort().join() === [...new Set(photoIds)].sort().join();
    if (existing.question !== question || !samePhotos) throw new AppError('CONSULTATION_KEY_REUSED');
    return { doc: existing, created: false };
  }
  await checkPhotos(asker._id, photoIds, null);
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
  };
  try {
    await ConsultationModel.create(doc);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return open(asker, question, clientKey, source, claimedBy, photoIds, now); // the same ask arrived twice at once
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
  });
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
  return { doc: await reproject(doc as ConsultationDoc, await stepsOf(doc._id)), created: true };
}

export async function ask(principal: Principal, body: AskBody): Promise<{ consultation: Consultation; created: boolean }> {
  const asker = await userById(principal.userId);
  if (!asker?.villageCode) throw new AppError('FORBIDDEN');
  const { doc, created } = await open(asker, body.question, body.clientKey, 'direct', null, body.photoIds ?? []);
  return { consultation: await describe(doc, await stepsOf(doc._id), viewerOf(principal)), created };
}

/** Used by the groups service when a counsel takes a post private. */
export async function openFromGroupPost(asker: UserDoc, text: string, groupCode: string, seq: number, counselId: string) {
  const { doc } = await open(asker, text, `group-${groupCode}-${seq}`, 'group', counselId);
  return String(doc._id);
}

export const answer = (principal: Principal, consultationId: string, body: AnswerBody) =>
  act(principal, consultationId, 'answer', () => ({ kind: 'answered', text: body.text, clientKey: body.clientKey }));

export const followUp = (principal: Principal, consultationId: string, body: AnswerBody) =>
  act(principal, consultationId, 'followUp', () => ({ kind: 'followed_up', text: body.text, clientKey: body.clientKey }));

export const escalate = (principal: Principal, consultationId: string, reason: string) =>
  act(principal, consultationId, 'escalate', (doc) => ({
    kind: 'escalated',
    reason,
    fromTier: doc.tier,
    toTier: NEXT_TIER[doc.tier],
  }));

export const close = (principal: Principal, consultationId: string, note?: string) =>
  act(principal, consultationId, 'close', () => ({ kind: 'closed', text: note ?? null }));

export async function rate(principal: Principal, consultationId: string, rating: Rating): Promise<Consultation> {
  const { doc } = await loadVisible(principal, consultationId);
  const refused = refusal('rate', String(doc.askerId), whereOf(doc), stateOf(doc), viewerOf(principal));
  if (refused) throw new AppError(refused);
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
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONSULTATION_ALREADY_RATED');
    throw err;
  }
  return act(principal, consultationId, 'rate', () => ({ kind: 'rated', clientKey: 'rated' }));
}

export async function mine(principal: Principal): Promise<ConsultationSummary[]> {
  const docs = await ConsultationModel.find({ askerId: id(principal.userId) })
    .sort({ updatedAt: -1 })
    .limit(200)
    .lean<ConsultationDoc[]>();
  return summaries(docs);
}

/** Owned by me, or unowned at a tier where I am a first contact; or, for `closed`, those I handled. */
export async function inbox(principal: Principal, status: 'active' | 'closed'): Promise<ConsultationSummary[]> {
  const me = id(principal.userId);
  if (status === 'closed') {
    const docs = await ConsultationModel.find({ handlerIds: me, status: 'closed' })
      .sort({ updatedAt: -1 })
      .limit(200)
      .lean<ConsultationDoc[]>();
    return summaries(docs);
  }
  const placesOf = (...roles: string[]) => [
    ...new Set(principal.grants.filter((g) => roles.includes(g.role)).map((g) => g.placeCode)),
  ];
  // One query for what I own and one per place where I am a first contact, each with an indexed
  // equality (an $or of them would be a scan of every consultation on the embedded engine); as
  // many as my grants, whatever the length of the inbox.
  const active = { status: { $in: ['open', 'answered'] } };
  const filters: Record<string, unknown>[] = [
    { handlerId: me, ...active },
    ...placesOf('counsel').map((villageCode) => ({ villageCode, tier: 'village', handlerId: null, ...active })),
    ...placesOf('township_staff').map((townshipCode) => ({ townshipCode, tier: 'township', handlerId: null, ...active })),
    ...placesOf('county_staff', 'county_expert').map((countyCode) => ({
      countyCode,
      tier: 'county',
      handlerId: null,
      ...active,
    })),
  ];
  const found = await Promise.all(
    filters.map((filter) => ConsultationModel.find(filter).sort({ firstResponseDueAt: 1 }).limit(200).lean<ConsultationDoc[]>()),
  );
  const docs = [...new Map(found.flat().map((d) => [String(d._id), d])).values()]
    .sort((a, b) => a.firstResponseDueAt.getTime() - b.firstResponseDueAt.getTime())
    .slice(0, 200);
  // an owner sees it only while the tier is theirs: after escalation it leaves their inbox
  const mineNow = docs.filter((d) => d.handlerId === null || handlesAt(d.tier, whereOf(d), principal.grants));
  return summaries(mineNow);
}

/** Open consultations of the township past their first-response or closing time. */
export async function overdue(townshipCode: string, now = new Date()): Promise<ConsultationSummary[]> {
  const docs = await ConsultationModel.find({
    townshipCode,
    status: { $in: ['open', 'answered'] },
    $or: [{ firstResponseAt: null, firstResponseDueAt: { $lt: now } }, { closeDueAt: { $lt: now } }],
  })
    .sort({ firstResponseDueAt: 1 })
    .limit(500)
    .lean<ConsultationDoc[]>();
  return summaries(docs, now);
}

export async function photo(principal: Principal, consultationId: string, photoId: string) {
  const { doc } = await loadVisible(principal, consultationId);
  return readPhoto(doc._id, photoId);
}

/** County figures for a month (by the date asked, Beijing time), per township. */
export async function stats(countyCode: string, month: string | undefined, now = new Date()): Promise<ConsultationStatsReply> {
  const which = month ?? monthOf(now);
  const from = monthStart(which);
  const to = monthStart(inBeijing(from).add(1, 'month').format('YYYY-MM'));
  const docs = await ConsultationModel.find(
    { countyCode, createdAt: { $gte: from, $lt: to } },
    { question: 0, photoIds: 0, handlerIds: 0 },
  ).lean<ConsultationDoc[]>();
  // the county's ratings of these consultations (countyCode equality, indexed; the ids narrow in the same filter)
  const [ratings, townships] = await Promise.all([
    docs.length ? RatingModel.find({ countyCode, consultationId: { $in: docs.map((d) => d._id) } }).lean() : [],
    placesOfCounty(countyCode, 'township'),
  ]);
  const ratingOf = new Map(ratings.map((r) => [String(r.consultationId), r]));
  const figuresOf = (subset: ConsultationDoc[]) =>
    figures(
      subset,
      subset.flatMap((d) => ratingOf.get(String(d._id)) ?? []),
      now,
    );
  return {
    month: which,
    summary: figuresOf(docs),
    byTownship: townships.map((t) => ({
      code: t.code,
      name: t.name,
      ...figuresOf(docs.filter((d) => d.townshipCode === t.code)),
    })),
  };
}
