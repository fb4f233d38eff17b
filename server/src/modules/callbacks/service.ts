/**
 * Call-backs (回访, issue 16 item 5): a township's month's sample, drawn on reading and kept; the
 * calls its staff record, once each; the full number to dial, logged; the county's coverage.
 * Finished services come from the consultations and cases modules (their queries.ts).
 */
import { Types } from 'mongoose';
import {
  CASE_KIND_LABELS,
  type CallbackCoverageReply,
  type CallbackFigures,
  type CallbackItem,
  type CallbackListReply,
  type RecordCallbackBody,
} from '@vc/types';
import { AppError } from '../../shared/errors';
import { maskPhone } from '../../shared/mask';
import { inBeijing, monthOf, monthStart } from '../../shared/periods';
import { ONE_BATCH } from '../../store/batch';
import { createOnce, isDuplicateKey } from '../../store/duplicates';
import { closedInTownship } from '../consultations/queries';
import { doneInTownship } from '../cases/queries';
import { countyPolicy } from '../county-policy/service';
import { placeNamesByCode, placesOfCounty } from '../places/lookup';
import { counselRegisteredIn, userById, usersInCounties } from '../users/queries';
import { CallbackCallModel, CallbackModel, CallbackPhoneRevealModel, type CallbackCallDoc, type CallbackDoc } from './model';
import { drawSample, share } from './policy';

const nextMonth = (month: string) => inBeijing(monthStart(month)).add(1, 'month').format('YYYY-MM');

/** A month's finished services of a township: consultations closed and cases done (someone was served). */
async function finishedIn(townshipCode: string, month: string) {
  const from = monthStart(month);
  const to = monthStart(nextMonth(month));
  const [consultations, cases] = await Promise.all([
    closedInTownship(townshipCode, from, to),
    doneInTownship(townshipCode, from, to),
  ]);
  return [
    ...consultations.map((s) => ({ ...s, source: 'consultation' as const })),
    ...cases.map((s) => ({ ...s, source: 'case' as const })),
  ];
}

/**
 * The month's sample, drawn now where it is short: on the first read, and while the month runs as
 * more services finish. Items already drawn are kept as they are. Concurrent readers draw the same
 * items (policy.ts) and the unique index lets each in once.
 */
export async function sampleOf(townshipCode: string, month: string, now = new Date()) {
  if (month > monthOf(now)) throw new AppError('CALLBACK_MONTH_NOT_STARTED');
  const countyCode = townshipCode.slice(0, 6);
  const [policy, finished, drawn] = await Promise.all([
    countyPolicy(countyCode),
    finishedIn(townshipCode, month),
    CallbackModel.find({ townshipCode, month }).lean<CallbackDoc[]>(),
  ]);
  const byId = new Map(finished.map((s) => [s.id, s]));
  const sample = drawSample(
    finished.map((s) => s.id),
    policy.callbackSharePercent,
    policy.callbackMinimum,
    `${townshipCode}:${month}`,
    drawn.map((d) => d.sourceId),
  );
  const have = new Set(drawn.map((d) => d.sourceId));
  const additions = sample.filter((id) => !have.has(id)).flatMap((id) => byId.get(id) ?? []);
  let docs = drawn;
  if (additions.length) {
    await Promise.all(
      additions.map((s) =>
        CallbackModel.create({
          townshipCode,
          countyCode,
          month,
          source: s.source,
          sourceId: s.id,
          kind: s.kind,
          villageCode: s.villageCode,
          personId: s.personId,
          handlerId: s.handlerId,
          handlerIds: s.handlerIds,
          finishedAt: s.finishedAt,
          drawnAt: now,
        }).catch((err: unknown) => {
          if (!isDuplicateKey(err)) throw err; // another reader drew it first
        }),
      ),
    );
    docs = await CallbackModel.find({ townshipCode, month }).lean<CallbackDoc[]>();
  }
  return { docs, finished: byId, policy };
}

/** The sampled items as staff see them: people, villages and calls read per list, not per item. */
async function itemsOf(
  docs: CallbackDoc[],
  calls: CallbackCallDoc[],
  titles: Map<string, { title: string }>,
): Promise<CallbackItem[]> {
  const countyOf = (d: { townshipCode: string }) => d.townshipCode.slice(0, 6);
  const [people, villageNames] = await Promise.all([
    usersInCounties([
      ...docs.flatMap((d) => [
        { id: d.personId, countyCode: countyOf(d) },
        { id: d.handlerId, countyCode: countyOf(d) },
      ]),
      ...calls.map((c) => ({ id: c.by, countyCode: countyOf(c) })),
    ]),
    placeNamesByCode(docs.map((d) => d.villageCode)),
  ]);
  const callOf = new Map(calls.map((c) => [String(c.callbackId), c]));
  return docs
    .map((d): CallbackItem => {
      const person = people.get(String(d.personId));
      const call = callOf.get(String(d._id));
      return {
        id: String(d._id),
        source: d.source,
        kind: d.kind as CallbackItem['kind'],
        title:
          titles.get(d.sourceId)?.title ??
          (d.kind === 'consultation' ? '法律咨询' : CASE_KIND_LABELS[d.kind as keyof typeof CASE_KIND_LABELS]),
        personName: person?.name ?? '',
        personPhoneMasked: maskPhone(person?.phone),
        villageCode: d.villageCode,
        villageName: villageNames.get(d.villageCode) ?? '',
        handlerName: d.handlerId ? (people.get(String(d.handlerId))?.name ?? null) : null,
        finishedAt: d.finishedAt.toISOString(),
        call: call
          ? {
              reached: call.reached,
              satisfied: call.satisfied ?? null,
              notes: call.notes ?? null,
              byName: people.get(String(call.by))?.name ?? '',
              at: call.at.toISOString(),
            }
          : null,
      };
    })
    .sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : a.finishedAt > b.finishedAt ? -1 : a.id < b.id ? -1 : 1));
}

