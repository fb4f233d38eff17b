/**
 * The service hall's kinds as pure policies (server/src/modules/cases/policy.ts and kinds/*.ts):
 * each kind's fold over recorded steps, who may do which act when, what the viewer is offered,
 * the time limits from the county's settings, which outcomes are rated, and who may see a case.
 */
import {
  DAY,
  HOUR,
  allowedActs,
  isOverdue,
  mayView,
  project,
  refusal,
  type CaseFacts,
  type CaseState,
  type KindPolicy,
  type Limits,
  type StepRecord,
  type Viewer,
} from '../../server/src/modules/cases/policy';
import { KINDS } from '../../server/src/modules/cases/kinds';
import { checkEligibility, thresholdOf } from '../../server/src/modules/cases/kinds/legal-aid';
import type { Grant } from '../../server/src/shared/scope';
import type { CaseAct, CaseOutcome } from '../../types/src';
import { CASE_OUTCOMES, LEGAL_AID_MATTERS } from '../../types/src';

const where = { villageCode: '210921001001', townshipCode: '210921001', countyCode: '210921' };
const facts: CaseFacts = { applicantId: 'applicant', where };
const T0 = new Date(Date.UTC(2026, 10, 2, 1));
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const LIMITS: Limits = {
  legalAidPrescreenDays: 3,
  legalAidDecisionDays: 7,
  mediationDays: 30,
  bookingConfirmHours: 24,
  complaintAnswerDays: 7,
};

const viewer = (userId: string, ...grants: Grant[]): Viewer => ({ userId, grants });
const applicant = viewer('applicant', { role: 'villager', placeCode: where.villageCode });
const counsel = viewer('counsel', { role: 'counsel', placeCode: where.villageCode });
const counsel2 = viewer('counsel2', { role: 'counsel', placeCode: where.villageCode });
const mediator = viewer('mediator', { role: 'mediator', placeCode: where.villageCode });
const otherVillageMediator = viewer('mediator-x', { role: 'mediator', placeCode: '210921001002' });
const otherVillageCounsel = viewer('counsel-x', { role: 'counsel', placeCode: '210921001002' });
const township = viewer('township', { role: 'township_staff', placeCode: where.townshipCode });
const township2 = viewer('township2', { role: 'township_staff', placeCode: where.townshipCode });
const otherTownship = viewer('township-x', { role: 'township_staff', placeCode: '210921100' });
const county = viewer('county', { role: 'county_staff', placeCode: where.countyCode });
const county2 = viewer('county2', { role: 'county_staff', placeCode: where.countyCode });
const otherCounty = viewer('county-x', { role: 'county_staff', placeCode: '210922' });
const admin = viewer('admin', { role: 'admin', placeCode: '21' });
const neighbour = viewer('neighbour', { role: 'villager', placeCode: where.villageCode });
const cadre = viewer('cadre', { role: 'village_cadre', placeCode: where.villageCode });

let n = 0;
/** Steps in order, an hour apart: [kind, by, extra]. */
function steps(...list: [StepRecord['kind'], Viewer, Partial<StepRecord>?][]): StepRecord[] {
  n = 0;
  return [
    { n: ++n, kind: 'opened', by: 'applicant', byApplicant: true, at: T0, outcome: null, at2: null },
    ...list.map(([kind, who, extra]) => ({
      n: ++n,
      kind,
      by: who.userId,
      byApplicant: who.userId === 'applicant',
      at: at(n - 1),
      outcome: null,
      at2: null,
      ...extra,
    })),
  ];
}
const opened = (kind: KindPolicy, at2: Date | null = null) =>
  project(kind, [{ n: 1, kind: 'opened', by: 'applicant', byApplicant: true, at: T0, outcome: null, at2 }]);

const { legal_aid: legalAid, mediation, booking, complaint } = KINDS;

