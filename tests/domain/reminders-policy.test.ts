import { duePeriods } from '../../server/src/modules/ledger/reminders';

describe('when reminders are due (Beijing time)', () => {
  it('is due in the last N days of a month, and for the quarter only in its last month', () => {
    expect(duePeriods(new Date('2026-11-20T09:00:00+08:00'), 5)).toMatchObject({
      month: '2026-11',
      monthDue: false,
      quarterDue: false,
    });
    expect(duePeriods(new Date('2026-11-26T09:00:00+08:00'), 5)).toMatchObject({
      monthDue: true,
      quarterDue: false,
      deadline: '2026-11-30',
    });
    expect(duePeriods(new Date('2026-12-28T09:00:00+08:00'), 5)).toMatchObject({
      month: '2026-12',
      monthDue: true,
      quarterDue: true,
      deadline: '2026-12-31',
    });
  });
  it('uses Beijing dates: 20:00 UTC on 30 November is already 1 December', () => {
    expect(duePeriods(new Date('2026-11-30T20:00:00Z'), 3)).toMatchObject({ month: '2026-12', monthDue: false });
  });
});
