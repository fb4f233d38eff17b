/**
 * The pure rules of lectures (issue 17 item 1): when a lecture may be announced, when check-in is
 * open, what its check-in link is, and the attendance the ledger entry records.
 */
import { LECTURE_MAX_DAYS_AHEAD } from '@vc/types';
import { inBeijing } from '../../shared/periods';

const DAY_MS = 24 * 3600_000;

/** A lecture is announced (or moved) to a time in the future, at most 90 days ahead. */
export const lectureTimeValid = (startAt: Date, now: Date): boolean =>
  startAt.getTime() > now.getTime() && startAt.getTime() - now.getTime() <= LECTURE_MAX_DAYS_AHEAD * DAY_MS;

/** The Beijing date of a moment, YYYY-MM-DD. */
export const beijingDay = (at: Date): string => inBeijing(at).format('YYYY-MM-DD');

/** Check-in is open on the lecture's Beijing day only: before it, not yet; after it, closed. */
export function checkinWindow(startAt: Date, now: Date): 'not_open' | 'open' | 'closed' {
  const day = beijingDay(startAt);
  const today = beijingDay(now);
  if (today < day) return 'not_open';
  return today > day ? 'closed' : 'open';
}

/**
 * The mini-program page the QR code opens, with the lecture and its secret as query. The weapp's
 * code carries them as its scene instead (sceneOf); in H5 the same path follows `#/`.
 */
export const checkinPath = (lectureId: string, code: string): string => `lectures/checkin/index?id=${lectureId}&code=${code}`;

/** The wxacode scene: id and code in 31 characters (WeChat allows 32). */
export const sceneOf = (lectureId: string, code: string): string => `${lectureId}-${code}`;

export interface Attendee {
  name: string;
  via: 'scan' | 'added';
  at: Date;
}

/** Names compare without surrounding or repeated spaces (全角 spaces too). */
const normal = (name: string) => name.replace(/[\s\u3000]+/g, ' ').trim();

/**
 * Who attended: everyone who checked in (once per person, in the order they came), then the names
 * the counsel added, each unless that name is already on the list (someone added by hand who also
 * scanned, or added twice). Two people of the same name who both scanned are two attendees.
 */
export function attendance(
  checkins: readonly { userId: string; name: string; at: Date }[],
  added: readonly { name: string; at: Date }[],
): { count: number; attendees: Attendee[] } {
  const attendees: Attendee[] = [];
  const people = new Set<string>();
  for (const c of [...checkins].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (people.has(c.userId)) continue;
    people.add(c.userId);
    attendees.push({ name: normal(c.name), via: 'scan', at: c.at });
  }
  const names = new Set(attendees.map((a) => a.name));
  for (const a of added) {
    const name = normal(a.name);
    if (!name || names.has(name)) continue;
    names.add(name);
    attendees.push({ name, via: 'added', at: a.at });
  }
  return { count: attendees.length, attendees };
}