describe('the fold (project)', () => {
  it('a new case is open at its kind’s first tier, unowned, version 1', () => {
    expect(opened(legalAid)).toMatchObject({ tier: 'township', status: 'open', handlerId: null, version: 1, tierSince: T0 });
    expect(opened(mediation)).toMatchObject({ tier: 'village', status: 'open' });
    expect(opened(booking, at(48))).toMatchObject({ tier: 'village', status: 'open', scheduledAt: at(48) });
    expect(opened(complaint)).toMatchObject({ tier: 'county', status: 'open' });
  });

  it('legal aid: take, ask, supply, forward (the county’s clock starts, unowned), decide with the given outcome', () => {
    const s = project(
      legalAid,
      steps(
        ['take', township],
        ['ask_material', township],
        ['supply', applicant],
        ['forward', township],
        ['decide', county, { outcome: 'granted' }],
        ['rated', applicant],
      ),
    );
    expect(s).toMatchObject({
      tier: 'county',
      status: 'done',
      outcome: 'granted',
      handlerId: 'county',
      handlerIds: ['township', 'county'],
      firstResponseAt: at(1),
      tierSince: at(4),
      closedAt: at(5),
      rated: true,
      version: 7,
    });
    const forwarded = project(legalAid, steps(['take', township], ['forward', township]));
    expect(forwarded).toMatchObject({ tier: 'county', status: 'open', handlerId: null, tierSince: at(2) });
    const waiting = project(legalAid, steps(['ask_material', township]));
    expect(waiting).toMatchObject({ status: 'waiting', handlerId: 'township' });
    expect(project(legalAid, steps(['refuse', township]))).toMatchObject({ status: 'done', outcome: 'refused' });
    expect(project(legalAid, steps(['cancel', applicant]))).toMatchObject({
      status: 'done',
      outcome: 'cancelled',
      handlerIds: [], // the applicant's own step never makes them a handler
      firstResponseAt: null,
    });
  });

  it('folds in order of n, whatever order the steps arrive in; a step of an act the kind lacks changes nothing', () => {
    const list = steps(['take', township], ['forward', township], ['take', county]);
    expect(project(legalAid, [...list].reverse())).toEqual(project(legalAid, list));
    const odd = project(complaint, steps(['take', county], ['session', county]));
    expect(odd).toMatchObject({ status: 'handling', version: 3 });
  });

  it('mediation: sessions keep it handling, settle finishes with the named outcome', () => {
    expect(project(mediation, steps(['take', mediator], ['session', mediator]))).toMatchObject({
      status: 'handling',
      handlerId: 'mediator',
    });
    for (const outcome of ['agreement', 'no_agreement', 'referred'] as const)
      expect(project(mediation, steps(['session', counsel], ['settle', counsel, { outcome }]))).toMatchObject({
        status: 'done',
        outcome,
        handlerIds: ['counsel'],
      });
  });

  it('booking: confirm, propose (a new time, waiting on the villager), accept, complete / no-show / cancel', () => {
    const proposed = project(booking, steps(['confirm', counsel], ['propose', counsel, { at2: at(72) }]));
    expect(proposed).toMatchObject({ status: 'waiting', scheduledAt: at(72) });
    const accepted = project(booking, steps(['propose', counsel, { at2: at(72) }], ['accept', applicant]));
    expect(accepted).toMatchObject({ status: 'confirmed', scheduledAt: at(72), handlerId: 'counsel' });
    // completing records the session's start in at2, which is not a reschedule
    const kept = project(booking, steps(['confirm', counsel], ['complete', counsel, { at2: at(99) }]));
    expect(kept).toMatchObject({ status: 'done', outcome: 'kept', scheduledAt: null });
    expect(project(booking, steps(['confirm', counsel], ['no_show', counsel]))).toMatchObject({ outcome: 'no_show' });
    expect(project(booking, steps(['confirm', counsel], ['cancel', applicant]))).toMatchObject({
      status: 'done',
      outcome: 'cancelled',
      handlerIds: ['counsel'],
    });
  });

  it('complaint: take then answer', () => {
    expect(project(complaint, steps(['take', county], ['answer', county]))).toMatchObject({
      status: 'done',
      outcome: 'answered',
      handlerId: 'county',
    });
  });
});

/** Every act each kind has, by who tries it, from the state after `list`. */
const refusals = (kind: KindPolicy, list: StepRecord[], acts: (CaseAct | 'rate')[], who: Viewer) =>
  Object.fromEntries(acts.map((a) => [a, refusal(kind, a, facts, project(kind, list), who)]));

