/**
 * The authorization matrix: every route of the contract table × every role × places inside and
 * outside the person's jurisdiction. Generated from ROUTES, so a new route cannot be left out.
 */
import { ROUTES, type RouteContract, type Role } from '@vc/types';
import { startStack, type Stack } from '../support/stack';
import { demoLogin, request } from '../support/http';
import { fillPath } from '../../types/src';

let stack: Stack;

interface Person {
  label: string;
  name: string | null;
  role: Role | null;
  /** the places this person acts for (the expectation, written out independently of the server) */
  places: string[];
  /** work groups (by code) this person reads and posts in, moderates, and may join (docs/domain.md R6) */
  groups: { member: string[]; moderate: string[]; join: string[] };
}

const noGroups = { member: [], moderate: [], join: [] };
const countyGroups = ['210921001001', '210921001', '210921', '210921100202'];

const people: Person[] = [
  { label: 'anonymous', name: null, role: null, places: [], groups: noGroups },
  {
    label: 'villager of 富民社区',
    name: '林红霞',
    role: 'villager',
    places: ['210921001001'],
    // a member of her village group (demo data); may ask to join her township's
    groups: { member: ['210921001001'], moderate: [], join: ['210921001001', '210921001'] },
  },
  {
    label: 'counsel of 富民/富兴/国强社区',
    name: '王建国',
    role: 'counsel',
    places: ['210921001001', '210921001002', '210921001003'],
    groups: {
      member: ['210921001001', '210921001', '210921'],
      moderate: [],
      join: ['210921001001', '210921001', '210921'],
    },
  },
  {
    label: 'township staff of 城区街道',
    name: '王志强',
    role: 'township_staff',
    places: ['210921001'],
    groups: {
      member: ['210921001001', '210921001', '210921'],
      moderate: ['210921001001', '210921001'],
      join: ['210921001001', '210921001', '210921'],
    },
  },
  {
    label: 'township staff of 阜新镇',
    name: '李志强',
    role: 'township_staff',
    places: ['210921100'],
    groups: { member: ['210921100202', '210921'], moderate: ['210921100202'], join: ['210921100202', '210921'] },
  },
  {
    label: 'county staff of 阜蒙县',
    name: '赵振华',
    role: 'county_staff',
    places: ['210921'],
    // leads the county group; may join any group of the county
    groups: { member: ['210921'], moderate: ['210921'], join: countyGroups },
  },
  {
    label: 'county expert of 阜蒙县',
    name: '孙雅琴',
    role: 'county_expert',
    places: ['210921'],
    groups: { member: ['210921'], moderate: [], join: countyGroups },
  },
];

/** refusals of the access guard; anything else is the service speaking to an admitted caller */
const GUARD_CODES = [
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'OUT_OF_JURISDICTION',
  'BAD_SIGNATURE',
  'NOT_A_GROUP_MEMBER',
  'GROUP_MUTED',
  'NOT_A_GROUP_MODERATOR',
  'GROUP_NOT_ELIGIBLE',
  'MACHINE_CREDENTIAL_INVALID',
  'MACHINE_ROUTE_FORBIDDEN',
  'MACHINE_OUT_OF_SCOPE',
];

/** candidate targets per path parameter: inside and outside every jurisdiction above */
const TARGETS: Record<string, string[]> = {
  // nobody below holds admin, the only role of province routes: all are refused
  provinceCode: ['21', '41'],
  countyCode: ['210921', '210922'],
  villageCode: ['210921001001', '210921001004', '210921100202', '210922100201'],
  code: ['210921', '210921001', '210921100', '210921001001', '210922'],
  townshipCode: ['210921001', '210921100', '210922100'],
  groupCode: ['210921001001', '210921001', '210921', '210921100202', '210922'],
};
const FILLERS: Record<string, string> = {
  counselId: '0123456789abcdef01234567',
  assignmentId: '0123456789abcdef01234567',
  inviteCode: 'ABCDEF',
  entryId: '0123456789abcdef01234567',
  month: '2026-10',
  seq: '1',
  userId: '0123456789abcdef01234567',
  heldId: '0123456789abcdef01234567',
  consultationId: '0123456789abcdef01234567',
  caseId: '0123456789abcdef01234567',
  // call-backs (issue 16 item 5)
  callbackId: '0123456789abcdef01234567',
  photoId: '0123456789abcdef01234567',
  // a scan-to-login ticket (well formed, never issued)
  ticket: 'AbCdEfGhIjKlMnOpQrStUvWx',
  // a translation (issue 17)
  language: 'bo',
  // machine access (issue 12)
  credentialId: '0123456789abcdef01234567',
  // invitations (issue 12)
  invitationId: '0123456789abcdef01234567',
  invitationCode: 'ABCD2345',
  // content checks and reports (issue 13)
  reviewId: '0123456789abcdef01234567',
  reportId: '0123456789abcdef01234567',
  n: '2',
  // image checks and avatars (issue 13): 43-character unguessable links, never issued
  key: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE',
  token: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE',
  // the monthly inspection of village groups (issue 16 item 6)
  inspectionId: '0123456789abcdef01234567',
  // lectures (issue 17 item 1)
  lectureId: '0123456789abcdef01234567',
  // the legal-education feed (issue 17 item 2)
  articleId: '0123456789abcdef01234567',
};

/**
 * Machine credentials (issue 12): one of 阜蒙县 and a revoked one. Expected: only routes marked
 * `machine`, for places inside 210921; a revoked credential nowhere.
 */
