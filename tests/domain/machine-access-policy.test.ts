/**
 * Machine credentials (issue 12, item 6), the pure parts: who manages them where, what the one
 * access rule lets a machine do, which routes are open to machines, and how OpenAPI declares it.
 */
import { ROUTES, type Access, type RouteContract } from '../../types/src';
import { buildOpenApiDocument } from '../../types/src/openapi';
import { decideAccess, type Grant, type MachineIdentity } from '../../server/src/shared/scope';
import { isManagedUnder, manageRefusal, needsTouch } from '../../server/src/modules/machine-access/policy';

const FUMENG = '210921';
const ZHANGWU = '210922';
const LIAONING = '21';
const HENAN = '41';

describe('manageRefusal: county staff for their county, admins for places inside theirs', () => {
  const countyStaff: Grant[] = [{ role: 'county_staff', placeCode: FUMENG }];
  const provinceAdmin: Grant[] = [{ role: 'admin', placeCode: LIAONING }];
  const countryAdmin: Grant[] = [{ role: 'admin', placeCode: '' }];
  const cases: [string, Grant[], string, string | null][] = [
    ['county staff, own county', countyStaff, FUMENG, null],
    ['county staff, another county', countyStaff, ZHANGWU, 'MACHINE_CREDENTIAL_NOT_ALLOWED'],
    ['county staff, their province', countyStaff, LIAONING, 'MACHINE_CREDENTIAL_NOT_ALLOWED'],
    ['county staff, a township of their county', countyStaff, '210921001', 'MACHINE_CREDENTIAL_PLACE_LEVEL'],
    ['county expert, own county', [{ role: 'county_expert', placeCode: FUMENG }], FUMENG, 'MACHINE_CREDENTIAL_NOT_ALLOWED'],
    [
      'township staff, their county',
      [{ role: 'township_staff', placeCode: '210921001' }],
      FUMENG,
      'MACHINE_CREDENTIAL_NOT_ALLOWED',
    ],
    ['counsel, their county', [{ role: 'counsel', placeCode: '210921001001' }], FUMENG, 'MACHINE_CREDENTIAL_NOT_ALLOWED'],
    ['villager', [{ role: 'villager', placeCode: '210921001001' }], FUMENG, 'MACHINE_CREDENTIAL_NOT_ALLOWED'],
    ['no roles', [], FUMENG, 'MACHINE_CREDENTIAL_NOT_ALLOWED'],
    ['province admin, own province', provinceAdmin, LIAONING, null],
    ['province admin, a county of it', provinceAdmin, ZHANGWU, null],
    ['province admin, another province', provinceAdmin, HENAN, 'MACHINE_CREDENTIAL_NOT_ALLOWED'],
    ['province admin, a county of another province', provinceAdmin, '410102', 'MACHINE_CREDENTIAL_NOT_ALLOWED'],
    ['province admin, a village', provinceAdmin, '210921001001', 'MACHINE_CREDENTIAL_PLACE_LEVEL'],
    ['country admin, any province', countryAdmin, HENAN, null],
    ['country admin, any county', countryAdmin, '410102', null],
    ['country admin, the whole country', countryAdmin, '', 'MACHINE_CREDENTIAL_PLACE_LEVEL'],
    [
      'county staff elsewhere and admin of the province',
      [{ role: 'county_staff', placeCode: ZHANGWU }, ...provinceAdmin],
      FUMENG,
      null,
    ],
  ];
  it.each(cases)('%s', (_, grants, place, expected) => {
    expect(manageRefusal(grants, place)).toBe(expected);
  });

  it('a credential is managed under its own place and any place containing it, nowhere else', () => {
    expect(isManagedUnder(FUMENG, FUMENG)).toBe(true);
    expect(isManagedUnder(LIAONING, FUMENG)).toBe(true);
    expect(isManagedUnder(FUMENG, LIAONING)).toBe(false);
    expect(isManagedUnder(ZHANGWU, FUMENG)).toBe(false);
    expect(isManagedUnder(HENAN, FUMENG)).toBe(false);
  });
});

