/**
 * Bad input on every route of the contract table: malformed JSON, operators in bodies, wrong
 * types, oversized bodies, unknown query keys, malformed path ids. Each gets a 4xx with a stable
 * code and a Chinese message, never a 5xx, and nothing is written.
 */
import mongoose from 'mongoose';
import { ROUTES, type RouteContract } from '@vc/types';
import { startStack, type Stack } from '../support/stack';
import { demoLogin, request, type Reply } from '../support/http';
import { fillPath } from '../../types/src';

let stack: Stack;
let token: string;
let counselToken: string;
let villagerToken: string;
let townshipToken: string;
let legalLiterateToken: string;
/**
 * a caller the route admits: county staff, or a counsel (township staff, villager) for
 * counsel-only (township-staff-only, villager-only) routes
 */
const tokenFor = (route: RouteContract) =>
  route.access.kind === 'role' && !route.access.roles.includes('county_staff')
    ? route.access.roles.includes('counsel')
      ? counselToken
      : route.access.roles.includes('township_staff')
        ? townshipToken
        : route.access.roles.includes('villager')
          ? villagerToken
          : // routes of a legal-literate resident alone (sharing an article to the village group)
            legalLiterateToken
    : token;
// by id: nothing here depends on the order of the table
const routes = (Object.values(ROUTES) as RouteContract[]).sort((a, b) => a.id.localeCompare(b.id));

/** valid path parameters inside the county staff's jurisdiction */
const PARAMS: Record<string, string> = {
  provinceCode: '21',
  countyCode: '210921',
  villageCode: '210921001001',
  code: '210921',
  counselId: '0123456789abcdef01234567',
  assignmentId: '0123456789abcdef01234567',
  inviteCode: 'ABCDEF',
  townshipCode: '210921001',
  entryId: '0123456789abcdef01234567',
  month: '2026-10',
  // the county group, led by the county staff whose token most routes use
  groupCode: '210921',
  seq: '1',
  userId: '0123456789abcdef01234567',
  heldId: '0123456789abcdef01234567',
  consultationId: '0123456789abcdef01234567',
  caseId: '0123456789abcdef01234567',
  // call-backs (issue 16 item 5)
  callbackId: '0123456789abcdef01234567',
  photoId: '0123456789abcdef01234567',
  ticket: 'AbCdEfGhIjKlMnOpQrStUvWx',
  language: 'mn-Mong',
  // machine access (issue 12)
  credentialId: '0123456789abcdef01234567',
  // invitations (issue 12)
  invitationId: '0123456789abcdef01234567',
  invitationCode: 'ABCD2345',
  // content checks and reports (issue 13)
  reviewId: '0123456789abcdef01234567',
  reportId: '0123456789abcdef01234567',
  n: '2',
  key: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE',
  token: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE',
  // the monthly inspection of village groups (issue 16 item 6)
  inspectionId: '0123456789abcdef01234567',
  // lectures (issue 17 item 1)
  lectureId: '0123456789abcdef01234567',
  // the legal-education feed (issue 17 item 2)
  articleId: '0123456789abcdef01234567',
};
const pathOf = (route: RouteContract, overrides: Record<string, string> = {}) => {
  const params: Record<string, string> = {};
  for (const [, name] of route.path.matchAll(/:(\w+)/g)) params[name!] = overrides[name!] ?? PARAMS[name!]!;
  return fillPath(route.path, params);
};

async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const c of await mongoose.connection.db!.listCollections().toArray()) {
    counts[c.name] = await mongoose.connection.collection(c.name).countDocuments();
  }
  return counts;
}