describe('refusal and allowedActs: legal aid', () => {
  const acts: CaseAct[] = ['take', 'ask_material', 'supply', 'forward', 'refuse', 'decide', 'cancel'];

  it('open at the township: its staff may take, ask, forward, refuse; the applicant only cancel', () => {
    const list = steps();
    expect(refusals(legalAid, list, acts, township)).toEqual({
      take: null,
      ask_material: null,
      supply: 'CASE_NOT_APPLICANT',
      forward: null,
      refuse: null,
      decide: 'CASE_ACT_NOT_ALLOWED', // the county decides
      cancel: 'CASE_NOT_APPLICANT',
    });
    expect(refusals(legalAid, list, acts, applicant)).toEqual({
      take: 'CASE_NOT_HANDLER',
      ask_material: 'CASE_NOT_HANDLER',
      supply: 'CASE_ACT_NOT_ALLOWED',
      forward: 'CASE_NOT_HANDLER',
      refuse: 'CASE_NOT_HANDLER',
      decide: 'CASE_NOT_HANDLER',
      cancel: null,
    });
    for (const other of [county, otherTownship, counsel, mediator, neighbour, otherCounty])
      expect(refusal(legalAid, 'take', facts, project(legalAid, list), other)).toBe('CASE_NOT_HANDLER');
    expect(allowedActs(legalAid, facts, project(legalAid, list), township)).toEqual([
      'take',
      'ask_material',
      'forward',
      'refuse',
    ]);
    expect(allowedActs(legalAid, facts, project(legalAid, list), applicant)).toEqual(['cancel']);
    expect(allowedActs(legalAid, facts, project(legalAid, list), neighbour)).toEqual([]);
  });

  it('owned: another of the same tier is refused as owned by other; waiting lets the applicant supply', () => {
    const taken = steps(['take', township]);
    expect(refusal(legalAid, 'forward', facts, project(legalAid, taken), township2)).toBe('CASE_OWNED_BY_OTHER');
    expect(refusal(legalAid, 'take', facts, project(legalAid, taken), township)).toBe('CASE_ACT_NOT_ALLOWED');
    const waiting = steps(['ask_material', township]);
    expect(allowedActs(legalAid, facts, project(legalAid, waiting), applicant)).toEqual(['supply', 'cancel']);
    expect(allowedActs(legalAid, facts, project(legalAid, waiting), township)).toEqual(['refuse']);
  });

  it('at the county: county staff decide (not forward again, not refuse), the township no longer handles', () => {
    const atCounty = steps(['forward', township]);
    expect(allowedActs(legalAid, facts, project(legalAid, atCounty), county)).toEqual(['take', 'ask_material', 'decide']);
    expect(allowedActs(legalAid, facts, project(legalAid, atCounty), admin)).toEqual(['take', 'ask_material', 'decide']);
    expect(refusal(legalAid, 'decide', facts, project(legalAid, atCounty), township)).toBe('CASE_NOT_HANDLER');
    expect(refusal(legalAid, 'decide', facts, project(legalAid, atCounty), otherCounty)).toBe('CASE_NOT_HANDLER');
    const taken = steps(['forward', township], ['take', county]);
    expect(refusal(legalAid, 'decide', facts, project(legalAid, taken), county2)).toBe('CASE_OWNED_BY_OTHER');
  });

  it('done: every act is refused as done; the applicant rates once unless cancelled', () => {
    const done = steps(['refuse', township]);
    for (const a of acts) expect(refusal(legalAid, a, facts, project(legalAid, done), township)).toBe('CASE_DONE');
    expect(allowedActs(legalAid, facts, project(legalAid, done), applicant)).toEqual(['rate']);
    expect(refusal(legalAid, 'rate', facts, project(legalAid, done), township)).toBe('CASE_NOT_APPLICANT');
    expect(refusal(legalAid, 'rate', facts, project(legalAid, steps()), applicant)).toBe('CASE_NOT_DONE');
    const rated = steps(['refuse', township], ['rated', applicant]);
    expect(refusal(legalAid, 'rate', facts, project(legalAid, rated), applicant)).toBe('CASE_ALREADY_RATED');
    const cancelled = steps(['cancel', applicant]);
    expect(refusal(legalAid, 'rate', facts, project(legalAid, cancelled), applicant)).toBe('CASE_ACT_NOT_ALLOWED');
  });
});

