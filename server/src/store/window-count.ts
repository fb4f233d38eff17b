/**
 * Fixed-window counting shared by every server process (rate limits), as claims of numbered seats:
 * the n-th event of a key in a window is the document `_id = key|window|n`, and the unique `_id`
 * lets exactly one request take each seat. A request counts the seats taken, tries the next one,
 * and on a duplicate the one after; past `limit` it is refused and takes nothing. So at most `limit`
 * events pass per key and window, and while fewer have passed none is refused, whatever the
 * interleaving of processes (a plain count-after-insert was exact above but refused too many under a
 * burst: 17 of 30 passed in tests/server/resilience/multi-process.test.ts). The count is served by
 * an index (equality on `key` and `window`). Windows older than the previous one are purged by
 * equality on `window`, once per window per process.
 *
 * Plain MongoDB equivalent: `findOneAndUpdate({ _id: key:window }, { $inc: { n: 1 } }, { upsert: true })`,
 * exact there; on FerretDB 1.24 concurrent `$inc`s are lost (docs/toolchain.md).
 */
import { Schema, model } from 'mongoose';
import { isDuplicateKey } from './duplicates';

const eventSchema = new Schema(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    window: { type: Number, required: true },
  },
  { collection: 'window_events', versionKey: false },
);
eventSchema.index({ key: 1, window: 1 });
eventSchema.index({ window: 1 });
const EventModel = model('WindowEvent', eventSchema);

export interface WindowVerdict {
  allowed: boolean;
  /** the seat this event took (limit + 1 when refused) */
  count: number;
  /** milliseconds until the window ends */
  msLeft: number;
}

export function createWindowCounter(windowMs: number, now: () => number = Date.now) {
  const purge = windowPurger((window) => EventModel.deleteMany({ window }), 2);
  return async function count(key: string, limit: number): Promise<WindowVerdict> {
    const at = now();
    const window = Math.floor(at / windowMs);
    const msLeft = (window + 1) * windowMs - at;
    await purge(window);
    for (let seat = (await EventModel.countDocuments({ key, window })) + 1; seat <= limit; seat++) {
      try {
        await EventModel.create({ _id: `${key}|${window}|${seat}`, key, window });
        return { allowed: true, count: seat, msLeft };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // another request took this seat: the next one
      }
    }
    return { allowed: false, count: limit + 1, msLeft };
  };
}

/**
 * Purging documents kept per time window by equality on the window number (an index; a range on a
 * date is a scan on FerretDB): once per window in each process, the two windows just older than the
 * `keep` most recent are deleted. A process that slept longer leaves a few behind, which the next
 * purge of those windows by another process removes.
 */
export function windowPurger(deleteWindow: (window: number) => Promise<unknown>, keep: number) {
  let purged = 0;
  return async (window: number): Promise<void> => {
    if (window <= purged) return;
    purged = window;
    await Promise.all([window - keep, window - keep - 1].map(deleteWindow));
  };
}
