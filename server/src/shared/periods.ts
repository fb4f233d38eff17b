/**
 * Periods (month, quarter, year) are always Beijing time (Asia/Shanghai), never the server's zone:
 * a session at 23:30 on 31 March in Beijing belongs to March wherever the server runs.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = 'Asia/Shanghai';

export const inBeijing = (date: Date | string | number) => dayjs(date).tz(ZONE);

/** '2026-03' */
export const monthOf = (date: Date | string | number): string => inBeijing(date).format('YYYY-MM');

/** '2026-Q1' for a month '2026-03' */
export function quarterOfMonth(month: string): string {
  const [year, m] = month.split('-');
  return `${year}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}

export const yearOfMonth = (month: string): string => month.slice(0, 4);

/** The months of a quarter '2026-Q1' → ['2026-01','2026-02','2026-03'] */
export function monthsOfQuarter(quarter: string): string[] {
  const [year, q] = quarter.split('-Q');
  const first = (Number(q) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${year}-${String(first + i).padStart(2, '0')}`);
}

export const monthsOfYear = (year: string): string[] =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** Start instant of a Beijing month */
export const monthStart = (month: string): Date => dayjs.tz(`${month}-01 00:00:00`, ZONE).toDate();

/**
 * Splits [start, end) into whole minutes per Beijing month. A session that crosses midnight at a
 * month's end counts its minutes in each month it touched (the one documented way: split).
 */
export function minutesByMonth(start: Date, end: Date): { month: string; minutes: number }[] {
  const out: { month: string; minutes: number }[] = [];
  let cursor = start.getTime();
  const stop = end.getTime();
  while (cursor < stop) {
    const month = monthOf(cursor);
    const next = inBeijing(cursor).startOf('month').add(1, 'month').valueOf();
    const until = Math.min(next, stop);
    out.push({ month, minutes: Math.round((until - cursor) / 60000) });
    cursor = until;
  }
  return out.filter((p) => p.minutes > 0);
}