describe('refusal and allowedActs: mediation', () => {
  it('open: the village’s mediators and counsel may take, record a session or settle; nobody else', () => {
    const s = project(mediation, steps());
    for (const who of [mediator, counsel, counsel2])
      expect(allowedActs(mediation, facts, s, who)).toEqual(['take', 'session', 'settle']);
    expect(allowedActs(mediation, facts, s, applicant)).toEqual(['cancel']);
    for (const who of [township, county, otherVillageMediator, otherVillageCounsel, neighbour, cadre]) {
      expect(refusal(mediation, 'take', facts, s, who)).toBe('CASE_NOT_HANDLER');
      expect(allowedActs(mediation, facts, s, who)).toEqual([]);
    }
    expect(refusal(mediation, 'cancel', facts, s, mediator)).toBe('CASE_NOT_APPLICANT');
    expect(refusal(mediation, 'answer', facts, s, mediator)).toBe('CASE_ACT_NOT_ALLOWED');
  });

  it('owned by the mediator: the counsel is refused as owned by other, the mediator continues', () => {
    const s = project(mediation, steps(['take', mediator]));
    expect(refusal(mediation, 'session', facts, s, counsel)).toBe('CASE_OWNED_BY_OTHER');
    expect(refusal(mediation, 'take', facts, s, counsel)).toBe('CASE_OWNED_BY_OTHER');
    expect(allowedActs(mediation, facts, s, mediator)).toEqual(['session', 'settle']);
    expect(allowedActs(mediation, facts, s, counsel)).toEqual([]);
  });

  it('done: rated for every outcome but cancelled', () => {
    const done = project(mediation, steps(['settle', counsel, { outcome: 'no_agreement' }]));
    expect(refusal(mediation, 'session', facts, done, counsel)).toBe('CASE_DONE');
    expect(allowedActs(mediation, facts, done, applicant)).toEqual(['rate']);
  });
});

describe('refusal and allowedActs: booking', () => {
  it('open: the village’s counsel confirms or proposes; a mediator is no handler; either side cancels', () => {
    const s = project(booking, steps());
    expect(allowedActs(booking, facts, s, counsel)).toEqual(['confirm', 'propose', 'cancel']);
    expect(allowedActs(booking, facts, s, applicant)).toEqual(['cancel']);
    for (const who of [mediator, township, county, otherVillageCounsel, neighbour])
      expect(refusal(booking, 'confirm', facts, s, who)).toBe('CASE_NOT_HANDLER');
    expect(refusal(booking, 'accept', facts, s, applicant)).toBe('CASE_ACT_NOT_ALLOWED'); // nothing proposed
    expect(refusal(booking, 'complete', facts, s, counsel)).toBe('CASE_ACT_NOT_ALLOWED'); // not confirmed
    expect(refusal(booking, 'take', facts, s, counsel)).toBe('CASE_ACT_NOT_ALLOWED'); // bookings have no take
  });

  it('proposed: the villager accepts or cancels; the counsel may propose again; another counsel is owned by other', () => {
    const s = project(booking, steps(['propose', counsel, { at2: at(72) }]));
    expect(allowedActs(booking, facts, s, applicant)).toEqual(['accept', 'cancel']);
    expect(allowedActs(booking, facts, s, counsel)).toEqual(['propose', 'cancel']);
    expect(refusal(booking, 'propose', facts, s, counsel2)).toBe('CASE_OWNED_BY_OTHER');
    expect(refusal(booking, 'accept', facts, s, counsel)).toBe('CASE_NOT_APPLICANT');
  });

  it('confirmed: the counsel completes or records a no-show; rated only when kept', () => {
    const s = project(booking, steps(['confirm', counsel]));
    expect(allowedActs(booking, facts, s, counsel)).toEqual(['propose', 'cancel', 'no_show', 'complete']);
    expect(refusal(booking, 'confirm', facts, s, counsel)).toBe('CASE_ACT_NOT_ALLOWED');
    const kept = project(booking, steps(['confirm', counsel], ['complete', counsel]));
    expect(allowedActs(booking, facts, kept, applicant)).toEqual(['rate']);
    for (const ending of [
      steps(['confirm', counsel], ['no_show', counsel]),
      steps(['confirm', counsel], ['cancel', counsel]),
      steps(['cancel', applicant]),
    ])
      expect(refusal(booking, 'rate', facts, project(booking, ending), applicant)).toBe('CASE_ACT_NOT_ALLOWED');
  });
});

describe('refusal and allowedActs: complaint', () => {
  it('only the county’s staff take and answer; the applicant has nothing to do until rating', () => {
    const s = project(complaint, steps());
    expect(allowedActs(complaint, facts, s, county)).toEqual(['take', 'answer']);
    expect(allowedActs(complaint, facts, s, applicant)).toEqual([]);
    for (const who of [township, counsel, mediator, otherCounty, neighbour]) {
      expect(refusal(complaint, 'take', facts, s, who)).toBe('CASE_NOT_HANDLER');
      expect(refusal(complaint, 'answer', facts, s, who)).toBe('CASE_NOT_HANDLER');
    }
    expect(refusal(complaint, 'cancel', facts, s, applicant)).toBe('CASE_ACT_NOT_ALLOWED');
    const taken = project(complaint, steps(['take', county]));
    expect(refusal(complaint, 'answer', facts, taken, county2)).toBe('CASE_OWNED_BY_OTHER');
    const answered = project(complaint, steps(['answer', county]));
    expect(allowedActs(complaint, facts, answered, applicant)).toEqual(['rate']);
  });
});

