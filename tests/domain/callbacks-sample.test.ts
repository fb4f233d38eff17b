/**
 * The call-back sample (issue 16 item 5), pure: how many — max(minimum, ceil(share% × finished)),
 * capped at the number finished — and which: random across seeds, the same for the same seed, and
 * a running month's sample only ever grows, keeping what was drawn.
 */
import { drawSample, sampleSize, share } from '../../server/src/modules/callbacks/policy';
import { tally } from '../../server/src/shared/tally';

const ids = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

describe('sample size', () => {
  it.each([
    [0, 10, 5, 0],
    [3, 10, 5, 3], // fewer finished than the minimum: all of them
    [5, 10, 5, 5],
    [20, 10, 5, 5], // 10% of 20 is 2: the minimum
    [60, 10, 5, 6],
    [61, 10, 5, 7], // ceil(6.1)
    [100, 34, 5, 34],
    [7, 100, 0, 7],
    [9, 0, 0, 0],
  ])('%i finished at %i%%, minimum %i: %i', (finished, percent, minimum, expected) => {
    expect(sampleSize(finished, percent, minimum)).toBe(expected);
  });
});

describe('drawSample', () => {
  it('takes the size the settings call for, from the given ids, each once', () => {
    const all = ids(80);
    const sample = drawSample(all, 10, 5, '210921001:2026-11');
    expect(sample).toHaveLength(8);
    expect(new Set(sample).size).toBe(8);
    for (const id of sample) expect(all).toContain(id);
    // duplicates in the input count once
    expect(drawSample([...all, ...all], 10, 5, '210921001:2026-11')).toEqual(sample);
  });

  it('is reproducible for a seed, whatever the order of the ids, and differs between seeds', () => {
    const all = ids(50);
    const a = drawSample(all, 10, 5, '210921001:2026-11');
    expect(drawSample([...all].reverse(), 10, 5, '210921001:2026-11')).toEqual(a);
    const others = ['210921001:2026-12', '210921100:2026-11', 'x', 'y'].map((seed) => drawSample(all, 10, 5, seed).join());
    expect(others.some((o) => o !== a.join())).toBe(true);
  });

  it('is spread over the ids: across many seeds every id is drawn sometimes, none nearly always', () => {
    const all = ids(20);
    const hits = new Map(all.map((id) => [id, 0]));
    for (let i = 0; i < 400; i++) for (const id of drawSample(all, 10, 5, `seed-${i}`)) hits.set(id, hits.get(id)! + 1);
    // each id is drawn with probability 5/20: about 100 of 400
    for (const [, n] of hits) {
      expect(n).toBeGreaterThan(50);
      expect(n).toBeLessThan(160);
    }
  });

  it('keeps what was drawn and tops up as more services finish, never removing', () => {
    const early = ids(30);
    const first = drawSample(early, 10, 5, 's');
    expect(first).toHaveLength(5);
    const later = [...early, ...ids(40, 'd')];
    const grown = drawSample(later, 10, 5, 's', first);
    expect(grown).toHaveLength(7); // ceil(10% of 70)
    expect(grown.slice(0, 5)).toEqual(first);
    // two readers with the same state add the same items
    expect(drawSample(later, 10, 5, 's', first)).toEqual(grown);
    // already large enough: nothing added, drawn items kept even when no longer among the ids
    expect(drawSample(early.slice(0, 10), 10, 5, 's', grown)).toEqual(grown);
  });

  it('draws nothing when nothing finished', () => {
    expect(drawSample([], 10, 5, 's')).toEqual([]);
  });
});

describe('shares and tallies', () => {
  it('rounds a share to 3 places and has none without a whole', () => {
    expect(share(2, 3)).toBe(0.667);
    expect(share(0, 0)).toBeNull();
  });

  it('adds counts to the total, the township and each person once', () => {
    const t = tally(['a', 'b'] as const, [
      { townshipCode: 't1', personIds: ['p1', 'p1', 'p2'], counts: { a: 1 } },
      { townshipCode: 't1', personIds: ['p2'], counts: { a: 1, b: 1 } },
      { townshipCode: 't2', personIds: [], counts: { b: 1 } },
      { townshipCode: 't3', personIds: ['p3'], counts: { a: 0 } },
    ]);
    expect(t.total).toEqual({ a: 2, b: 2 });
    expect(t.byTownship.get('t1')).toEqual({ a: 2, b: 1 });
    expect(t.byTownship.get('t2')).toEqual({ a: 0, b: 1 });
    expect(t.byTownship.has('t3')).toBe(false);
    expect(t.byPerson.get('p1')).toEqual({ a: 1, b: 0 });
    expect(t.byPerson.get('p2')).toEqual({ a: 2, b: 1 });
  });
});
