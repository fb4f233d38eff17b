/**
 * The monthly inspection's rules (抽查, issue 16 item 6), pure: which groups a draw takes, how
 * many, and the coverage figures. tests/domain/inspections-policy.test.ts.
 */
import type { CoverageFigures } from '@vc/types';

/**
 * How many of `groups` village groups a share (in %) draws: the share rounded up, at least one when
 * the county has any group (a county that set a small share still inspects something), never more
 * than there are. Integer arithmetic first, so 34 % of 50 is exactly 17.
 */
export function sampleSize(groups: number, sharePercent: number): number {
  if (groups <= 0) return 0;
  return Math.min(groups, Math.max(1, Math.ceil((sharePercent * groups) / 100)));
}

/** A 32-bit hash of the seed (FNV-1a), the PRNG's start. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG, so a stored seed reproduces its draw anywhere. */
function seededRandom(seed: string): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The groups a draw takes: `sampleSize` of them, chosen by a shuffle driven by `seed`. The same
 * codes (in any order), share and seed always give the same groups, so the stored seed lets anyone
 * re-check a draw; the seed is random per county and month (service.ts), so no one can tell in
 * advance which groups will be drawn. Answered in code order.
 */
export function drawGroups(codes: readonly string[], sharePercent: number, seed: string): string[] {
  const pool = [...new Set(codes)].sort();
  const size = sampleSize(pool.length, sharePercent);
  const random = seededRandom(seed);
  // a partial Fisher–Yates shuffle: the first `size` places are a uniform sample
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, size).sort();
}

/** An inspection record's outcome, as the coverage counts it. */
export interface RecordOutcome {
  active: boolean;
  privateDataFound: boolean;
  improperContentFound: boolean;
}

export const hasProblem = (r: RecordOutcome): boolean => r.privateDataFound || r.improperContentFound;

/** Private data or improper content found needs the action taken written down. */
export const needsAction = (r: RecordOutcome, actionTaken: string | null | undefined): boolean =>
  hasProblem(r) && !actionTaken?.trim();

/**
 * Coverage per township and for the county: drawn groups, those inspected, of those the active
 * ones and those where a problem was found. `drawn` lists each drawn group with its record (or null).
 */
export function coverage(drawn: readonly { townshipCode: string; record: RecordOutcome | null }[]): {
  total: CoverageFigures;
  townships: Map<string, CoverageFigures>;
} {
  const empty = (): CoverageFigures => ({ drawn: 0, inspected: 0, active: 0, withProblems: 0 });
  const total = empty();
  const townships = new Map<string, CoverageFigures>();
  for (const d of drawn) {
    const t = townships.get(d.townshipCode) ?? empty();
    townships.set(d.townshipCode, t);
    for (const f of [t, total]) {
      f.drawn++;
      if (!d.record) continue;
      f.inspected++;
      if (d.record.active) f.active++;
      if (hasProblem(d.record)) f.withProblems++;
    }
  }
  return { total, townships: new Map([...townships].sort(([a], [b]) => a.localeCompare(b))) };
}