describe('time limits (due, isOverdue)', () => {
  const due = (kind: KindPolicy, s: CaseState, limits = LIMITS) => kind.due(T0, s, limits);

  it('legal aid: the township’s days from opening, the county’s from forwarding; none while waiting or done', () => {
    expect(due(legalAid, opened(legalAid))).toEqual(new Date(T0.getTime() + 3 * DAY));
    expect(due(legalAid, opened(legalAid), { ...LIMITS, legalAidPrescreenDays: 5 })).toEqual(new Date(T0.getTime() + 5 * DAY));
    const forwarded = project(legalAid, steps(['take', township], ['forward', township]));
    expect(due(legalAid, forwarded)).toEqual(new Date(at(2).getTime() + 7 * DAY));
    expect(due(legalAid, project(legalAid, steps(['ask_material', township])))).toBeNull();
    expect(due(legalAid, project(legalAid, steps(['refuse', township])))).toBeNull();
  });

  it('mediation: mediationDays from opening until done', () => {
    expect(due(mediation, project(mediation, steps(['take', mediator])))).toEqual(new Date(T0.getTime() + 30 * DAY));
    expect(due(mediation, opened(mediation), { ...LIMITS, mediationDays: 15 })).toEqual(new Date(T0.getTime() + 15 * DAY));
    expect(due(mediation, project(mediation, steps(['settle', mediator, { outcome: 'agreement' }])))).toBeNull();
  });

  it('booking: confirm within bookingConfirmHours; once agreed, record it by a day after the time; none while proposed', () => {
    expect(due(booking, opened(booking, at(48)))).toEqual(at(24));
    expect(due(booking, opened(booking, at(48)), { ...LIMITS, bookingConfirmHours: 8 })).toEqual(at(8));
    expect(due(booking, project(booking, steps(['confirm', counsel])))).toBeNull(); // opened with no time: nothing to record by
    const confirmed = project(booking, [
      { n: 1, kind: 'opened', by: 'applicant', byApplicant: true, at: T0, outcome: null, at2: at(48) },
      { n: 2, kind: 'confirm', by: 'counsel', byApplicant: false, at: at(1), outcome: null, at2: null },
    ]);
    expect(due(booking, confirmed)).toEqual(at(72));
    expect(due(booking, project(booking, steps(['propose', counsel, { at2: at(96) }])))).toBeNull();
  });

  it('complaint: complaintAnswerDays from opening', () => {
    expect(due(complaint, opened(complaint))).toEqual(new Date(T0.getTime() + 7 * DAY));
    expect(due(complaint, opened(complaint), { ...LIMITS, complaintAnswerDays: 15 })).toEqual(new Date(T0.getTime() + 15 * DAY));
    expect(due(complaint, project(complaint, steps(['answer', county])))).toBeNull();
  });

  it('overdue only past the limit and never once done', () => {
    const s = opened(complaint);
    expect(isOverdue(complaint, T0, s, LIMITS, new Date(T0.getTime() + 7 * DAY))).toBe(false);
    expect(isOverdue(complaint, T0, s, LIMITS, new Date(T0.getTime() + 7 * DAY + 1))).toBe(true);
    const answered = project(complaint, steps(['answer', county]));
    expect(isOverdue(complaint, T0, answered, LIMITS, new Date(T0.getTime() + 99 * DAY))).toBe(false);
    const waiting = project(legalAid, steps(['ask_material', township]));
    expect(isOverdue(legalAid, T0, waiting, LIMITS, new Date(T0.getTime() + 99 * DAY))).toBe(false);
  });
});

describe('rateable outcomes', () => {
  const rateable = (kind: KindPolicy) => CASE_OUTCOMES.filter((o: CaseOutcome) => kind.rateable(o));
  it('per kind', () => {
    expect(rateable(legalAid)).not.toContain('cancelled');
    expect(rateable(legalAid)).toEqual(expect.arrayContaining(['granted', 'denied', 'refused']));
    expect(rateable(mediation)).toEqual(expect.arrayContaining(['agreement', 'no_agreement', 'referred']));
    expect(rateable(mediation)).not.toContain('cancelled');
    expect(rateable(booking)).toEqual(['kept']);
    expect(rateable(complaint)).toEqual(['answered']);
    expect(booking.rateable(null)).toBe(false);
  });
});

