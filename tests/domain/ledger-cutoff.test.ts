/**
 * The period rules of issue 15 items 7 and 8 (docs/domain.md R2, R4), without a database: which
 * months may be locked or reported on, up to when a report counts, how an entry stood at a lock,
 * and that a month's quarter and year never count later months.
 */
import {
  asItStood,
  changedAfter,
  lockRefusal,
  monthEnd,
  reportAsOf,
  reportRefusal,
  type Recorded,
} from '../../server/src/modules/ledger/cutoff';
import { standing } from '../../server/src/modules/ledger/policy';

const at = (iso: string) => new Date(iso);
const targets = { minOnSiteHoursPerMonth: 4, minLecturesPerQuarter: 1, minHoursPerYear: 50 };

describe('which months may be locked (item 7)', () => {
  it('ends a month at midnight Beijing time, whatever the server zone', () => {
    expect(monthEnd('2026-11').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(monthEnd('2026-12').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('locks a month only once it has ended in Beijing', () => {
    // 23:59 on 30 November in Beijing: still November
    expect(lockRefusal('2026-11', at('2026-11-30T23:59:59+08:00'))).toBe('LEDGER_MONTH_NOT_FINISHED');
    // 00:00 on 1 December in Beijing, still 30 November in UTC: November has ended
    expect(lockRefusal('2026-11', at('2026-12-01T00:00:00+08:00'))).toBeNull();
    expect(lockRefusal('2099-12', at('2026-12-02T10:00:00+08:00'))).toBe('LEDGER_MONTH_NOT_FINISHED');
    expect(lockRefusal('2026-12', at('2026-12-02T10:00:00+08:00'))).toBe('LEDGER_MONTH_NOT_FINISHED');
    expect(lockRefusal('2020-01', at('2026-12-02T10:00:00+08:00'))).toBeNull();
  });

  it('reports on the running month and past ones, never on one not begun', () => {
    const now = at('2026-12-02T10:00:00+08:00');
    expect(reportRefusal('2026-12', now)).toBeNull();
    expect(reportRefusal('2026-11', now)).toBeNull();
    expect(reportRefusal('2027-01', now)).toBe('LEDGER_MONTH_NOT_STARTED');
    expect(reportRefusal('2027-01', at('2027-01-01T00:00:00+08:00'))).toBeNull();
  });

  it('counts service up to the month end for a past month, up to now for the running one', () => {
    const now = at('2026-12-02T10:00:00+08:00');
    expect(reportAsOf('2026-11', now).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(reportAsOf('2026-12', now)).toEqual(now);
  });
});

describe('a month as it stood at its lock (item 8)', () => {
  const lockedAt = at('2026-12-05T10:00:00+08:00');
  const entry = (id: string, createdAt: string, review: Recorded['review']): Recorded & { id: string } => ({
    id,
    createdAt: at(createdAt),
    status: review ? (review.decision === 'approve' ? 'approved' : 'returned') : 'pending',
    review,
  });
  const entries = [
    entry('approved before', '2026-11-20T09:00:00+08:00', { decision: 'approve', at: at('2026-12-01T09:00:00+08:00') }),
    entry('returned before', '2026-11-21T09:00:00+08:00', { decision: 'return', at: at('2026-12-05T10:00:00+08:00') }),
    entry('approved after', '2026-11-22T09:00:00+08:00', { decision: 'approve', at: at('2026-12-05T10:00:01+08:00') }),
    entry('pending', '2026-11-23T09:00:00+08:00', null),
    entry('late', '2026-12-06T09:00:00+08:00', { decision: 'approve', at: at('2026-12-06T10:00:00+08:00') }),
  ];

  it('keeps what was recorded by the lock, each with the review made by then', () => {
    const stood = asItStood(entries, lockedAt);
    expect(stood.map((e) => [e.id, e.status, e.review?.decision ?? null])).toEqual([
      ['approved before', 'approved', 'approve'],
      ['returned before', 'returned', 'return'],
      ['approved after', 'pending', null],
      ['pending', 'pending', null],
    ]);
    // the same whenever it is computed: nothing of the entries is changed
    expect(asItStood(entries, lockedAt)).toEqual(stood);
    expect(entries[2]!.status).toBe('approved');
  });

  it('lists apart what was recorded or reviewed after the lock', () => {
    expect(entries.filter((e) => changedAfter(e, lockedAt)).map((e) => e.id)).toEqual(['approved after', 'late']);
  });
});

describe("a month's quarter and year count up to its end (item 8)", () => {
  const figures = (onSiteMinutes: number, lectures = 0) => ({
    onSiteMinutes,
    remoteMinutes: 0,
    lectures,
    mediations: 0,
    entries: 1,
  });
  const byMonth = new Map([
    ['2026-10', figures(240, 1)],
    ['2026-11', figures(300)],
    ['2026-12', figures(600, 1)],
  ]);

  it("does not count December in November's year or quarter", () => {
    const november = standing(byMonth, '2026-11', targets);
    expect(november.year.minutes).toBe(240 + 300);
    expect(november.quarter.lectures).toBe(1);
    const october = standing(byMonth, '2026-10', { ...targets, minLecturesPerQuarter: 2 });
    expect(october.quarter.lectures).toBe(1);
    expect(october.shortfalls.map((s) => s.period)).toEqual(['quarter', 'year']);
    const december = standing(byMonth, '2026-12', targets);
    expect(december.year.minutes).toBe(240 + 300 + 600);
    expect(december.quarter.lectures).toBe(2);
  });

  it('gives a past month the same standing before and after a later month is added', () => {
    const withoutDecember = new Map([...byMonth].filter(([m]) => m !== '2026-12'));
    expect(standing(byMonth, '2026-11', targets)).toEqual(standing(withoutDecember, '2026-11', targets));
  });
});