interface Machine {
  label: string;
  place: string;
  revoked: boolean;
  secret: string;
}
const machines: Machine[] = [
  { label: 'machine credential of 阜蒙县', place: '210921', revoked: false, secret: '' },
  { label: 'revoked machine credential of 阜蒙县', place: '210921', revoked: true, secret: '' },
];

beforeAll(async () => {
  // the matrix calls far faster than a system would
  stack = await startStack({ auditQueries: true, env: { RATE_LIMIT_MACHINE_PER_CREDENTIAL: '1000000' } });
  const { token } = await demoLogin(stack.baseUrl, '赵振华');
  for (const machine of machines) {
    const path = fillPath('/api/places/:code/machine-credentials', { code: machine.place });
    const issued = await request(stack.baseUrl, 'post', path, { token, body: { name: machine.label } });
    expect(issued.status).toBe(201);
    machine.secret = issued.body.secret;
    if (!machine.revoked) continue;
    const revoke = `${path}/${issued.body.credential.id}/revoke`;
    expect((await request(stack.baseUrl, 'post', revoke, { token, body: { reason: '测试吊销' } })).status).toBe(200);
  }
});
afterAll(() => stack?.stop());

// Joining changes membership, which the other member routes are checked against: those run last,
// whatever the order of the table.
const joins = (r: RouteContract) => (r.access.kind === 'member' && r.access.need === 'join' ? 1 : 0);
const routes = (Object.values(ROUTES) as RouteContract[]).sort((a, b) => joins(a) - joins(b));
const paramNames = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

it('covers every route of the contract table', () => {
  expect(routes.length).toBeGreaterThanOrEqual(20);
  for (const route of routes) {
    for (const name of paramNames(route.path)) expect(TARGETS[name] ?? FILLERS[name]).toBeDefined();
  }
});

describe.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_, route) => {
  const scopeParam = route.access.kind === 'role' ? route.access.scope : route.access.kind === 'member' ? 'groupCode' : null;
  const targets = scopeParam ? TARGETS[scopeParam]! : [null];

  it.each(people.map((p) => [p.label, p] as const))('as %s', async (_label, person) => {
    // a fresh session per case: the logout route revokes the one it is called with
    const token = person.name ? (await demoLogin(stack.baseUrl, person.name)).token : undefined;
    for (const target of targets) {
      const params: Record<string, string> = {};
      for (const name of paramNames(route.path))
        params[name] = name === scopeParam ? target! : (FILLERS[name] ?? TARGETS[name]![0]!);
      // An empty body: allowed callers get past the guard and stop at validation, so nothing is written.
      const res = await request(stack.baseUrl, route.method, fillPath(route.path, params), {
        token,
        body: route.method === 'get' ? undefined : {},
      });
      const access = route.access;
      let expected: string;
      if (access.kind === 'public') expected = 'allow';
      else if (access.kind === 'signed' || access.kind === 'wechat')
        expected = 'BAD_SIGNATURE'; // no session opens a cloud-function route or WeChat's push
      else if (!person.role) expected = 'UNAUTHENTICATED';
      else if (access.kind === 'session') expected = 'allow';
      else if (access.kind === 'member') {
        const { member, moderate, join } = person.groups;
        if (access.need === 'join') expected = join.includes(target!) ? 'allow' : 'GROUP_NOT_ELIGIBLE';
        else if (!member.includes(target!)) expected = 'NOT_A_GROUP_MEMBER';
        else if (access.need === 'moderate') expected = moderate.includes(target!) ? 'allow' : 'NOT_A_GROUP_MODERATOR';
        else expected = 'allow';
      } else if (!access.roles.includes(person.role)) expected = 'FORBIDDEN';
      else if (target === null)
        expected = 'allow'; // role-only route: the service scopes by owner
      else expected = person.places.some((p) => target.startsWith(p)) ? 'allow' : 'OUT_OF_JURISDICTION';

      const where = `${route.method} ${fillPath(route.path, params)} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`;
      expect(res.status < 500 ? 'ok' : where).toBe('ok');
      if (expected === 'allow') {
        expect(GUARD_CODES.includes(res.body?.error?.code) ? where : 'ok').toBe('ok');
      } else {
        const status = expected === 'UNAUTHENTICATED' || expected === 'BAD_SIGNATURE' ? 401 : 403;
        expect(`${res.status} ${res.body?.error?.code}`).toBe(`${status} ${expected}`);
      }
    }
  });

  it.each(machines.map((m) => [m.label, m] as const))('as %s', async (_label, machine) => {
    for (const target of targets) {
      const params: Record<string, string> = {};
      for (const name of paramNames(route.path))
        params[name] = name === scopeParam ? target! : (FILLERS[name] ?? TARGETS[name]![0]!);
      const res = await request(stack.baseUrl, route.method, fillPath(route.path, params), {
        token: machine.secret,
        body: route.method === 'get' ? undefined : {},
      });
      const access = route.access;
      let expected: string;
      if (access.kind === 'signed' || access.kind === 'wechat') expected = '401 BAD_SIGNATURE';
      else if (machine.revoked) expected = '401 MACHINE_CREDENTIAL_INVALID';
      else if (access.kind !== 'role' || !access.machine) expected = '403 MACHINE_ROUTE_FORBIDDEN';
      else expected = target!.startsWith(machine.place) ? 'allow' : '403 MACHINE_OUT_OF_SCOPE';

      const where = `${route.method} ${fillPath(route.path, params)} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`;
      expect(res.status < 500 ? 'ok' : where).toBe('ok');
      if (expected === 'allow') expect(GUARD_CODES.includes(res.body?.error?.code) ? where : 'ok').toBe('ok');
      else expect(`${res.status} ${res.body?.error?.code}`).toBe(expected);
    }
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