describe('visibility (mayView)', () => {
  const sees = (kind: KindPolicy, s: CaseState) =>
    [
      applicant,
      counsel,
      counsel2,
      mediator,
      otherVillageMediator,
      otherVillageCounsel,
      township,
      otherTownship,
      county,
      otherCounty,
      admin,
      neighbour,
      cadre,
    ]
      .filter((v) => mayView(kind, facts, s, v))
      .map((v) => v.userId);

  it('complaints: the complainant and the county’s staff only; never township staff, never a counsel', () => {
    expect(sees(complaint, opened(complaint))).toEqual(['applicant', 'county', 'admin']);
    expect(sees(complaint, project(complaint, steps(['answer', county])))).toEqual(['applicant', 'county', 'admin']);
  });

  it('mediation: while unowned the village’s mediators and counsel; once owned, the owner; always the overseers', () => {
    expect(sees(mediation, opened(mediation))).toEqual([
      'applicant',
      'counsel',
      'counsel2',
      'mediator',
      'township',
      'county',
      'admin',
    ]);
    expect(sees(mediation, project(mediation, steps(['take', mediator])))).toEqual([
      'applicant',
      'mediator',
      'township',
      'county',
      'admin',
    ]);
  });

  it('legal aid and booking: the township’s and county’s staff oversee; a booking’s unowned counsel see it', () => {
    expect(sees(legalAid, opened(legalAid))).toEqual(['applicant', 'township', 'county', 'admin']);
    expect(sees(booking, opened(booking, at(48)))).toEqual(['applicant', 'counsel', 'counsel2', 'township', 'county', 'admin']);
    expect(sees(booking, project(booking, steps(['confirm', counsel])))).toEqual([
      'applicant',
      'counsel',
      'township',
      'county',
      'admin',
    ]);
  });
});

describe('legal aid eligibility (checkEligibility)', () => {
  const policy = { minimumLivingAllowance: 600, legalAidIncomeMultiple: 2, legalAidMatters: [...LEGAL_AID_MATTERS] };
  const check = (answers: Partial<Parameters<typeof checkEligibility>[0]>, p = policy) =>
    checkEligibility({ matter: 'labour_and_wages', householdSize: 1, monthlyIncome: 0, ...answers }, p);

  it('exactly at the threshold is eligible; one yuan per person over is not', () => {
    expect(thresholdOf(policy)).toBe(1200);
    expect(check({ householdSize: 3, monthlyIncome: 3600 })).toMatchObject({ likely: true, incomePerPerson: 1200 });
    expect(check({ householdSize: 3, monthlyIncome: 3603 })).toMatchObject({
      likely: false,
      incomeEligible: false,
      incomePerPerson: 1201,
    });
  });

  it('rounds the income per person (1200.4 is 1200) and the threshold (a fractional multiple)', () => {
    expect(check({ householdSize: 5, monthlyIncome: 6002 })).toMatchObject({ incomePerPerson: 1200, incomeEligible: true });
    expect(thresholdOf({ minimumLivingAllowance: 625, legalAidIncomeMultiple: 1.5 })).toBe(938);
  });

  it('no income is eligible; social assistance skips the economic test but not the matter', () => {
    expect(check({ monthlyIncome: 0 })).toMatchObject({ likely: true, incomePerPerson: 0 });
    expect(check({ monthlyIncome: 50_000, receivesAssistance: true })).toMatchObject({ likely: true, incomeEligible: true });
    const notCovered = check(
      { matter: 'marriage_and_family', receivesAssistance: true },
      { ...policy, legalAidMatters: ['labour_and_wages'] },
    );
    expect(notCovered).toMatchObject({ likely: false, matterCovered: false, incomeEligible: true });
    expect(notCovered.reasons[0]).toContain('不在本县法律援助事项范围内');
    expect(notCovered.reasons[1]).toContain('免予经济困难审查');
  });

  it('explains both findings in Chinese, naming the figures', () => {
    const over = check({ householdSize: 2, monthlyIncome: 5000 });
    expect(over.reasons).toHaveLength(2);
    expect(over.reasons[0]).toContain('属于本县法律援助事项范围');
    expect(over.reasons[1]).toBe('家庭人均月收入约2500元，高于本县标准1200元');
    expect(check({ householdSize: 2, monthlyIncome: 5000 }, { ...policy, minimumLivingAllowance: 1300 }).likely).toBe(true);
  });
});
