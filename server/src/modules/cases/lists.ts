/** Lists of cases: the applicant's own, and a handler's or supervisor's inbox (后台统一受理). */
import type { CaseKind, CaseSummary } from '@vc/types';
import type { Principal } from '../../shared/principal';
import { CaseModel, type CaseDoc } from './model';
import { mayView } from './policy';
import { factsOf, kindOf, stateOf, viewerOf } from './record';
import { summaries } from './views';

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
 * down equalities only): a counsel's or mediator's villages, a township's, a county's.
 */
function placeQueries(principal: Principal): Record<string, string>[] {
  const queries = new Map<string, Record<string, string>>();
  for (const g of principal.grants) {
    if (g.role === 'counsel' || g.role === 'mediator') queries.set(g.placeCode, { villageCode: g.placeCode });
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
