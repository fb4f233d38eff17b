/**
 * How cases are shown: a list's rows (`summaries`) and one case with its trail and what the viewer
 * may do next (`describe`); the reads of one case (`get`, `photo`).
 */
import type { Types } from 'mongoose';
import {
  CASE_KIND_LABELS,
  DISPUTE_KIND_LABELS,
  LEGAL_AID_MATTER_LABELS,
  sliceChars,
  type Case,
  type CaseSummary,
  type DisputeKind,
  type LegalAidMatter,
} from '@vc/types';
import type { Principal } from '../../shared/principal';
import { maskPhone } from '../../shared/mask';
import { inBeijing } from '../../shared/periods';
import { usersInCounties, type UserDoc } from '../users/queries';
import { placeNamesByCode } from '../places/lookup';
import { CaseRatingModel, type CaseDoc, type CaseStepDoc } from './model';
import { casePhotoChecks, readCasePhoto } from './photos';
import { allowedActs, isOverdue, type Limits, type Viewer } from './policy';
import { factsOf, kindOf, limitsOf, loadVisible, stateOf, viewerOf } from './record';

type Details = Record<string, string | number | boolean | null>;

/** One line naming the case in a list (display only; never read back as data). */
export function titleOf(doc: { kind: CaseDoc['kind']; details: unknown; scheduledAt: Date | null }): string {
  const d = doc.details as Details;
  switch (doc.kind) {
    case 'legal_aid':
      return LEGAL_AID_MATTER_LABELS[d.matter as LegalAidMatter] ?? CASE_KIND_LABELS.legal_aid;
    case 'mediation':
      return `${DISPUTE_KIND_LABELS[d.disputeKind as DisputeKind] ?? '纠纷'}（对方：${String(d.otherPartyName ?? '')}）`;
    case 'booking':
      return `${doc.scheduledAt ? inBeijing(doc.scheduledAt).format('M月D日 HH:mm') : ''} ${sliceChars(String(d.topic ?? ''), 30)}`.trim();
    default:
      return sliceChars(String(d.account ?? ''), 30);
  }
}

const peopleOf = (docs: readonly CaseDoc[], also: { id: Types.ObjectId | null; countyCode: string }[] = []) =>
  usersInCounties([
    ...docs.flatMap((d) => [
      { id: d.applicantId, countyCode: d.countyCode },
      { id: d.handlerId, countyCode: d.countyCode },
      { id: d.counselId, countyCode: d.countyCode },
    ]),
    ...also,
  ]);

function summaryOf(
  d: CaseDoc,
  people: Map<string, UserDoc>,
  villageNames: Map<string, string>,
  limits: Limits,
  now: Date,
): CaseSummary {
  const applicant = people.get(String(d.applicantId));
  const kind = kindOf(d);
  const state = stateOf(d);
  const due = kind.due(d.createdAt, state, limits);
  return {
    id: String(d._id),
    kind: d.kind,
    applicantName: applicant?.name ?? '',
    // privacy rule 6: never the full number in a list
    applicantPhoneMasked: maskPhone(applicant?.phone),
    villageCode: d.villageCode,
    villageName: villageNames.get(d.villageCode) ?? '',
    townshipCode: d.townshipCode,
    title: titleOf(d),
    tier: d.tier,
    status: d.status,
    outcome: d.outcome ?? null,
    handlerName: d.handlerId ? (people.get(String(d.handlerId))?.name ?? null) : null,
    dueAt: due?.toISOString() ?? null,
    overdue: isOverdue(kind, d.createdAt, state, limits, now),
    scheduledAt: d.scheduledAt?.toISOString() ?? null,
    rated: d.rated,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** A list's rows: people, villages and county limits are read per list, not per row. */
export async function summaries(docs: CaseDoc[], now = new Date()): Promise<CaseSummary[]> {
  const [people, villageNames, limits] = await Promise.all([
    peopleOf(docs),
    placeNamesByCode(docs.map((d) => d.villageCode)),
    limitsOf(docs.map((d) => d.countyCode)),
  ]);
  return docs.map((d) => summaryOf(d, people, villageNames, limits.get(d.countyCode)!, now));
}

/**
 * The kind's fields as this viewer may see them: the other party's phone only to the applicant, who
 * gave it, and to whoever mediates or mediated (privacy: the other party of a mediation is no user of
 * ours and agreed to nothing) — never to the overseeing staff, nor to first contacts before one
 * takes the case.
 */
function detailsFor(doc: CaseDoc, viewer: Viewer, people: Map<string, UserDoc>): Details {
  const { otherPartyPhone, ...rest } = doc.details as Details;
  const mayCall = String(doc.applicantId) === viewer.userId || doc.handlerIds.some((h) => String(h) === viewer.userId);
  return {
    ...rest,
    ...(otherPartyPhone && mayCall ? { otherPartyPhone } : {}),
    ...(doc.counselId ? { counselName: people.get(String(doc.counselId))?.name ?? '' } : {}),
  };
}

export async function describe(doc: CaseDoc, steps: CaseStepDoc[], viewer: Viewer): Promise<Case> {
  const [people, villageNames, limits] = await Promise.all([
    peopleOf(
      [doc],
      steps.map((s) => ({ id: s.by, countyCode: doc.countyCode })),
    ),
    placeNamesByCode([doc.villageCode]),
    limitsOf([doc.countyCode]),
  ]);
  const summary = summaryOf(doc, people, villageNames, limits.get(doc.countyCode)!, new Date());
  const rating = doc.rated ? await CaseRatingModel.findOne({ caseId: doc._id }).lean() : null;
  // photos: others see those WeChat's check passed; the applicant sees theirs with its state (审核中)
  const allPhotoIds = [...doc.photoIds, ...steps.flatMap((s) => s.photoIds ?? [])].map(String);
  const checks = allPhotoIds.length ? await casePhotoChecks(doc.applicantId, doc._id) : null;
  const byApplicant = String(doc.applicantId) === viewer.userId;
  const shown = (photoId: string) => byApplicant || checks?.get(photoId) === 'pass';
  const photoChecks = allPhotoIds
    .map((photoId) => ({ photoId, check: checks?.get(photoId) ?? ('withdrawn' as const) }))
    .filter((p) => shown(p.photoId));
  return {
    ...summary,
    details: detailsFor(doc, viewer, people),
    photoIds: doc.photoIds.map(String).filter(shown),
    photoChecks,
    steps: steps.map((s, i) => ({
      n: s.n,
      kind: s.kind,
      byName: people.get(String(s.by))?.name ?? '',
      byRole: s.byRole,
      text: s.text,
      outcome: s.outcome ?? null,
      at2: s.at2?.toISOString() ?? null,
      dueDate: s.dueDate,
      lawyer: s.lawyer,
      photoIds: (s.photoIds ?? []).map(String).filter(shown),
      toTier: s.kind === 'forward' ? 'county' : null,
      at: s.at.toISOString(),
      tookHours: i === 0 ? null : Math.round(((s.at.getTime() - steps[i - 1]!.at.getTime()) / 3600_000) * 10) / 10,
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
    can: allowedActs(kindOf(doc), factsOf(doc), stateOf(doc), viewer),
  };
}

export async function get(principal: Principal, caseId: string): Promise<Case> {
  const { doc, steps } = await loadVisible(principal, caseId);
  return describe(doc, steps, viewerOf(principal));
}

export async function photo(principal: Principal, caseId: string, photoId: string) {
  const { doc } = await loadVisible(principal, caseId);
  return readCasePhoto(doc._id, photoId, String(doc.applicantId) === principal.userId);
}
