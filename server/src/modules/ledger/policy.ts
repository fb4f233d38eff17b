import { MAX_ENTRY_HOURS } from '@vc/types';
import type { CountyPolicy, LedgerKind, LedgerShortfall } from '@vc/types';
import { minutesByMonth, monthsOfQuarter, monthsOfYear, quarterOfMonth, yearOfMonth } from '../../shared/periods';

/** Phones' clocks drift; a start a little in the future is accepted. */
export const FUTURE_TOLERANCE_MINUTES = 10;
/** Entries older than this belong to a closed assessment year. */
export const MAX_AGE_DAYS = 400;

/** Why the times of an entry are refused, if they are. */
export type TimesRefusal = 'LEDGER_END_BEFORE_START' | 'LEDGER_TOO_LONG' | 'LEDGER_IN_FUTURE' | 'LEDGER_TOO_OLD';

export function timesRefusal(start: Date, end: Date, now: Date): TimesRefusal | null {
  if (!(end.getTime() > start.getTime())) return 'LEDGER_END_BEFORE_START';
  if (end.getTime() - start.getTime() > MAX_ENTRY_HOURS * 3600 * 1000) return 'LEDGER_TOO_LONG';
  if (end.getTime() > now.getTime() + FUTURE_TOLERANCE_MINUTES * 60 * 1000) return 'LEDGER_IN_FUTURE';
  if (start.getTime() < now.getTime() - MAX_AGE_DAYS * 24 * 3600 * 1000) return 'LEDGER_TOO_OLD';
  return null;
}

/** A lecture records how many people attended (R3 evidence). */
export const attendeesRefusal = (kind: LedgerKind, attendees: number | undefined): 'LEDGER_ATTENDEES_REQUIRED' | null =>
  kind === 'lecture' && !(attendees && attendees > 0) ? 'LEDGER_ATTENDEES_REQUIRED' : null;

export interface CountedEntry {
  id: string;
  kind: LedgerKind;
  mode: 'on_site' | 'remote';
  startAt: Date;
  endAt: Date;
  correctsEntryId: string | null;
}

export interface MonthFigures {
  onSiteMinutes: number;
  remoteMinutes: number;
  lectures: number;
  /** mediations taken part in (R13 assessment count) */
  mediations: number;
  entries: number;
}

export const EMPTY_FIGURES: MonthFigures = { onSiteMinutes: 0, remoteMinutes: 0, lectures: 0, mediations: 0, entries: 0 };

/**
 * What one month counts from approved entries: an entry replaced by an approved correction no
 * longer counts (the correction does); minutes are split across months at Beijing midnight; a
 * lecture counts in the month it started; remote service never counts as on-site (issue 4, rule 5).
 */
export function figuresForMonth(approved: readonly CountedEntry[], month: string): MonthFigures {
  const corrected = new Set(approved.map((e) => e.correctsEntryId).filter((id): id is string => Boolean(id)));
  const figures: MonthFigures = { ...EMPTY_FIGURES };
  for (const entry of approved) {
    if (corrected.has(entry.id)) continue;
    const share = minutesByMonth(entry.startAt, entry.endAt).find((p) => p.month === month);
    if (!share) continue;
    figures.entries += 1;
    if (entry.mode === 'on_site') figures.onSiteMinutes += share.minutes;
    else figures.remoteMinutes += share.minutes;
    const startsHere = minutesByMonth(entry.startAt, entry.endAt)[0]?.month === month;
    if (entry.kind === 'lecture' && startsHere) figures.lectures += 1;
    if (entry.kind === 'mediation' && startsHere) figures.mediations += 1;
  }
  return figures;
}

export type Targets = Pick<CountyPolicy, 'minOnSiteHoursPerMonth' | 'minLecturesPerQuarter' | 'minHoursPerYear'>;

/** What a village still lacks in one period (R2, R3); worded for people by ledger/format.ts. */
export type Shortfall = LedgerShortfall;

export interface Standing {
  month: { period: string; onSiteMinutes: number; requiredMinutes: number };
  quarter: { period: string; lectures: number; requiredLectures: number };
  year: { period: string; minutes: number; requiredMinutes: number };
  /** month, then quarter, then year; empty when on schedule */
  shortfalls: Shortfall[];
}

/**
 * A village's standing for a month, its quarter and its year (R2, R3) from monthly figures.
 * Year hours count on-site and remote service; the monthly 4 hours count on-site only.
 * The quarter and the year count up to the end of `month`, never later months: November's
 * "本年度" stays what it was when December's service is approved (issue 15 item 8).
 */
export function standing(byMonth: ReadonlyMap<string, MonthFigures>, month: string, targets: Targets): Standing {
  const get = (m: string) => byMonth.get(m) ?? EMPTY_FIGURES;
  const quarter = quarterOfMonth(month);
  const year = yearOfMonth(month);
  // 'YYYY-MM' strings order as the months do
  const toDate = (months: string[]) => months.filter((m) => m <= month);
  const monthMinutes = get(month).onSiteMinutes;
  const lectures = toDate(monthsOfQuarter(quarter)).reduce((sum, m) => sum + get(m).lectures, 0);
  const yearMinutes = toDate(monthsOfYear(year)).reduce((sum, m) => sum + get(m).onSiteMinutes + get(m).remoteMinutes, 0);
  const required = {
    month: Math.round(targets.minOnSiteHoursPerMonth * 60),
    lectures: targets.minLecturesPerQuarter,
    year: Math.round(targets.minHoursPerYear * 60),
  };
  const shortfalls: Shortfall[] = [];
  if (monthMinutes < required.month)
    shortfalls.push({ period: 'month', key: month, missingMinutes: required.month - monthMinutes, missingLectures: 0 });
  if (lectures < required.lectures)
    shortfalls.push({ period: 'quarter', key: quarter, missingMinutes: 0, missingLectures: required.lectures - lectures });
  if (yearMinutes < required.year)
    shortfalls.push({ period: 'year', key: year, missingMinutes: required.year - yearMinutes, missingLectures: 0 });
  return {
    month: { period: month, onSiteMinutes: monthMinutes, requiredMinutes: required.month },
    quarter: { period: quarter, lectures, requiredLectures: required.lectures },
    year: { period: year, minutes: yearMinutes, requiredMinutes: required.year },
    shortfalls,
  };
}