/** A township's month: its sample (drawn where short) and the calls recorded. Default: this month. */
export async function townshipCallbacks(
  townshipCode: string,
  month: string | undefined,
  now = new Date(),
): Promise<CallbackListReply> {
  const which = month ?? monthOf(now);
  const { docs, finished, policy } = await sampleOf(townshipCode, which, now);
  const calls = docs.length ? await CallbackCallModel.find({ townshipCode, month: which }).lean<CallbackCallDoc[]>() : [];
  return {
    month: which,
    townshipCode,
    finished: finished.size,
    sharePercent: policy.callbackSharePercent,
    minimum: policy.callbackMinimum,
    items: await itemsOf(docs, calls, finished),
  };
}

async function sampled(townshipCode: string, callbackId: string): Promise<CallbackDoc> {
  const doc = await CallbackModel.findOne({ _id: new Types.ObjectId(callbackId), townshipCode }).lean<CallbackDoc>();
  if (!doc) throw new AppError('CALLBACK_NOT_FOUND');
  return doc;
}

/** Records the call once; a second record (even at the same moment) is refused, the first stands. */
export async function recordCall(
  userId: string,
  townshipCode: string,
  callbackId: string,
  body: RecordCallbackBody,
  now = new Date(),
): Promise<CallbackItem> {
  const doc = await sampled(townshipCode, callbackId);
  const notes = body.notes?.trim() ? body.notes.trim() : null;
  const { created } = await createOnce(
    () =>
      CallbackCallModel.create({
        callbackId: doc._id,
        townshipCode,
        countyCode: doc.countyCode,
        month: doc.month,
        reached: body.reached,
        satisfied: body.reached ? body.satisfied : null,
        notes,
        by: new Types.ObjectId(userId),
        at: now,
      }),
    () => CallbackCallModel.findOne({ callbackId: doc._id }),
  );
  if (!created) throw new AppError('CALLBACK_ALREADY_RECORDED');
  const [call, finished] = await Promise.all([
    CallbackCallModel.findOne({ callbackId: doc._id }).lean<CallbackCallDoc>(),
    finishedIn(townshipCode, doc.month),
  ]);
  const [item] = await itemsOf([doc], call ? [call] : [], new Map(finished.map((s) => [s.id, s])));
  return item!;
}

/** The served person's full number for the staff member dialling; every reveal is logged. */
export async function revealPhone(userId: string, townshipCode: string, callbackId: string): Promise<{ phone: string }> {
  const doc = await sampled(townshipCode, callbackId);
  const person = await userById(doc.personId);
  if (!person?.phone) throw new AppError('CALLBACK_PHONE_NOT_AVAILABLE');
  await CallbackPhoneRevealModel.create({ callbackId: doc._id, userId: new Types.ObjectId(userId) });
  return { phone: person.phone };
}

function figuresOf(docs: readonly CallbackDoc[], callOf: Map<string, CallbackCallDoc>): CallbackFigures {
  const calls = docs.flatMap((d) => callOf.get(String(d._id)) ?? []);
  const reached = calls.filter((c) => c.reached).length;
  const satisfied = calls.filter((c) => c.reached && c.satisfied).length;
  return {
    sampled: docs.length,
    called: calls.length,
    reached,
    satisfied,
    coverage: share(calls.length, docs.length),
    satisfaction: share(satisfied, reached),
  };
}

/**
 * A county's month: per township and per counsel (the sampled services they handled). A fixed
 * number of commands whatever the county's size: samples and calls by (countyCode, month),
 * townships, counsel.
 */
export async function coverage(countyCode: string, month: string | undefined, now = new Date()): Promise<CallbackCoverageReply> {
  const which = month ?? monthOf(now);
  const [docs, calls, townships, counsel] = await Promise.all([
    CallbackModel.find({ countyCode, month: which }).batchSize(ONE_BATCH).lean<CallbackDoc[]>(),
    CallbackCallModel.find({ countyCode, month: which }).batchSize(ONE_BATCH).lean<CallbackCallDoc[]>(),
    placesOfCounty(countyCode, 'township'),
    counselRegisteredIn(countyCode),
  ]);
  const callOf = new Map(calls.map((c) => [String(c.callbackId), c]));
  return {
    month: which,
    summary: figuresOf(docs, callOf),
    byTownship: townships.map((t) => ({
      code: t.code,
      name: t.name,
      ...figuresOf(
        docs.filter((d) => d.townshipCode === t.code),
        callOf,
      ),
    })),
    byCounsel: counsel.map((c) => ({
      counselId: String(c._id),
      name: c.name,
      ...figuresOf(
        docs.filter((d) => d.handlerIds.some((h) => String(h) === String(c._id))),
        callOf,
      ),
    })),
  };
}
