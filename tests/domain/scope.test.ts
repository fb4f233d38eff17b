import { ROLES, ROUTES, type Access, type Role } from '../../types/src';
import { covers, decideAccess, holdsAt, type Grant } from '../../server/src/shared/scope';

const COUNTY = '210921';
const TOWNSHIP = '210921100';
const VILLAGE = '210921100202';
const SIBLING_COUNTY = '210922';
const SIBLING_VILLAGE = '210921101001';

describe('covers: division codes nest by prefix', () => {
  it('a county covers its townships and villages, a township its villages, a village itself', () => {
    expect(covers(COUNTY, COUNTY)).toBe(true);
    expect(covers(COUNTY, TOWNSHIP)).toBe(true);
    expect(covers(COUNTY, VILLAGE)).toBe(true);
    expect(covers(TOWNSHIP, VILLAGE)).toBe(true);
    expect(covers(VILLAGE, VILLAGE)).toBe(true);
  });

  it('a smaller place never covers a larger one', () => {
    expect(covers(TOWNSHIP, COUNTY)).toBe(false);
    expect(covers(VILLAGE, TOWNSHIP)).toBe(false);
    expect(covers(VILLAGE, COUNTY)).toBe(false);
  });

  it("'' (admin) covers every place", () => {
    for (const code of ['21', COUNTY, TOWNSHIP, VILLAGE, SIBLING_COUNTY, '110101001001']) expect(covers('', code)).toBe(true);
  });

  it('sibling codes are not covered', () => {
    expect(covers(COUNTY, SIBLING_COUNTY)).toBe(false);
    expect(covers(COUNTY, `${SIBLING_COUNTY}100202`)).toBe(false);
    expect(covers(TOWNSHIP, SIBLING_VILLAGE)).toBe(false);
    expect(covers(VILLAGE, '210921100203')).toBe(false);
  });
});

