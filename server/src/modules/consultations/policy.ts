import { NEXT_TIER } from '@vc/types';
import type { ConsultationStatus, ConsultationStepKind, ConsultationTier } from '@vc/types';
import { covers, type Grant } from '../../shared/scope';

/**
 * Consultations (docs/domain.md R8, R9, R10). The state is a projection of the recorded steps, so
 * the trail and the state can never disagree:
 * - first-contact ownership (首问负责): whoever first answers (or claims) at a tier owns it until
 *   they hand it on or it is closed; others at that tier are refused;
 * - escalation hands it to the next tier (village → township → county) with a reason and no owner,
 *   so that tier's first contact takes it;
 * - time limits (限时办结) run from the asking and are not reset by escalation.
 */
export interface StepRecord {
  n: number;
  kind: ConsultationStepKind;
  by: string;
  at: Date;
  toTier: ConsultationTier | null;
}

export interface ConsultationState {
  tier: ConsultationTier;
  handlerId: string | null;
  handlerIds: string[];
  status: ConsultationStatus;
  firstResponseAt: Date | null;
  closedAt: Date | null;
  rated: boolean;
  version: number;
}

export function project(steps: readonly StepRecord[]): ConsultationState {
  const state: ConsultationState = {
    tier: 'village',
    handlerId: null,
    handlerIds: [],
    status: 'open',
    firstResponseAt: null,
    closedAt: null,
    rated: false,
    version: 0,
  };
  const take = (by: string) => {
    state.handlerId = by;
    if (!state.handlerIds.includes(by)) state.handlerIds.push(by);
  };
  for (const step of [...steps].sort((a, b) => a.n - b.n)) {
    state.version = step.n;
    switch (step.kind) {
      case 'asked':
        state.tier = step.toTier ?? 'village';
        break;
      case 'claimed':
        take(step.by);
        break;
      case 'answered':
        take(step.by);
        state.status = 'answered';
        state.firstResponseAt ??= step.at;
        break;
      case 'followed_up':
        state.status = 'open';
        break;
      case 'escalated':
        // handing on is handling: whoever escalates stays among the handlers (they may still look)
        if (!state.handlerIds.includes(step.by)) state.handlerIds.push(step.by);
        state.tier = step.toTier ?? state.tier;
        state.handlerId = null;
        state.status = 'open';
        break;
      case 'closed':
        state.status = 'closed';
        state.closedAt = step.at;
        break;
      case 'rated':
        state.rated = true;
        break;
    }
  }
  return state;
}

export interface Where {
  villageCode: string;
  townshipCode: string;
  countyCode: string;
}

/** The roles that handle a consultation at each tier, and where they must hold them. */
export function handlesAt(tier: ConsultationTier, where: Where, grants: readonly Grant[]): boolean {
  if (tier === 'village') return grants.some((g) => g.role === 'counsel' && g.placeCode === where.villageCode);
  if (tier === 'township') return grants.some((g) => g.role === 'township_staff' && g.placeCode === where.townshipCode);
  return grants.some(
    (g) =>
      (g.role === 'county_staff' || g.role === 'county_expert' || g.role === 'admin') && covers(g.placeCode, where.countyCode),
  );
}

/** Staff who oversee the place see its consultations (privacy rule 6: the jurisdiction's staff). */
export function overseesPlace(where: Where, grants: readonly Grant[]): boolean {
  return grants.some(
    (g) =>
      (g.role === 'township_staff' && g.placeCode === where.townshipCode) ||
      ((g.role === 'county_staff' || g.role === 'admin') && covers(g.placeCode, where.countyCode)),
  );
}

export interface Viewer {
  userId: string;
  grants: readonly Grant[];
}

export function isAsker(askerId: string, viewer: Viewer) {
  return askerId === viewer.userId;
}

/** Privacy rule: the asker, current and past handlers, the jurisdiction's staff, and the tier's first contacts while unowned. */
export function mayView(askerId: string, where: Where, state: ConsultationState, viewer: Viewer): boolean {
  return (
    isAsker(askerId, viewer) ||
    state.handlerIds.includes(viewer.userId) ||
    overseesPlace(where, viewer.grants) ||
    (state.handlerId === null && handlesAt(state.tier, where, viewer.grants))
  );
}

export type Act = 'answer' | 'escalate' | 'close' | 'followUp' | 'rate';
export type Refusal =
  | 'CONSULTATION_CLOSED'
  | 'CONSULTATION_OWNED_BY_OTHER'
  | 'CONSULTATION_NOT_HANDLER'
  | 'CONSULTATION_NOT_ASKER'
  | 'CONSULTATION_TOP_TIER'
  | 'CONSULTATION_NOT_ANSWERED'
  | 'CONSULTATION_NOT_CLOSED'
  | 'CONSULTATION_ALREADY_RATED';

/** Why `viewer` may not do `act` now, or null when they may. */
export function refusal(act: Act, askerId: string, where: Where, state: ConsultationState, viewer: Viewer): Refusal | null {
  const asker = isAsker(askerId, viewer);
  if (act === 'rate') {
    if (!asker) return 'CONSULTATION_NOT_ASKER';
    if (state.status !== 'closed') return 'CONSULTATION_NOT_CLOSED';
    return state.rated ? 'CONSULTATION_ALREADY_RATED' : null;
  }
  if (state.status === 'closed') return 'CONSULTATION_CLOSED';
  if (act === 'followUp') return asker ? null : 'CONSULTATION_NOT_ASKER';
  const handler = state.handlerId === viewer.userId;
  if (act === 'close') {
    if (asker) return null; // the asker may say it is settled at any time
    if (!handler) return 'CONSULTATION_NOT_HANDLER';
    return state.status === 'answered' || state.firstResponseAt ? null : 'CONSULTATION_NOT_ANSWERED';
  }
  if (!handlesAt(state.tier, where, viewer.grants)) return 'CONSULTATION_NOT_HANDLER';
  if (state.handlerId !== null && !handler) return 'CONSULTATION_OWNED_BY_OTHER';
  if (act === 'escalate' && NEXT_TIER[state.tier] === null) return 'CONSULTATION_TOP_TIER';
  return null;
}

export interface Limits {
  firstResponseHours: number;
  closureDays: number;
}

export function dueDates(createdAt: Date, limits: Limits) {
  return {
    firstResponseDueAt: new Date(createdAt.getTime() + limits.firstResponseHours * 3600_000),
    closeDueAt: new Date(createdAt.getTime() + limits.closureDays * 24 * 3600_000),
  };
}

/** Late on the first response or on closing; a late item stays late after it is done (for statistics). */
export function isOverdue(
  due: { firstResponseDueAt: Date; closeDueAt: Date },
  state: Pick<ConsultationState, 'firstResponseAt' | 'closedAt'>,
  now: Date,
): boolean {
  const respondedBy = state.firstResponseAt ?? state.closedAt ?? now;
  const closedBy = state.closedAt ?? now;
  return respondedBy > due.firstResponseDueAt || closedBy > due.closeDueAt;
}
