/**
 * The legal-literate roster's target rule (issue 17 item 3): a village meets the county's target
 * with at least that many holders; counts per village take each holder once per village.
 */
import { countByVillage, coverage, meetsTarget } from '../../server/src/modules/roster/policy';

const V1 = '210921001001';
const V2 = '210921001002';
const V3 = '210921100201';

describe('meetsTarget', () => {
  it.each([
    [0, 3, false],
    [2, 3, false],
    [3, 3, true],
    [5, 3, true],
    [1, 1, true],
  ])('%i of %i → %s', (count, target, expected) => expect(meetsTarget(count, target)).toBe(expected));
});

describe('countByVillage', () => {
  it('counts legal-literate holders at villages only, once per person and village', () => {
    const counts = countByVillage([
      { id: 'a', roles: [{ role: 'legal_literate', placeCode: V1 }] },
      // the same role listed twice counts once
      {
        id: 'b',
        roles: [
          { role: 'legal_literate', placeCode: V1 },
          { role: 'legal_literate', placeCode: V1 },
        ],
      },
      // other roles and places above a village do not count
      {
        id: 'c',
        roles: [
          { role: 'mediator', placeCode: V2 },
          { role: 'legal_literate', placeCode: '210921001' },
        ],
      },
      {
        id: 'd',
        roles: [
          { role: 'legal_literate', placeCode: V2 },
          { role: 'village_cadre', placeCode: V2 },
        ],
      },
    ]);
    expect(Object.fromEntries(counts)).toEqual({ [V1]: 2, [V2]: 1 });
  });
});

describe('coverage', () => {
  it('lists every village in code order, zero where nobody holds the role, and totals the villages meeting the target', () => {
    const result = coverage(
      [V3, V1, V2, V1],
      new Map([
        [V1, 3],
        [V2, 2],
      ]),
      3,
    );
    expect(result.items).toEqual([
      { villageCode: V1, count: 3, meetsTarget: true },
      { villageCode: V2, count: 2, meetsTarget: false },
      { villageCode: V3, count: 0, meetsTarget: false },
    ]);
    expect(result).toMatchObject({ villages: 3, meeting: 1, people: 5 });
  });

  it('follows the target: a lower one lets more villages meet it', () => {
    const counts = new Map([
      [V1, 3],
      [V2, 2],
    ]);
    expect(coverage([V1, V2, V3], counts, 2).meeting).toBe(2);
    expect(coverage([V1, V2, V3], counts, 4).meeting).toBe(0);
  });
});
