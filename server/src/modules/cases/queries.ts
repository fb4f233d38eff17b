/**
 * How other modules read cases (they never import cases/model.ts): the call-backs' finished
 * services and the assessment's counts (issue 16 items 5 and 7). Each query carries an indexed
 * top-level equality; dates narrow in the same filter (../../store/README.md, rule 1).
 */
import type { Types } from 'mongoose';
import {
  CASE_KIND_LABELS,
  DISPUTE_KIND_LABELS,
  LEGAL_AID_MATTER_LABELS,
  clipChars,
  type CaseKind,
  type DisputeKind,
  type LegalAidMatter,
} from '@vc/types';
import { ONE_BATCH } from '../../store/batch';
import { ratedSatisfied, tally, within, type Tally } from '../../shared/tally';
import { CaseModel, CaseRatingModel } from './model';

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

type Details = Record<string, string | number | boolean | null | undefined>;

/** One line for a call-back list: the matter, the dispute kind, the topic, the complaint's first words. */
function callbackTitle(kind: CaseKind, details: Details): string {
  switch (kind) {
    case 'legal_aid':
      return LEGAL_AID_MATTER_LABELS[details.matter as LegalAidMatter] ?? CASE_KIND_LABELS.legal_aid;
    case 'mediation':
      return `${DISPUTE_KIND_LABELS[details.disputeKind as DisputeKind] ?? '纠纷'}调解`;
    case 'booking':
      return clipChars(String(details.topic ?? CASE_KIND_LABELS.booking), 30);
    default:
      return clipChars(String(details.account ?? CASE_KIND_LABELS.complaint), 30);
  }
}

/**
 * The cases of a township done in [from, to) where someone was served (not cancelled, not a
 * missed booking): the townshipCode equality, indexed; status and dates narrow in the same filter.
 */
export async function doneInTownship(townshipCode: string, from: Date, to: Date): Promise<FinishedCase[]> {
  const rows = await CaseModel.find(
    { townshipCode, status: 'done', closedAt: { $gte: from, $lt: to } },
    { kind: 1, villageCode: 1, applicantId: 1, handlerId: 1, handlerIds: 1, closedAt: 1, outcome: 1, details: 1 },
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
      title: callbackTitle(r.kind, (r.details ?? {}) as Details),
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
