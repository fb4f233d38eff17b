import { NEXT_TIER } from '@vc/types';
import type { CaseAct, CaseKind, CaseOutcome, CaseStatus, CaseStepKind, CountyPolicy, ErrorCode, Tier } from '@vc/types';
import { covers, type Grant } from '../../shared/scope';

/**
 * The service hall's cases (issue 16) as consultations prove the pattern (consultations/policy.ts):
 * the state is a fold of the recorded steps; whoever first acts at a tier owns the case there
 * (首问负责) until it is forwarded or done; each kind says which acts it has, who does them, from
 * which states, and what follows (kinds/*.ts). Everything here is pure.
 */
export interface StepRecord {
  n: number;
  kind: CaseStepKind;
  by: string;
  /** the applicant did it (never a handler of their own case) */
  byApplicant: boolean;
  at: Date;
  outcome: CaseOutcome | null;
  /** a booking's asked or proposed time */
  at2: Date | null;
}

export interface CaseState {
  tier: Tier;
  status: CaseStatus;
  handlerId: string | null;
  handlerIds: string[];
  outcome: CaseOutcome | null;
  /** when the case reached its current tier (forwarding restarts the next tier's clock) */
  tierSince: Date | null;
  firstResponseAt: Date | null;
  closedAt: Date | null;
  /** a booking's time: asked, proposed, or agreed */
  scheduledAt: Date | null;
  rated: boolean;
  version: number;
}

export type Actor = 'applicant' | 'handler' | 'either';

/** One act of a kind: who does it, from which states, and where it leaves the case. */
export interface ActRule {
  by: Actor;
  from: readonly CaseStatus[];
  to: CaseStatus;
  /** the case goes to the next tier, unowned (forward) */
  nextTier?: true;
  /** the outcome it finishes with: fixed, or the one the step names */
  outcome?: CaseOutcome | 'given';
  /** the step carries a new time for the booking (propose) */
  reschedules?: true;
  /** only at these tiers (legal aid: the township pre-screens, the county decides) */
  tiers?: readonly Tier[];
}

export interface Where {
  villageCode: string;
  townshipCode: string;
  countyCode: string;
}

export type Limits = Pick<
  CountyPolicy,
  'legalAidPrescreenDays' | 'legalAidDecisionDays' | 'mediationDays' | 'bookingConfirmHours' | 'complaintAnswerDays'
>;

