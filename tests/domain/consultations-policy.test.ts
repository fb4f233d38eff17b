import {
  dueDates,
  handlesAt,
  isOverdue,
  mayView,
  project,
  refusal,
  type ConsultationState,
  type StepRecord,
  type Viewer,
} from '../../server/src/modules/consultations/policy';
import type { Grant } from '../../server/src/shared/scope';

const where = { villageCode: '210921001001', townshipCode: '210921001', countyCode: '210921' };
const ASKER = 'asker';
const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h));
const step = (n: number, kind: StepRecord['kind'], by: string, toTier: StepRecord['toTier'] = null): StepRecord => ({
  n,
  kind,
  by,
  at: at(n),
  toTier,
});
const viewer = (userId: string, ...grants: Grant[]): Viewer => ({ userId, grants });
const asker = viewer(ASKER, { role: 'villager', placeCode: where.villageCode });
const counselA = viewer('a', { role: 'counsel', placeCode: where.villageCode });
const counselB = viewer('b', { role: 'counsel', placeCode: where.villageCode });
const otherCounsel = viewer('c', { role: 'counsel', placeCode: '210921001002' });
const township = viewer('t', { role: 'township_staff', placeCode: where.townshipCode });
const otherTownship = viewer('t2', { role: 'township_staff', placeCode: '210921100' });
const county = viewer('k', { role: 'county_staff', placeCode: where.countyCode });
const expert = viewer('e', { role: 'county_expert', placeCode: where.countyCode });
const neighbour = viewer('n', { role: 'villager', placeCode: where.villageCode });

describe('project: the state is a fold of the steps', () => {
  it('asked → answered (owner, first response) → followed up → escalated (no owner) → answered → closed → rated', () => {
    const steps = [
      step(1, 'asked', ASKER, 'village'),
      step(2, 'answered', 'a'),
      step(3, 'followed_up', ASKER),
      step(4, 'escalated', 'a', 'township'),
      step(5, 'answered', 't'),
      step(6, 'closed', ASKER),
      step(7, 'rated', ASKER),
    ];
    const states = steps.map((_, i) => project(steps.slice(0, i + 1)));
    expect(states.map((s) => [s.tier, s.handlerId, s.status])).toEqual([
      ['village', null, 'open'],
      ['village', 'a', 'answered'],
      ['village', 'a', 'open'],
      ['township', null, 'open'],
      ['township', 't', 'answered'],
      ['township', 't', 'closed'],
      ['township', 't', 'closed'],
    ]);
    const last = states.at(-1)!;
    expect(last.handlerIds).toEqual(['a', 't']);
    expect(last.firstResponseAt).toEqual(at(2)); // the first answer, not the last
    expect(last.closedAt).toEqual(at(6));
    expect(last.rated).toBe(true);
    expect(last.version).toBe(7);
  });
  it('escalating without answering still makes one a past handler', () => {
    const s = project([step(1, 'asked', ASKER, 'village'), step(2, 'escalated', 'a', 'township')]);
    expect(s).toMatchObject({ tier: 'township', handlerId: null, handlerIds: ['a'] });
  });
  it('order of the stored steps does not matter, n does', () => {
    const steps = [step(2, 'claimed', 'a'), step(1, 'asked', ASKER, 'township')];
    expect(project(steps)).toMatchObject({ tier: 'township', handlerId: 'a', version: 2 });
  });
});

const state = (over: Partial<ConsultationState> = {}): ConsultationState => ({
  tier: 'village',
  handlerId: null,
  handlerIds: [],
  status: 'open',
  firstResponseAt: null,
  closedAt: null,
  rated: false,
  version: 1,
  ...over,
});