describe('decideAccess for a machine credential', () => {
  const county: MachineIdentity = { credentialId: 'c1', placeCode: FUMENG };
  const province: MachineIdentity = { credentialId: 'c2', placeCode: LIAONING };
  const marked: Access = { kind: 'role', roles: ['county_staff', 'admin'], scope: 'countyCode', machine: true };
  const adminOnly: Access = { kind: 'role', roles: ['admin'], scope: 'provinceCode', machine: true };
  const unmarked: Access = { kind: 'role', roles: ['county_staff', 'admin'], scope: 'countyCode' };
  const markedWithoutScope: Access = { kind: 'role', roles: ['admin'], scope: null, machine: true };

  const cases: [string, MachineIdentity, Access, string | null, string][] = [
    ['a marked route, its own county', county, marked, FUMENG, 'allow'],
    ['a marked route, a township inside', county, marked, '210921001', 'allow'],
    ['a marked route, another county', county, marked, ZHANGWU, 'MACHINE_OUT_OF_SCOPE'],
    ['a marked route, its province', county, adminOnly, LIAONING, 'MACHINE_OUT_OF_SCOPE'],
    ['a province credential, a county inside', province, marked, ZHANGWU, 'allow'],
    ['a province credential, its province report (roles do not apply to machines)', province, adminOnly, LIAONING, 'allow'],
    ['a province credential, another province', province, adminOnly, HENAN, 'MACHINE_OUT_OF_SCOPE'],
    ['an unmarked route, its own county', county, unmarked, FUMENG, 'MACHINE_ROUTE_FORBIDDEN'],
    ['a marked route without a scope', province, markedWithoutScope, null, 'MACHINE_ROUTE_FORBIDDEN'],
    ['a public route', county, { kind: 'public' }, null, 'MACHINE_ROUTE_FORBIDDEN'],
    ['a signed route', county, { kind: 'signed' }, null, 'MACHINE_ROUTE_FORBIDDEN'],
    ['a session route', county, { kind: 'session' }, null, 'MACHINE_ROUTE_FORBIDDEN'],
    ['a group route', county, { kind: 'member', need: 'read' }, FUMENG, 'MACHINE_ROUTE_FORBIDDEN'],
  ];
  it.each(cases)('%s', (_, machine, access, target, expected) => {
    expect(decideAccess(machine, access, target)).toBe(expected);
  });

  it('people are decided as before on marked routes: the flag opens nothing to them', () => {
    expect(decideAccess([{ role: 'county_staff', placeCode: FUMENG }], marked, FUMENG)).toBe('allow');
    expect(decideAccess([{ role: 'county_staff', placeCode: FUMENG }], marked, ZHANGWU)).toBe('OUT_OF_JURISDICTION');
    expect(decideAccess([{ role: 'township_staff', placeCode: '210921001' }], marked, FUMENG)).toBe('FORBIDDEN');
    expect(decideAccess(null, marked, FUMENG)).toBe('UNAUTHENTICATED');
    expect(decideAccess([{ role: 'county_staff', placeCode: FUMENG }], adminOnly, LIAONING)).toBe('FORBIDDEN');
  });
});

describe('the routes open to machines', () => {
  const routes = Object.values(ROUTES) as RouteContract[];
  const open = routes.filter((r) => r.access.kind === 'role' && r.access.machine);

  it('are exactly the reports, statistics and the ledger export', () => {
    expect(open.map((r) => r.id).sort()).toEqual(
      [
        'consultationStats',
        'countyCompliance',
        'ledgerExport',
        'provinceCompliance',
        'townshipCompliance',
        // the county's assessment figures and call-back coverage (issue 16 items 5 and 7)
        'assessment',
        'callbackCoverage',
      ].sort(),
    );
  });

  it('are all reads of one place: GET, with a scope naming a path parameter, no body', () => {
    for (const route of open) {
      expect(`${route.id} ${route.method}`).toBe(`${route.id} get`);
      expect(route.body).toBeUndefined();
      const scope = route.access.kind === 'role' ? route.access.scope : null;
      expect(scope).not.toBeNull();
      expect(route.path).toContain(`:${scope}`);
    }
  });
});

describe('OpenAPI: the machine credential security scheme', () => {
  const doc = buildOpenApiDocument();
  const op = (route: RouteContract) =>
    (doc.paths as Record<string, Record<string, { security?: unknown[] }>>)[route.path.replace(/:(\w+)/g, '{$1}')]![
      route.method
    ]!;

  it('is declared beside the session bearer', () => {
    const schemes = doc.components?.securitySchemes as Record<string, { type: string; scheme?: string; description?: string }>;
    expect(schemes.session).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.machineCredential).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.machineCredential!.description).toMatch(/机器凭证/);
  });

  it('marks the routes open to machines as taking a session or a machine credential, and no other', () => {
    for (const route of Object.values(ROUTES) as RouteContract[]) {
      const machine = route.access.kind === 'role' && route.access.machine === true;
      const security = JSON.stringify(op(route).security);
      expect(`${route.id} ${security.includes('machineCredential')}`).toBe(`${route.id} ${machine}`);
      if (machine) expect(op(route).security).toEqual([{ session: [] }, { machineCredential: [] }]);
    }
  });
});

describe('lastUsedAt is written at most once a minute', () => {
  const t = new Date('2026-05-01T08:00:00Z');
  it.each([
    ['never used', null, true],
    ['used 59 s ago', new Date(t.getTime() - 59_000), false],
    ['used 60 s ago', new Date(t.getTime() - 60_000), true],
  ] as const)('%s', (_, last, expected) => {
    expect(needsTouch(last, t)).toBe(expected);
  });
});
