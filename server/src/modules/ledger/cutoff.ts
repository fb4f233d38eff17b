/**
 * Cut-offs of ledger periods (docs/domain.md R2, R4), pure: which months may be locked or
 * reported on at a given moment, up to which instant a report counts service, and how an entry
 * stood at a month's lock (the archive of a locked month is computed from that, so it never changes).
 */
import { inBeijing, monthStart } from '../../shared/periods';

/** The first instant after a Beijing month: 00:00 on the 1st of the next month. */
export const monthEnd = (month: string): Date => inBeijing(monthStart(month)).add(1, 'month').toDate();

/** A month is locked only once it has ended in Beijing (issue 15 item 7). */
export const lockRefusal = (month: string, now: Date): 'LEDGER_MONTH_NOT_FINISHED' | null =>
  now.getTime() < monthEnd(month).getTime() ? 'LEDGER_MONTH_NOT_FINISHED' : null;

/** No figures or archive for a month that has not begun: every village would show as behind. */
export const reportRefusal = (month: string, now: Date): 'LEDGER_MONTH_NOT_STARTED' | null =>
  now.getTime() < monthStart(month).getTime() ? 'LEDGER_MONTH_NOT_STARTED' : null;

/** A report of `month` counts service before this instant: the month's end, or now while it runs. */
export const reportAsOf = (month: string, now: Date): Date => {
  const end = monthEnd(month);
  return end.getTime() < now.getTime() ? end : now;
};

/** What the archive needs of an entry: when it was recorded and its review, once made. */
export interface Recorded {
  createdAt: Date;
  status: 'pending' | 'approved' | 'returned';
  review: { decision: 'approve' | 'return'; at: Date } | null;
}

/**
 * The entries as they stood at `cutoff` (a month's lock): those recorded by then, each with the
 * review made by then or none (pending). Entries are append-only and reviewed once, with the time,
 * so this is the same whenever it is computed.
 */
export function asItStood<E extends Recorded>(entries: readonly E[], cutoff: Date): E[] {
  const by = cutoff.getTime();
  return entries
    .filter((e) => e.createdAt.getTime() <= by)
    .map((e) => {
      if (!e.review) return e.status === 'pending' ? e : { ...e, status: 'pending' as const };
      if (e.review.at.getTime() <= by) return e;
      return { ...e, status: 'pending' as const, review: null };
    });
}

/** Changed since the cut-off: recorded after it (补登), or reviewed after it. */
export const changedAfter = (e: Recorded, cutoff: Date): boolean =>
  e.createdAt.getTime() > cutoff.getTime() || (e.review !== null && e.review.at.getTime() > cutoff.getTime());
