/**
 * Lists of consultations: the asker's own, a handler's inbox, a township's overdue ones. Each
 * query has an indexed top-level equality (../../store/README.md, rule 1), and the rows' people
 * and villages are read per county, not per row (views.ts `summaries`, rule 2).
 */
import type { ConsultationSummary } from '@vc/types';
import type { Principal } from '../../shared/principal';
import { ConsultationModel, type ConsultationDoc } from './model';
import { handlesAt } from './policy';
import { id, whereOf } from './record';
import { summaries } from './views';

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
    return summaries(docs.filter((d) => !d.questionHeld));
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
  // a held question reaches nobody until approved (review.ts)
  const mineNow = docs.filter(
    (d) => !d.questionHeld && (d.handlerId === null || handlesAt(d.tier, whereOf(d), principal.grants)),
  );
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
  return summaries(
    docs.filter((d) => !d.questionHeld),
    now,
  );
}
