/** Lists of cases: the applicant's own, and a handler's or supervisor's inbox (后台统一受理). */
import type { CaseKind, CaseSummary } from '@vc/types';
import type { Principal } from '../../shared/principal';
import { CaseModel, type CaseDoc } from './model';
import { isOverdue, mayView } from './policy';
import { factsOf, kindOf, limitsOf, stateOf, viewerOf } from './record';
import { summaries, titleOf } from './views';

const LIST_LIMIT = 200;

export async function mine(principal: Principal): Promise<CaseSummary[]> {
  const docs = await CaseModel.find({ applicantId: principal.userId })
    .sort({ updatedAt: -1 })
    .limit(LIST_LIMIT)
    .lean<CaseDoc[]>();
  return summaries(docs);
}

/**
 * The places whose cases a person's roles reach, each read by one indexed equality (FerretDB pushes
 * down equalities only): a counsel's or mediator's village, or their township when they serve
 * several villages of it (one read, not one per village; the callers keep only what the person may
 * see or take), a township's, a county's.
 */
function placeQueries(principal: Principal): Record<string, string>[] {
  const queries = new Map<string, Record<string, string>>();
  const villagesByTownship = new Map<string, Set<string>>();
  for (const g of principal.grants) {
    if ((g.role === 'counsel' || g.role === 'mediator') && g.placeCode.length === 12) {
      const township = g.placeCode.slice(0, 9);
      villagesByTownship.set(township, (villagesByTownship.get(township) ?? new Set()).add(g.placeCode));
    }
  }
  for (const [township, villages] of villagesByTownship) {
    if (villages.size > 1) queries.set(township, { townshipCode: township });
    else for (const village of villages) queries.set(village, { villageCode: village });
  }
  for (const g of principal.grants) {
    if (g.role === 'township_staff') queries.set(g.placeCode, { townshipCode: g.placeCode });
    if ((g.role === 'county_staff' || g.role === 'admin') && g.placeCode.length === 6)
      queries.set(g.placeCode, { countyCode: g.placeCode });
  }
  return [...queries.values()];
}

/**
 * Active cases the person may see in their places, overdue first, then by the time left; or the
 * finished ones, newest first. Queries per place, not per case.
 */
export async function inbox(principal: Principal, status: 'active' | 'done', kind?: CaseKind): Promise<CaseSummary[]> {
  const viewer = viewerOf(principal);
  const found = new Map<string, CaseDoc>();
  for (const query of placeQueries(principal)) {
    const docs = await CaseModel.find(kind ? { ...query, kind } : query).lean<CaseDoc[]>();
    for (const d of docs) found.set(String(d._id), d);
  }
  const visible = [...found.values()].filter(
    (d) => (status === 'done') === (d.status === 'done') && mayView(kindOf(d), factsOf(d), stateOf(d), viewer),
  );
  if (status === 'done') {
    visible.sort((a, b) => (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0));
    return summaries(visible.slice(0, LIST_LIMIT));
  }
  const rows = await summaries(visible);
  const due = (r: CaseSummary) => (r.dueAt ? Date.parse(r.dueAt) : Number.MAX_SAFE_INTEGER);
  return rows.sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b)).slice(0, LIST_LIMIT);
}

export interface QueueItem {
  id: string;
  kind: CaseKind;
  title: string;
  villageCode: string;
  dueAt: Date | null;
  overdue: boolean;
}

/**
 * The active cases waiting on this person as a handler (the to-do's count): unowned ones they may
 * take at the case's tier, and the ones they own. Overseen ones are not their duty. The most urgent
 * first (overdue, then by the time left). One query per place, one policy read per county; null
 * when the person holds no role that takes cases.
 */
export async function handlerQueue(principal: Principal, now = new Date()): Promise<QueueItem[] | null> {
  const viewer = viewerOf(principal);
  const places = placeQueries(principal);
  if (places.length === 0) return null; // no role that takes cases
  const found = new Map<string, CaseDoc>();
  for (const query of places) {
    const docs = await CaseModel.find(query).lean<CaseDoc[]>();
    for (const d of docs) found.set(String(d._id), d);
  }
  const mine = [...found.values()].filter((d) => {
    if (d.status === 'done') return false;
    const state = stateOf(d);
    if (state.handlerId !== null) return state.handlerId === viewer.userId;
    return kindOf(d).handlesAt(state.tier, factsOf(d).where, viewer.grants);
  });
  if (mine.length === 0) return [];
  const limits = await limitsOf(mine.map((d) => d.countyCode));
  const items = mine.map((d) => {
    const kind = kindOf(d);
    const state = stateOf(d);
    const countyLimits = limits.get(d.countyCode)!;
    return {
      id: String(d._id),
      kind: d.kind,
      title: titleOf(d),
      villageCode: d.villageCode,
      dueAt: kind.due(d.createdAt, state, countyLimits),
      overdue: isOverdue(kind, d.createdAt, state, countyLimits, now),
    };
  });
  const due = (i: QueueItem) => i.dueAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b));
}