describe('decideAccess', () => {
  const publicAccess: Access = { kind: 'public' };
  const sessionAccess: Access = { kind: 'session' };
  const onlyRole = (role: Role, scope: string | null = 'code'): Access => ({ kind: 'role', roles: [role], scope });

  it('public routes allow everyone, with or without grants', () => {
    expect(decideAccess(null, publicAccess, null)).toBe('allow');
    expect(decideAccess([], publicAccess, VILLAGE)).toBe('allow');
  });

  it('session routes need a session (any grants, even none) and nothing else', () => {
    expect(decideAccess(null, sessionAccess, null)).toBe('UNAUTHENTICATED');
    expect(decideAccess([], sessionAccess, null)).toBe('allow');
    expect(decideAccess([{ role: 'villager', placeCode: VILLAGE }], sessionAccess, SIBLING_COUNTY)).toBe('allow');
  });

  it('role routes without a session are UNAUTHENTICATED (not FORBIDDEN)', () => {
    expect(decideAccess(null, onlyRole('admin'), '')).toBe('UNAUTHENTICATED');
  });

  it('a session holding no role at all is FORBIDDEN on role routes', () => {
    expect(decideAccess([], onlyRole('villager'), VILLAGE)).toBe('FORBIDDEN');
  });

  // Each role held at a place that covers the target (inside) or a sibling place (outside).
  const inside: Record<Role, string> = {
    villager: VILLAGE,
    village_cadre: VILLAGE,
    mediator: VILLAGE,
    legal_literate: VILLAGE,
    counsel: VILLAGE,
    township_staff: TOWNSHIP,
    county_staff: COUNTY,
    county_expert: COUNTY,
    admin: '',
  };
  const outside: Record<Role, string | null> = {
    villager: '210921100203',
    village_cadre: SIBLING_VILLAGE,
    mediator: SIBLING_VILLAGE,
    legal_literate: SIBLING_VILLAGE,
    counsel: SIBLING_VILLAGE,
    township_staff: '210921101',
    county_staff: SIBLING_COUNTY,
    county_expert: SIBLING_COUNTY,
    admin: null, // admin is everywhere
  };

  describe.each(ROLES.map((r) => [r]))('role %s', (role) => {
    it('inside its place with the role admitted: allow', () => {
      expect(decideAccess([{ role, placeCode: inside[role] }], onlyRole(role), VILLAGE)).toBe('allow');
    });

    it('outside its place with the role admitted: OUT_OF_JURISDICTION', () => {
      const place = outside[role];
      if (place === null) {
        expect(decideAccess([{ role, placeCode: '' }], onlyRole(role), '650102001001')).toBe('allow');
        return;
      }
      expect(decideAccess([{ role, placeCode: place }], onlyRole(role), VILLAGE)).toBe('OUT_OF_JURISDICTION');
    });

    it('the role not admitted: FORBIDDEN, inside or outside (wrong role, not wrong place)', () => {
      const others = ROLES.filter((r) => r !== role);
      const access: Access = { kind: 'role', roles: others, scope: 'code' };
      expect(decideAccess([{ role, placeCode: inside[role] }], access, VILLAGE)).toBe('FORBIDDEN');
      expect(decideAccess([{ role, placeCode: outside[role] ?? '' }], access, VILLAGE)).toBe('FORBIDDEN');
    });

    it('a role route without a scope allows the admitted role anywhere', () => {
      expect(decideAccess([{ role, placeCode: outside[role] ?? '' }], onlyRole(role, null), null)).toBe('allow');
    });
  });

  it('a scoped route without a target place is FORBIDDEN', () => {
    expect(decideAccess([{ role: 'admin', placeCode: '' }], onlyRole('admin'), null)).toBe('FORBIDDEN');
  });

  it('only grants of an admitted role count for the place test', () => {
    // county staff elsewhere, villager here: the villager grant must not let county staff act here
    const grants: Grant[] = [
      { role: 'county_staff', placeCode: SIBLING_COUNTY },
      { role: 'villager', placeCode: VILLAGE },
    ];
    expect(decideAccess(grants, onlyRole('county_staff'), VILLAGE)).toBe('OUT_OF_JURISDICTION');
  });

  it('one covering grant among several of the admitted role is enough', () => {
    const grants: Grant[] = [
      { role: 'counsel', placeCode: SIBLING_VILLAGE },
      { role: 'counsel', placeCode: VILLAGE },
    ];
    expect(decideAccess(grants, onlyRole('counsel'), VILLAGE)).toBe('allow');
  });

  it('the real contract: township staff may not change county policy, county staff only in their county', () => {
    const access = ROUTES.updateCountyPolicy.access;
    expect(decideAccess([{ role: 'township_staff', placeCode: TOWNSHIP }], access, COUNTY)).toBe('FORBIDDEN');
    expect(decideAccess([{ role: 'county_staff', placeCode: COUNTY }], access, COUNTY)).toBe('allow');
    expect(decideAccess([{ role: 'county_staff', placeCode: SIBLING_COUNTY }], access, COUNTY)).toBe('OUT_OF_JURISDICTION');
    expect(decideAccess([{ role: 'admin', placeCode: '' }], access, COUNTY)).toBe('allow');
  });

  it('the real contract: a villager gets a counsel phone only in their own village', () => {
    const access = ROUTES.counselContact.access;
    expect(decideAccess([{ role: 'villager', placeCode: VILLAGE }], access, VILLAGE)).toBe('allow');
    expect(decideAccess([{ role: 'villager', placeCode: VILLAGE }], access, '210921100203')).toBe('OUT_OF_JURISDICTION');
    expect(decideAccess([{ role: 'county_expert', placeCode: COUNTY }], access, VILLAGE)).toBe('FORBIDDEN');
  });
});

describe('holdsAt', () => {
  const grants: Grant[] = [
    { role: 'township_staff', placeCode: TOWNSHIP },
    { role: 'villager', placeCode: SIBLING_VILLAGE },
  ];

  it('is true when a grant of one of the roles covers the code', () => {
    expect(holdsAt(grants, ['township_staff'], VILLAGE)).toBe(true);
    expect(holdsAt(grants, ['county_staff', 'township_staff'], TOWNSHIP)).toBe(true);
    expect(holdsAt(grants, ['villager'], SIBLING_VILLAGE)).toBe(true);
  });

  it('is false when the covering grant has another role, or the grant of the role does not cover', () => {
    expect(holdsAt(grants, ['county_staff'], VILLAGE)).toBe(false);
    expect(holdsAt(grants, ['villager'], VILLAGE)).toBe(false);
    expect(holdsAt(grants, ['township_staff'], COUNTY)).toBe(false);
    expect(holdsAt(grants, [], VILLAGE)).toBe(false);
    expect(holdsAt([], ['admin'], VILLAGE)).toBe(false);
  });

  it("an admin grant ('') holds everywhere", () => {
    expect(holdsAt([{ role: 'admin', placeCode: '' }], ['admin'], '650102001001')).toBe(true);
  });
});
