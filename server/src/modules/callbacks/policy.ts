/**
 * The call-back sample (回访抽样, issue 16 item 5), pure: how many, and which.
 *
 * Which: each finished service is ranked by a hash of (seed, id) and the lowest ranks are taken —
 * a seeded shuffle in which an item's place depends only on itself and the seed (the township and
 * month). So the draw is random across townships and months, reproducible in tests, and when a
 * running month's sample is topped up as more services finish, every reader picks the same
 * additions (the unique index then lets each in once).
 */
import { createHash } from 'node:crypto';

/** max(minimum, ceil(share% × finished)), never more than finished. */
export function sampleSize(finished: number, sharePercent: number, minimum: number): number {
  if (finished <= 0) return 0;
  return Math.min(finished, Math.max(minimum, Math.ceil((sharePercent * finished) / 100)));
}

const rank = (seed: string, id: string) => createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');

/**
 * The sample of `ids` (the month's finished services): those already `drawn` stay, whatever
 * happened since; more are added, lowest rank first, until the sample has the size the finished
 * services call for. Returns the whole sample, the drawn ones first.
 */
export function drawSample(
  ids: readonly string[],
  sharePercent: number,
  minimum: number,
  seed: string,
  drawn: readonly string[] = [],
): string[] {
  const unique = [...new Set(ids)];
  const kept = [...new Set(drawn)];
  const want = sampleSize(unique.length, sharePercent, minimum);
  const taken = new Set(kept);
  const candidates = unique
    .filter((id) => !taken.has(id))
    .map((id) => ({ id, rank: rank(seed, id) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return [...kept, ...candidates.slice(0, Math.max(0, want - kept.length)).map((c) => c.id)];
}

/** a share, rounded to 3 places; null when there is nothing to divide by */
export const share = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 1000 : null);
