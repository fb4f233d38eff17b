/**
 * What other modules may ask of the service hall's cases (they never import cases/model.ts): a
 * person's own cases for their data copy and what account cancellation erases (privacy); the
 * call-backs' finished services and the assessment's counts (issue 16 items 5 and 7). Each query
 * carries an indexed top-level equality; dates narrow in the same filter (../../store/README.md, rule 1).
 */
import { Types } from 'mongoose';
import type { CaseKind, DataCopy } from '@vc/types';
import { ONE_BATCH } from '../../store/batch';
import { ratedSatisfied, tally, within, type Tally } from '../../shared/tally';
import { CaseModel, CasePhotoModel, CaseRatingModel, CaseStepModel, type CaseDoc, type CaseStepDoc } from './model';
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

/** Outcomes where nobody was served: no call-back. */
const NOT_SERVED = new Set(['cancelled', 'no_show']);

/** A finished case as a call-back samples it (callbacks module). */
export interface FinishedCase {
  id: string;
  kind: CaseKind;
  villageCode: string;
  personId: Types.ObjectId;
  handlerId: Types.ObjectId | null;
  handlerIds: Types.ObjectId[];
  finishedAt: Date;
  title: string;
}

/**
 * The cases of a township done in [from, to) where someone was served (not cancelled, not a
 * missed booking): the townshipCode equality, indexed; status and dates narrow in the same filter.
 */
export async function doneInTownship(townshipCode: string, from: Date, to: Date): Promise<FinishedCase[]> {
  const rows = await CaseModel.find(
    { townshipCode, status: 'done', closedAt: { $gte: from, $lt: to } },
    { kind: 1, villageCode: 1, applicantId: 1, handlerId: 1, handlerIds: 1, closedAt: 1, outcome: 1, details: 1, scheduledAt: 1 },
  )
    .batchSize(ONE_BATCH)
    .lean();
  return rows
    .filter((r) => within(r.closedAt, from, to) && !NOT_SERVED.has(r.outcome ?? ''))
    .map((r) => ({
      id: String(r._id),
      kind: r.kind,
      villageCode: r.villageCode,
      personId: r.applicantId,
      handlerId: r.handlerId ?? null,
      handlerIds: r.handlerIds ?? [],
      finishedAt: r.closedAt!,
      title: titleOf({ kind: r.kind, details: r.details as unknown, scheduledAt: r.scheduledAt ?? null }),
    }));
}

export const CASE_COUNTS = [
  'legalAidReceived',
  'legalAidForwarded',
  'legalAidGranted',
  'mediationReceived',
  'mediationSettled',
  'bookingsKept',
  'ratings',
  'ratingsSatisfied',
] as const;

/**
 * A county's cases counted for a period [from, to), per township and per handler, each by when it
 * happened: received (applied), forwarded to the county (reached the county tier), granted,
 * settled with an agreement, a booking kept (closed with that outcome), ratings given and those
 * averaging ≥ 4. Two commands whatever the county's size (countyCode equalities, indexed).
 */
export async function countCases(countyCode: string, from: Date, to: Date): Promise<Tally<(typeof CASE_COUNTS)[number]>> {
  const [docs, ratings] = await Promise.all([
    CaseModel.find(
      { countyCode, createdAt: { $lt: to } },
      { kind: 1, townshipCode: 1, handlerIds: 1, createdAt: 1, closedAt: 1, tier: 1, tierSince: 1, outcome: 1 },
    )
      .batchSize(ONE_BATCH)
      .lean(),
    CaseRatingModel.find(
      { countyCode, at: { $gte: from, $lt: to } },
      { townshipCode: 1, handlerIds: 1, attitude: 1, efficiency: 1, competence: 1, at: 1 },
    )
      .batchSize(ONE_BATCH)
      .lean(),
  ]);
  const one = (yes: boolean) => (yes ? 1 : 0);
  return tally(CASE_COUNTS, [
    ...docs.map((d) => {
      const received = within(d.createdAt, from, to);
      const closed = within(d.closedAt, from, to);
      return {
        townshipCode: d.townshipCode,
        personIds: d.handlerIds ?? [],
        counts: {
          legalAidReceived: one(d.kind === 'legal_aid' && received),
          // forwarding moves legal aid to the county tier; tierSince is when it arrived there
          legalAidForwarded: one(d.kind === 'legal_aid' && d.tier === 'county' && within(d.tierSince, from, to)),
          legalAidGranted: one(d.kind === 'legal_aid' && d.outcome === 'granted' && closed),
          mediationReceived: one(d.kind === 'mediation' && received),
          mediationSettled: one(d.kind === 'mediation' && d.outcome === 'agreement' && closed),
          bookingsKept: one(d.kind === 'booking' && d.outcome === 'kept' && closed),
        },
      };
    }),
    ...ratings
      .filter((r) => within(r.at, from, to))
      .map((r) => ({
        townshipCode: r.townshipCode,
        personIds: r.handlerIds ?? [],
        counts: { ratings: 1, ratingsSatisfied: one(ratedSatisfied(r)) },
      })),
  ]);
}
