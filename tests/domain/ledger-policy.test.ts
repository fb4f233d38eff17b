import { minutesByMonth, monthOf, monthsOfQuarter, quarterOfMonth } from '../../server/src/shared/periods';
import {
  attendeesRefusal,
  figuresForMonth,
  standing,
  timesRefusal,
  type CountedEntry,
} from '../../server/src/modules/ledger/policy';
import { describeShortfalls } from '../../server/src/modules/ledger/format';

const at = (iso: string) => new Date(iso);
const targets = { minOnSiteHoursPerMonth: 4, minLecturesPerQuarter: 1, minHoursPerYear: 50 };

describe('periods in Beijing time', () => {
  it('puts 23:30 on 31 March Beijing in March although it is still 31 March in UTC… and 00:30 on 1 April in April', () => {
    expect(monthOf(at('2026-03-31T23:30:00+08:00'))).toBe('2026-03');
    expect(monthOf(at('2026-03-31T16:30:00Z'))).toBe('2026-04'); // 00:30 on 1 April in Beijing
    expect(monthOf(at('2026-03-31T15:59:59Z'))).toBe('2026-03');
  });

  it('maps months to quarters and back, at the quarter and year boundaries', () => {
    expect(quarterOfMonth('2026-03')).toBe('2026-Q1');
    expect(quarterOfMonth('2026-04')).toBe('2026-Q2');
    expect(quarterOfMonth('2026-12')).toBe('2026-Q4');
    expect(monthsOfQuarter('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('splits a session at Beijing midnight between months and years', () => {
    expect(minutesByMonth(at('2026-03-31T22:00:00+08:00'), at('2026-04-01T02:00:00+08:00'))).toEqual([
      { month: '2026-03', minutes: 120 },
      { month: '2026-04', minutes: 120 },
    ]);
    expect(minutesByMonth(at('2026-12-31T23:00:00+08:00'), at('2027-01-01T00:30:00+08:00'))).toEqual([
      { month: '2026-12', minutes: 60 },
      { month: '2027-01', minutes: 30 },
    ]);
    expect(minutesByMonth(at('2026-05-10T09:00:00+08:00'), at('2026-05-10T13:00:00+08:00'))).toEqual([
      { month: '2026-05', minutes: 240 },
    ]);
  });
});

describe('entry times', () => {
  const now = at('2026-06-15T12:00:00+08:00');
  it('refuses end before start, more than 12 hours, the future beyond 10 minutes, and the too old', () => {
    expect(timesRefusal(at('2026-06-10T10:00:00+08:00'), at('2026-06-10T09:00:00+08:00'), now)).toBe('LEDGER_END_BEFORE_START');
    expect(timesRefusal(at('2026-06-10T10:00:00+08:00'), at('2026-06-10T10:00:00+08:00'), now)).toBe('LEDGER_END_BEFORE_START');
    expect(timesRefusal(at('2026-06-10T08:00:00+08:00'), at('2026-06-10T20:01:00+08:00'), now)).toBe('LEDGER_TOO_LONG');
    expect(timesRefusal(at('2026-06-10T08:00:00+08:00'), at('2026-06-10T20:00:00+08:00'), now)).toBeNull();
    expect(timesRefusal(at('2026-06-15T11:00:00+08:00'), at('2026-06-15T12:09:00+08:00'), now)).toBeNull();
    expect(timesRefusal(at('2026-06-15T11:00:00+08:00'), at('2026-06-15T12:11:00+08:00'), now)).toBe('LEDGER_IN_FUTURE');
    expect(timesRefusal(at('2025-01-01T09:00:00+08:00'), at('2025-01-01T10:00:00+08:00'), now)).toBe('LEDGER_TOO_OLD');
  });
  it('needs attendees for a lecture only', () => {
    expect(attendeesRefusal('lecture', undefined)).toBe('LEDGER_ATTENDEES_REQUIRED');
    expect(attendeesRefusal('lecture', 0)).toBe('LEDGER_ATTENDEES_REQUIRED');
    expect(attendeesRefusal('lecture', 12)).toBeNull();
    expect(attendeesRefusal('mediation', undefined)).toBeNull();
  });
});

describe('figures and standing', () => {
  const e = (id: string, start: string, end: string, extra: Partial<CountedEntry> = {}): CountedEntry => ({
    id,
    kind: 'on_site_duty',
    mode: 'on_site',
    startAt: at(start),
    endAt: at(end),
    correctsEntryId: null,
    ...extra,
  });

  it('counts on-site and remote apart, replaces corrected entries, counts a lecture and a mediation in its starting month', () => {
    const entries = [
      e('a', '2026-03-05T09:00:00+08:00', '2026-03-05T11:00:00+08:00'),
      e('b', '2026-03-06T09:00:00+08:00', '2026-03-06T10:00:00+08:00', { mode: 'remote', kind: 'consultation' }),
      e('c', '2026-03-07T09:00:00+08:00', '2026-03-07T12:00:00+08:00'),
      e('c2', '2026-03-07T09:00:00+08:00', '2026-03-07T10:00:00+08:00', { correctsEntryId: 'c' }),
      e('l', '2026-03-31T23:00:00+08:00', '2026-04-01T01:00:00+08:00', { kind: 'lecture' }),
      e('m', '2026-04-02T09:00:00+08:00', '2026-04-02T10:00:00+08:00', { kind: 'mediation' }),
    ];
    expect(figuresForMonth(entries, '2026-03')).toEqual({
      onSiteMinutes: 120 + 60 + 60,
      remoteMinutes: 60,
      lectures: 1,
      mediations: 0,
      entries: 4,
    });
    expect(figuresForMonth(entries, '2026-04')).toEqual({
      onSiteMinutes: 60 + 60,
      remoteMinutes: 0,
      lectures: 0,
      mediations: 1,
      entries: 2,
    });
  });

  it('reports what is missing for the month, quarter and year, and nothing when all are met', () => {
    const zero = standing(new Map(), '2026-05', targets);
    expect(describeShortfalls(zero.shortfalls)).toEqual([
      '本月驻点还差 4 小时',
      '本季度还需举办 1 次法治讲座',
      '本年度服务还差 50 小时',
    ]);
    expect(zero.quarter.period).toBe('2026-Q2');

    const figures = new Map([
      ['2026-04', { onSiteMinutes: 2700, remoteMinutes: 300, lectures: 1, mediations: 2, entries: 10 }],
      ['2026-05', { onSiteMinutes: 150, remoteMinutes: 0, lectures: 0, mediations: 0, entries: 1 }],
    ]);
    const partial = standing(figures, '2026-05', targets);
    expect(partial.month).toEqual({ period: '2026-05', onSiteMinutes: 150, requiredMinutes: 240 });
    expect(describeShortfalls(partial.shortfalls)).toEqual(['本月驻点还差 1.5 小时']);
    expect(partial.shortfalls).toEqual([{ period: 'month', key: '2026-05', missingMinutes: 90, missingLectures: 0 }]);
    expect(partial.year.minutes).toBe(2700 + 300 + 150);

    // a lecture in March does not count for the second quarter
    const march = standing(
      new Map([['2026-03', { onSiteMinutes: 0, remoteMinutes: 0, lectures: 2, mediations: 0, entries: 2 }]]),
      '2026-04',
      targets,
    );
    expect(march.quarter.lectures).toBe(0);
    const stricter = standing(figures, '2026-04', { ...targets, minOnSiteHoursPerMonth: 46 });
    expect(describeShortfalls(stricter.shortfalls)).toEqual(['本月驻点还差 1 小时']);
  });
});
