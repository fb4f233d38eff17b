/**
 * The monthly inspection's draw and coverage (issue 16 item 6), pure: server/src/modules/inspections/policy.ts.
 */
import { coverage, drawGroups, needsAction, sampleSize } from '../../server/src/modules/inspections/policy';

const villages = (n: number, township = '210921100') =>
  Array.from({ length: n }, (_, i) => `${township}${String(i + 1).padStart(3, '0')}`);

describe('sampleSize', () => {
  it('is the share rounded up, at least one when there are groups, never more than there are', () => {
    expect(sampleSize(390, 34)).toBe(133); // 132.6 rounded up
    expect(sampleSize(50, 34)).toBe(17); // exactly 17, no floating-point overshoot to 18
    expect(sampleSize(3, 34)).toBe(2);
    expect(sampleSize(10, 0)).toBe(1);
    expect(sampleSize(10, 1)).toBe(1);
    expect(sampleSize(10, 100)).toBe(10);
    expect(sampleSize(0, 34)).toBe(0);
  });
});

describe('drawGroups', () => {
  const codes = villages(60);

  it('draws the sample size, from the codes given, without repeats, in code order', () => {
    const drawn = drawGroups(codes, 34, 'seed-a');
    expect(drawn).toHaveLength(21);
    expect(new Set(drawn).size).toBe(21);
    for (const code of drawn) expect(codes).toContain(code);
    expect([...drawn].sort()).toEqual(drawn);
  });

  it('is reproducible: the same codes (in any order, repeated or not), share and seed give the same draw', () => {
    const first = drawGroups(codes, 34, 'seed-a');
    const shuffled = [...codes].reverse().concat(codes.slice(0, 5));
    expect(drawGroups(shuffled, 34, 'seed-a')).toEqual(first);
  });

  it('differs between seeds, so no one can tell a month’s draw in advance', () => {
    const draws = new Set(['a', 'b', 'c', 'd', 'e'].map((seed) => drawGroups(codes, 34, seed).join()));
    expect(draws.size).toBe(5);
  });

  it('takes every group about equally often over many seeds (no group is never drawn)', () => {
    const small = villages(10);
    const times = new Map(small.map((c) => [c, 0]));
    for (let i = 0; i < 2000; i++) for (const code of drawGroups(small, 30, `seed-${i}`)) times.set(code, times.get(code)! + 1);
    // each group is expected 600 times (2000 draws × 3 of 10)
    for (const count of times.values()) expect(count).toBeGreaterThan(480);
    for (const count of times.values()) expect(count).toBeLessThan(720);
  });

  it('draws all at 100 % and nothing from no groups', () => {
    expect(drawGroups(codes, 100, 'x')).toEqual(codes);
    expect(drawGroups([], 34, 'x')).toEqual([]);
  });
});

describe('needsAction', () => {
  it('asks for the action taken when private data or improper content was found', () => {
    const clean = { active: true, privateDataFound: false, improperContentFound: false };
    expect(needsAction(clean, undefined)).toBe(false);
    expect(needsAction({ ...clean, privateDataFound: true }, undefined)).toBe(true);
    expect(needsAction({ ...clean, improperContentFound: true }, '   ')).toBe(true);
    expect(needsAction({ ...clean, improperContentFound: true }, '已删除并提醒')).toBe(false);
  });
});

describe('coverage', () => {
  it('counts drawn, inspected, active and with problems per township and for the county', () => {
    const rec = (active: boolean, privateDataFound = false, improperContentFound = false) => ({
      active,
      privateDataFound,
      improperContentFound,
    });
    const { total, townships } = coverage([
      { townshipCode: '210921100', record: rec(true) },
      { townshipCode: '210921100', record: rec(false, true) },
      { townshipCode: '210921100', record: null },
      { townshipCode: '210921001', record: rec(true, false, true) },
      { townshipCode: '210921001', record: null },
    ]);
    expect(total).toEqual({ drawn: 5, inspected: 3, active: 2, withProblems: 2 });
    expect([...townships.keys()]).toEqual(['210921001', '210921100']);
    expect(townships.get('210921100')).toEqual({ drawn: 3, inspected: 2, active: 1, withProblems: 1 });
    expect(townships.get('210921001')).toEqual({ drawn: 2, inspected: 1, active: 1, withProblems: 1 });
  });
});
