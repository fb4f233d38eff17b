import { figures, type StatsInput } from '../../server/src/modules/consultations/stats';

const H = 3600_000;
const t0 = new Date(Date.UTC(2026, 10, 2, 1));
const c = (over: Partial<StatsInput>): StatsInput => ({
  tier: 'village',
  status: 'open',
  createdAt: t0,
  firstResponseAt: null,
  closedAt: null,
  firstResponseDueAt: new Date(t0.getTime() + 24 * H),
  closeDueAt: new Date(t0.getTime() + 7 * 24 * H),
  ...over,
});

describe('consultation figures (R10)', () => {
  it('counts served, answered, closed, escalated and overdue, with the median response time', () => {
    const now = new Date(t0.getTime() + 10 * 24 * H);
    const list = [
      c({ firstResponseAt: new Date(t0.getTime() + 2 * H), closedAt: new Date(t0.getTime() + 3 * H), status: 'closed' }),
      c({
        firstResponseAt: new Date(t0.getTime() + 4 * H),
        closedAt: new Date(t0.getTime() + 5 * H),
        status: 'closed',
        tier: 'township',
      }),
      c({ firstResponseAt: new Date(t0.getTime() + 30 * H), status: 'answered', tier: 'county' }), // late twice
      c({}), // never answered: late
    ];
    const f = figures(list, [], now);
    expect(f).toMatchObject({
      asked: 4,
      answered: 3,
      closed: 2,
      escalated: 2,
      overdue: 2,
      onTimeRate: 0.5,
      medianFirstResponseHours: 4,
    });
    expect(f.ratings).toBe(0);
    expect(f.satisfaction).toBeNull();
  });
  it('averages the ratings and counts satisfied raters (average 4 or more)', () => {
    const f = figures(
      [c({})],
      [
        { attitude: 5, efficiency: 4, competence: 5 },
        { attitude: 3, efficiency: 3, competence: 4 },
        { attitude: 4, efficiency: 4, competence: 4 },
      ],
      t0,
    );
    expect(f).toMatchObject({ ratings: 3, attitude: 4, efficiency: 3.67, competence: 4.33, satisfaction: 0.667 });
  });
  it('nothing asked: rates are null, not zero', () => {
    expect(figures([], [], t0)).toMatchObject({ asked: 0, onTimeRate: null, medianFirstResponseHours: null });
  });
});
