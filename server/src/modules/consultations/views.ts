/**
 * How consultations are shown: a list's rows (`summaries`) and one consultation with its trail
 * and what the viewer may do next (`describe`), shared by the steps (steps.ts) and the lists
 * (lists.ts); and the reads of one consultation (`get`, `photo`).
 */
import type { Types } from 'mongoose';
import { sliceChars, type Consultation, type ConsultationSummary } from '@vc/types';
import type { Principal } from '../../shared/principal';
import { maskPhone } from '../../shared/mask';
import { usersInCounties, type UserDoc } from '../users/queries';
import { placeNamesByCode } from '../places/lookup';
import { RatingModel, type ConsultationDoc, type StepDoc } from './model';
import { photoChecksOf, readPhoto } from './photos';
import { isOverdue, refusal, type Act, type Viewer } from './policy';
import { loadVisible, stateOf, viewerOf, whereOf } from './record';

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
    preview: sliceChars(d.question, 60),
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
export async function summaries(docs: ConsultationDoc[], now = new Date()): Promise<ConsultationSummary[]> {
  const [people, villageNames] = await Promise.all([peopleOf(docs), placeNamesByCode(docs.map((d) => d.villageCode))]);
  return docs.map((d) => summaryOf(d, people, villageNames, now));
}

export async function describe(doc: ConsultationDoc, steps: StepDoc[], viewer: Viewer): Promise<Consultation> {
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
  // a text under review (review.ts) is read by its writer alone
  const readable = (review: string | null | undefined, writer: Types.ObjectId) => !review || String(writer) === viewer.userId;
  const commentShown = rating?.comment && readable(rating.commentReview, rating.askerId);
  // photos: others see those WeChat's check passed; the asker sees theirs with its state (审核中)
  const checks = doc.photoIds?.length ? await photoChecksOf(doc.askerId, doc._id) : null;
  const byAsker = String(doc.askerId) === viewer.userId;
  const photoChecks = (doc.photoIds ?? [])
    .map((id) => ({ photoId: String(id), check: checks?.get(String(id)) ?? ('withdrawn' as const) }))
    .filter((p) => byAsker || p.check === 'pass');
  return {
    ...summary,
    question: doc.question,
    review: doc.questionHeld ? (steps[0]?.review ?? 'held') : null,
    photoIds: photoChecks.map((p) => p.photoId),
    photoChecks,
    steps: steps.map((s) => ({
      n: s.n,
      kind: s.kind,
      byName: people.get(String(s.by))?.name ?? '',
      byRole: s.byRole,
      text: readable(s.review, s.by) ? s.text : null,
      reason: readable(s.review, s.by) ? s.reason : null,
      fromTier: s.fromTier,
      toTier: s.toTier,
      at: s.at.toISOString(),
      review: s.review ?? null,
      mine: String(s.by) === viewer.userId,
    })),
    rating: rating
      ? {
          attitude: rating.attitude,
          efficiency: rating.efficiency,
          competence: rating.competence,
          ...(commentShown ? { comment: rating.comment! } : {}),
          at: rating.at.toISOString(),
          commentReview: rating.comment ? (rating.commentReview ?? null) : null,
        }
      : null,
    can: { answer: can('answer'), escalate: can('escalate'), close: can('close'), followUp: can('followUp'), rate: can('rate') },
  };
}

export async function get(principal: Principal, consultationId: string): Promise<Consultation> {
  const { doc, steps } = await loadVisible(principal, consultationId);
  return describe(doc, steps, viewerOf(principal));
}

export async function photo(principal: Principal, consultationId: string, photoId: string) {
  const { doc } = await loadVisible(principal, consultationId);
  return readPhoto(doc._id, photoId, String(doc.askerId) === principal.userId);
}