describe('handlesAt: who is the front desk of each tier', () => {
  it('village: its counsel; township: its office; county: county staff and experts', () => {
    expect([counselA, otherCounsel, township, county].map((v) => handlesAt('village', where, v.grants))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect([counselA, township, otherTownship, county].map((v) => handlesAt('township', where, v.grants))).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect([township, county, expert].map((v) => handlesAt('county', where, v.grants))).toEqual([false, true, true]);
  });
});

describe('mayView (privacy rule 6)', () => {
  it('unowned at the village: the asker, the village counsel and the jurisdiction staff', () => {
    const s = state();
    const seen = [asker, counselA, counselB, township, county, neighbour, otherCounsel, otherTownship, expert].map((v) =>
      mayView(ASKER, where, s, v),
    );
    expect(seen).toEqual([true, true, true, true, true, false, false, false, false]);
  });
  it('owned: the other counsel of the village no longer sees it; past handlers still do', () => {
    expect(mayView(ASKER, where, state({ handlerId: 'a', handlerIds: ['a'] }), counselB)).toBe(false);
    const escalated = state({ tier: 'county', handlerId: null, handlerIds: ['a', 't'] });
    expect(mayView(ASKER, where, escalated, counselA)).toBe(true);
    expect(mayView(ASKER, where, escalated, counselB)).toBe(false);
    expect(mayView(ASKER, where, escalated, expert)).toBe(true);
  });
});

describe('refusal: first contact and who may do what', () => {
  it('the first contact may answer an unowned one; once owned, others at the tier are refused', () => {
    expect(refusal('answer', ASKER, where, state(), counselB)).toBeNull();
    expect(refusal('answer', ASKER, where, state({ handlerId: 'a', handlerIds: ['a'] }), counselB)).toBe(
      'CONSULTATION_OWNED_BY_OTHER',
    );
    expect(refusal('answer', ASKER, where, state({ handlerId: 'a', handlerIds: ['a'] }), counselA)).toBeNull();
    expect(refusal('answer', ASKER, where, state(), township)).toBe('CONSULTATION_NOT_HANDLER');
  });
  it('escalation goes up to the county and no further', () => {
    expect(refusal('escalate', ASKER, where, state(), counselA)).toBeNull();
    expect(refusal('escalate', ASKER, where, state({ tier: 'county' }), county)).toBe('CONSULTATION_TOP_TIER');
  });
  it('closing: the asker at any time, the owner only after answering', () => {
    expect(refusal('close', ASKER, where, state(), asker)).toBeNull();
    expect(refusal('close', ASKER, where, state({ handlerId: 'a' }), counselA)).toBe('CONSULTATION_NOT_ANSWERED');
    expect(
      refusal('close', ASKER, where, state({ handlerId: 'a', status: 'answered', firstResponseAt: at(2) }), counselA),
    ).toBeNull();
    expect(refusal('close', ASKER, where, state({ status: 'answered' }), counselB)).toBe('CONSULTATION_NOT_HANDLER');
  });
  it('follow-ups only from the asker; nothing but rating after closing; one rating', () => {
    expect(refusal('followUp', ASKER, where, state(), counselA)).toBe('CONSULTATION_NOT_ASKER');
    const closed = state({ status: 'closed', closedAt: at(5) });
    for (const act of ['answer', 'escalate', 'close', 'followUp'] as const)
      expect(refusal(act, ASKER, where, closed, asker)).toBe('CONSULTATION_CLOSED');
    expect(refusal('rate', ASKER, where, state(), asker)).toBe('CONSULTATION_NOT_CLOSED');
    expect(refusal('rate', ASKER, where, closed, counselA)).toBe('CONSULTATION_NOT_ASKER');
    expect(refusal('rate', ASKER, where, closed, asker)).toBeNull();
    expect(refusal('rate', ASKER, where, { ...closed, rated: true }, asker)).toBe('CONSULTATION_ALREADY_RATED');
  });
});

describe('deadlines (限时办结)', () => {
  const due = dueDates(at(0), { firstResponseHours: 24, closureDays: 7 });
  it('come from the county limits', () => {
    expect(due.firstResponseDueAt).toEqual(new Date(at(0).getTime() + 24 * 3600_000));
    expect(due.closeDueAt).toEqual(new Date(at(0).getTime() + 7 * 24 * 3600_000));
  });
  it('late on the first response, late on closing, or on time', () => {
    const day = (d: number) => new Date(at(0).getTime() + d * 24 * 3600_000);
    expect(isOverdue(due, { firstResponseAt: null, closedAt: null }, day(0.5))).toBe(false);
    expect(isOverdue(due, { firstResponseAt: null, closedAt: null }, day(1.5))).toBe(true);
    expect(isOverdue(due, { firstResponseAt: day(0.5), closedAt: null }, day(3))).toBe(false);
    expect(isOverdue(due, { firstResponseAt: day(0.5), closedAt: null }, day(8))).toBe(true);
    expect(isOverdue(due, { firstResponseAt: day(2), closedAt: day(3) }, day(30))).toBe(true); // answered late stays late
    expect(isOverdue(due, { firstResponseAt: day(0.5), closedAt: day(3) }, day(30))).toBe(false);
    expect(isOverdue(due, { firstResponseAt: null, closedAt: day(0.2) }, day(30))).toBe(false); // withdrawn early
  });
});