export interface KindPolicy {
  kind: CaseKind;
  /** where a new case starts */
  firstTier: Tier;
  acts: Partial<Record<CaseAct, ActRule>>;
  /** who may take the case at a tier (its first contacts) */
  handlesAt(tier: Tier, where: Where, grants: readonly Grant[]): boolean;
  /** the staff who oversee such cases in the place (they see them; privacy: the jurisdiction's staff) */
  oversees(where: Where, grants: readonly Grant[]): boolean;
  /** the handlers' current time limit, or null when the case waits on the applicant or is done */
  due(createdAt: Date, state: CaseState, limits: Limits): Date | null;
  /** whether the person served may rate it once it is done with this outcome */
  rateable(outcome: CaseOutcome | null): boolean;
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export function project(kind: KindPolicy, steps: readonly StepRecord[]): CaseState {
  const state: CaseState = {
    tier: kind.firstTier,
    status: 'open',
    handlerId: null,
    handlerIds: [],
    outcome: null,
    tierSince: null,
    firstResponseAt: null,
    closedAt: null,
    scheduledAt: null,
    rated: false,
    version: 0,
  };
  for (const step of [...steps].sort((a, b) => a.n - b.n)) {
    state.version = step.n;
    if (step.kind === 'opened') {
      state.tierSince = step.at;
      state.scheduledAt = step.at2;
      continue;
    }
    if (step.kind === 'rated') {
      state.rated = true;
      continue;
    }
    const rule = kind.acts[step.kind];
    if (!rule) continue; // a step of an act this kind no longer has changes nothing
    if (!step.byApplicant) {
      state.handlerId = step.by;
      if (!state.handlerIds.includes(step.by)) state.handlerIds.push(step.by);
      state.firstResponseAt ??= step.at;
    }
    if (rule.reschedules) state.scheduledAt = step.at2;
    if (rule.nextTier) {
      state.tier = NEXT_TIER[state.tier] ?? state.tier;
      state.handlerId = null;
      state.tierSince = step.at;
    }
    state.status = rule.to;
    if (rule.outcome) state.outcome = rule.outcome === 'given' ? step.outcome : rule.outcome;
    if (rule.to === 'done') state.closedAt = step.at;
  }
  return state;
}

export interface Viewer {
  userId: string;
  grants: readonly Grant[];
}

export interface CaseFacts {
  applicantId: string;
  where: Where;
}

/** Privacy: the applicant, current and past handlers, the overseeing staff, and the tier's first contacts while unowned. */
export function mayView(kind: KindPolicy, facts: CaseFacts, state: CaseState, viewer: Viewer): boolean {
  return (
    facts.applicantId === viewer.userId ||
    state.handlerIds.includes(viewer.userId) ||
    kind.oversees(facts.where, viewer.grants) ||
    (state.handlerId === null && kind.handlesAt(state.tier, facts.where, viewer.grants))
  );
}

export type Refusal = Extract<
  ErrorCode,
  | 'CASE_DONE'
  | 'CASE_NOT_DONE'
  | 'CASE_ALREADY_RATED'
  | 'CASE_NOT_APPLICANT'
  | 'CASE_NOT_HANDLER'
  | 'CASE_OWNED_BY_OTHER'
  | 'CASE_ACT_NOT_ALLOWED'
>;

/** Why `viewer` may not do `act` now, or null when they may. */
export function refusal(
  kind: KindPolicy,
  act: CaseAct | 'rate',
  facts: CaseFacts,
  state: CaseState,
  viewer: Viewer,
): Refusal | null {
  const applicant = facts.applicantId === viewer.userId;
  if (act === 'rate') {
    if (!applicant) return 'CASE_NOT_APPLICANT';
    if (state.status !== 'done') return 'CASE_NOT_DONE';
    if (!kind.rateable(state.outcome)) return 'CASE_ACT_NOT_ALLOWED';
    return state.rated ? 'CASE_ALREADY_RATED' : null;
  }
  if (state.status === 'done') return 'CASE_DONE';
  const rule = kind.acts[act];
  if (!rule) return 'CASE_ACT_NOT_ALLOWED';
  if (rule.by === 'applicant' || (rule.by === 'either' && applicant)) {
    if (!applicant) return 'CASE_NOT_APPLICANT';
  } else {
    if (!kind.handlesAt(state.tier, facts.where, viewer.grants)) return 'CASE_NOT_HANDLER';
    if (state.handlerId !== null && state.handlerId !== viewer.userId) return 'CASE_OWNED_BY_OTHER';
  }
  if (!rule.from.includes(state.status)) return 'CASE_ACT_NOT_ALLOWED';
  if (rule.tiers && !rule.tiers.includes(state.tier)) return 'CASE_ACT_NOT_ALLOWED';
  if (rule.nextTier && NEXT_TIER[state.tier] === null) return 'CASE_ACT_NOT_ALLOWED';
  return null;
}

/** The acts `viewer` may do now: what the phone offers (the server tells it, the phone never guesses). */
export function allowedActs(kind: KindPolicy, facts: CaseFacts, state: CaseState, viewer: Viewer): (CaseAct | 'rate')[] {
  const acts = [...(Object.keys(kind.acts) as CaseAct[]), 'rate' as const];
  return acts.filter((act) => refusal(kind, act, facts, state, viewer) === null);
}

/** Late now (or, once done, when it was done): the handlers' limit passed. */
export function isOverdue(kind: KindPolicy, createdAt: Date, state: CaseState, limits: Limits, now: Date): boolean {
  if (state.status === 'done') return false;
  const due = kind.due(createdAt, state, limits);
  return due !== null && now > due;
}

// --- who handles where, shared by the kinds ---

export const isTownshipStaff = (where: Where, grants: readonly Grant[]) =>
  grants.some((g) => g.role === 'township_staff' && g.placeCode === where.townshipCode);
export const isCountyStaff = (where: Where, grants: readonly Grant[]) =>
  grants.some((g) => (g.role === 'county_staff' || g.role === 'admin') && covers(g.placeCode, where.countyCode));
export const isVillageRole = (roles: readonly Grant['role'][], where: Where, grants: readonly Grant[]) =>
  grants.some((g) => roles.includes(g.role) && g.placeCode === where.villageCode);