function expectClearRefusal(res: Reply, where: string) {
  const summary = `${where} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
  expect(res.status >= 400 && res.status < 500 ? 'ok' : summary).toBe('ok');
  expect(res.body?.error?.code).toMatch(/^[A-Z_]+$/);
  expect(res.body?.error?.message).toMatch(/[\u4e00-\u9fff]/);
}

beforeAll(async () => {
  stack = await startStack();
  token = (await demoLogin(stack.baseUrl, '赵振华')).token;
  counselToken = (await demoLogin(stack.baseUrl, '王建国')).token;
  villagerToken = (await demoLogin(stack.baseUrl, '林红霞')).token;
  // the staff of PARAMS.townshipCode
  townshipToken = (await demoLogin(stack.baseUrl, '王志强')).token;
  legalLiterateToken = (await demoLogin(stack.baseUrl, '吴秀英')).token;
});
afterAll(() => stack?.stop());

const withBody = routes.filter((r) => r.body);
const huge = 'x'.repeat(100 * 1024);

describe.each(withBody.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_, route) => {
  const cases: [string, { raw?: string; body?: unknown }, string[]][] = [
    ['malformed JSON', { raw: '{"code": ' }, ['INVALID_JSON']],
    ['a top-level operator', { body: { $gt: '' } }, ['FORBIDDEN_KEY']],
    [
      'a nested operator',
      { body: { villageCode: { $ne: null }, counselId: { $gt: '' }, code: { $regex: '.*' } } },
      ['FORBIDDEN_KEY'],
    ],
    ['a dotted key', { body: { 'roles.role': 'admin' } }, ['FORBIDDEN_KEY']],
    [
      'wrong types',
      { body: { code: 12, villageCode: true, counselId: [1], reason: {}, maxVillagesPerCounsel: '5', userId: null, openid: 1 } },
      ['VALIDATION_FAILED'],
    ],
    ['a JSON array', { raw: '[1,2,3]' }, ['VALIDATION_FAILED']],
    ['a JSON string', { raw: '"hello"' }, ['INVALID_JSON', 'VALIDATION_FAILED']],
    ['an oversized body', { body: { reason: huge, code: huge } }, ['BODY_TOO_LARGE']],
    ['deep nesting', { raw: `${'{"a":'.repeat(200)}1${'}'.repeat(200)}` }, ['VALIDATION_FAILED']],
  ];
  it.each(cases)('refuses %s and writes nothing', async (label, input, codes) => {
    const before = await snapshot();
    const res = await request(stack.baseUrl, route.method, pathOf(route), { token: tokenFor(route), ...input });
    expectClearRefusal(res, `${route.method} ${route.path} with ${label}`);
    // signed routes refuse an unsigned request before validating its body (JSON itself is parsed first)
    if (route.access.kind === 'signed' || route.access.kind === 'wechat') {
      expect([...codes, 'BAD_SIGNATURE']).toContain(res.body.error.code);
      expect(await snapshot()).toEqual(before);
      return;
    }
    expect(codes).toContain(res.body.error.code);
    expect(await snapshot()).toEqual(before);
  });
});

describe('queries and path parameters', () => {
  const withQuery = routes.filter((r) => r.query);
  it.each(withQuery.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s refuses unknown and repeated query keys',
    async (_, route) => {
      const unknown = await request(stack.baseUrl, route.method, `${pathOf(route)}?q=a&$where=1`, { token: tokenFor(route) });
      expectClearRefusal(unknown, `${route.path}?$where`);
      const repeated = await request(
        stack.baseUrl,
        route.method,
        `${pathOf(route)}?q=a&q=b&countyCode=210921&countyCode=210922`,
        { token: tokenFor(route) },
      );
      expectClearRefusal(repeated, `${route.path} repeated`);
    },
  );

  const withParams = routes.filter((r) => r.path.includes(':'));
  it.each(withParams.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s refuses malformed path parameters',
    async (_, route) => {
      const before = await snapshot();
      const bad = {
        provinceCode: '2x',
        countyCode: '21092x',
        villageCode: '12',
        code: 'abc',
        counselId: 'not-an-id',
        assignmentId: '{"$gt":""}',
        inviteCode: 'lower!',
        townshipCode: '2109',
        entryId: 'x',
        month: '2026-13',
        groupCode: '1234567',
        seq: 'first',
        userId: 'x',
        heldId: '{"$gt":""}',
        consultationId: 'zz',
        caseId: '{"$gt":""}',
        callbackId: '{"$ne":null}',
        photoId: '../etc',
        ticket: 'short!',
        credentialId: '{"$ne":null}',
        invitationId: '{"$gt":""}',
        invitationCode: 'O0IL1',
        reviewId: '{"$gt":""}',
        reportId: 'x',
        n: 'second',
        key: '../etc',
        token: 'short',
        inspectionId: '{"$gt":""}',
        lectureId: '{"$ne":null}',
        articleId: '{"$ne":null}',
        language: 'mn',
      };
      const res = await request(stack.baseUrl, route.method, pathOf(route, bad), {
        token: tokenFor(route),
        body: route.method === 'get' ? undefined : {},
      });
      expectClearRefusal(res, `${route.path} malformed`);
      expect(['VALIDATION_FAILED', 'ROUTE_NOT_FOUND']).toContain(res.body.error.code);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('answers an unknown route and a wrong method with JSON errors', async () => {
    const unknown = await request(stack.baseUrl, 'get', '/api/no-such-thing', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ROUTE_NOT_FOUND');
    const wrongMethod = await request(stack.baseUrl, 'delete', '/api/me', { token });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('stores text exactly and returns it byte-identical (Mongolian, Tibetan, emoji)', async () => {
    const name = 'ᠮᠣᠩᠭᠣᠯ བོད་ 😀阿';
    const res = await request(stack.baseUrl, 'put', '/api/me', { token, body: { name: name.slice(0, 20) } });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(name.slice(0, 20));
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});
