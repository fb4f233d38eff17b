import { CLOUD_SIGNATURE_WINDOW_MS, effectiveGrants, isFreshTimestamp } from '../../server/src/modules/accounts/policy';

const COUNTY = '210921';
const V1 = '210921100202';
const V2 = '210921101001';

describe('effectiveGrants', () => {
  it('a bound village makes the person a villager there', () => {
    expect(effectiveGrants({ roles: [], villageCode: V1 }, [])).toEqual([{ role: 'villager', placeCode: V1 }]);
  });

  it('no village and no roles: no grants', () => {
    expect(effectiveGrants({ roles: [], villageCode: null }, [])).toEqual([]);
  });

  it('a stored villager role is ignored: only the bound village counts', () => {
    expect(effectiveGrants({ roles: [{ role: 'villager', placeCode: V2 }], villageCode: null }, [])).toEqual([]);
    expect(effectiveGrants({ roles: [{ role: 'villager', placeCode: V2 }], villageCode: V1 }, [])).toEqual([
      { role: 'villager', placeCode: V1 },
    ]);
  });

  it('a counsel acts in the assigned villages only, not at the county of registration', () => {
    const grants = effectiveGrants({ roles: [{ role: 'counsel', placeCode: COUNTY }], villageCode: null }, [V1, V2]);
    expect(grants).toEqual(
      expect.arrayContaining([
        { role: 'counsel', placeCode: V1 },
        { role: 'counsel', placeCode: V2 },
      ]),
    );
    expect(grants).toHaveLength(2);
    expect(grants).not.toContainEqual({ role: 'counsel', placeCode: COUNTY });
  });

  it('a counsel without assignments has no counsel grant at all', () => {
    expect(effectiveGrants({ roles: [{ role: 'counsel', placeCode: COUNTY }], villageCode: null }, [])).toEqual([]);
  });

  it('duplicate assigned villages give one grant each', () => {
    const grants = effectiveGrants({ roles: [{ role: 'counsel', placeCode: COUNTY }], villageCode: null }, [V1, V1, V2, V1]);
    expect(grants.filter((g) => g.placeCode === V1)).toHaveLength(1);
    expect(grants).toHaveLength(2);
  });

  it('assigned villages give nothing to someone who is not a counsel', () => {
    expect(effectiveGrants({ roles: [{ role: 'county_staff', placeCode: COUNTY }], villageCode: null }, [V1])).toEqual([
      { role: 'county_staff', placeCode: COUNTY },
    ]);
  });

  it('other roles are kept at their places, alongside villager and counsel grants', () => {
    const grants = effectiveGrants(
      {
        roles: [
          { role: 'counsel', placeCode: COUNTY },
          { role: 'township_staff', placeCode: '210921100' },
          { role: 'county_expert', placeCode: COUNTY },
          { role: 'admin', placeCode: '' },
        ],
        villageCode: V2,
      },
      [V1],
    );
    expect(grants).toHaveLength(5);
    expect(grants).toEqual(
      expect.arrayContaining([
        { role: 'township_staff', placeCode: '210921100' },
        { role: 'county_expert', placeCode: COUNTY },
        { role: 'admin', placeCode: '' },
        { role: 'villager', placeCode: V2 },
        { role: 'counsel', placeCode: V1 },
      ]),
    );
  });

  it('returns copies: changing a grant does not change the stored roles', () => {
    const roles = [{ role: 'county_staff' as const, placeCode: COUNTY }];
    const grants = effectiveGrants({ roles, villageCode: null }, []);
    grants[0]!.placeCode = '';
    expect(roles[0]!.placeCode).toBe(COUNTY);
  });
});

describe('isFreshTimestamp (±5 minutes)', () => {
  const now = 1_700_000_000_000;

  it('the window is five minutes', () => {
    expect(CLOUD_SIGNATURE_WINDOW_MS).toBe(5 * 60 * 1000);
  });

  it('accepts now and exactly ±5 minutes', () => {
    expect(isFreshTimestamp(now, now)).toBe(true);
    expect(isFreshTimestamp(now - CLOUD_SIGNATURE_WINDOW_MS, now)).toBe(true);
    expect(isFreshTimestamp(now + CLOUD_SIGNATURE_WINDOW_MS, now)).toBe(true);
  });

  it('refuses one millisecond beyond, in either direction', () => {
    expect(isFreshTimestamp(now - CLOUD_SIGNATURE_WINDOW_MS - 1, now)).toBe(false);
    expect(isFreshTimestamp(now + CLOUD_SIGNATURE_WINDOW_MS + 1, now)).toBe(false);
  });

  it('refuses values that are not finite numbers', () => {
    expect(isFreshTimestamp(Number.NaN, now)).toBe(false);
    expect(isFreshTimestamp(Number.POSITIVE_INFINITY, now)).toBe(false);
    expect(isFreshTimestamp(Number('not a number'), now)).toBe(false);
    expect(isFreshTimestamp(0, now)).toBe(false);
  });
});
