/**
 * Read access for provincial and 12348 systems by machine credentials (issue 12, item 6), over real
 * HTTP on the embedded database: county staff and admins issue and revoke them per place; a
 * credential reads the reports, statistics and ledger export of its place (the same replies county
 * staff get) and nothing else; it is rate limited per credential; every call is stored and listed,
 * and named in the request log; OpenAPI declares the scheme.
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import ExcelJS from 'exceljs';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, request, type Reply } from '../support/http';
import { importPlaces } from '../../server/src/modules/places/importer';

dayjs.extend(utc);
dayjs.extend(timezone);

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
let admin21: string; // admin held at Liaoning (21)

const FUMENG = '210921';
const ZHANGWU = '210922'; // imported below: another county of the province
const TOWNSHIP = '210921001';
const V1 = '210921001001';
const RATE = 10; // calls per minute per credential in this stack
const bj = (text: string) => dayjs.tz(text, 'Asia/Shanghai');
const lastMonth = dayjs().tz('Asia/Shanghai').subtract(1, 'month').format('YYYY-MM');
const today = dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD');

const credentials = () => mongoose.connection.collection('machine_credentials');
const machineCalls = () => mongoose.connection.collection('machine_calls');
const outcome = (res: Reply) => `${res.status} ${res.body?.error?.code ?? ''}`.trim();

/** issues a credential through the product, as the given person */
const issue = (token: string, code: string, name = '辽宁省12348平台') =>
  call('issueMachineCredential', { token, params: { code }, body: { name } });
async function issued(code = FUMENG, token = tokens['赵振华']!): Promise<{ id: string; secret: string }> {
  const res = await issue(token, code);
  expect(res.status).toBe(201);
  return { id: res.body.credential.id, secret: res.body.secret };
}
const callsOf = (id: string, token = tokens['赵振华']!, code = FUMENG, query: Record<string, string | number> = {}) =>
  call('machineCredentialCalls', { token, params: { code, credentialId: id }, query });

/** An admin, created straight in the database as an operator would, logged in through the demo route. */
async function adminAt(placeCode: string, name: string): Promise<string> {
  const { insertedId } = await mongoose.connection.collection('users').insertOne({
    openid: `test:machine-admin-${placeCode || 'country'}`,
    unionid: null,
    name,
    phone: null,
    avatarUrl: null,
    roles: [{ role: 'admin', placeCode }],
    villageCode: null,
    counselProfile: null,
    demo: true,
    demoOrder: 600,
    createdAt: new Date(),
  });
  const session = await call('demoLogin', { body: { userId: String(insertedId) } });
  expect(session.status).toBe(200);
  return session.body.token;
}

/** the report reads a machine may make, with what county staff get for the same request */
const reads = [
  { id: 'countyCompliance', params: { countyCode: FUMENG }, query: { month: lastMonth } },
  { id: 'townshipCompliance', params: { townshipCode: TOWNSHIP }, query: { month: lastMonth } },
  { id: 'consultationStats', params: { countyCode: FUMENG }, query: { month: lastMonth } },
] as const;

async function sheets(body: unknown): Promise<unknown[][][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(body as ArrayBuffer) as never);
  // the export time in the title rows is the one text that differs between two exports
  const withoutExportTime = (cell: unknown) =>
    typeof cell === 'string' ? cell.replace(/导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, '导出时间：') : cell;
  return book.worksheets.map((sheet) =>
    sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.map(withoutExportTime) : [])),
  );
}

beforeAll(async () => {
  stack = await startStack({
    auditQueries: true,
    captureLogs: true,
    env: { RATE_LIMIT_MACHINE_PER_CREDENTIAL: String(RATE) },
  });
  call = api(stack.baseUrl);
  await importPlaces(ZHANGWU);
  for (const name of ['赵振华', '王志强', '王建国', '孙雅琴']) tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
  admin21 = await adminAt('21', '省管理员');
  // one approved entry, so the reports have something in them
  const submitted = await call('submitLedgerEntry', {
    token: tokens['王建国'],
    body: {
      clientKey: 'machine-access-1',
      villageCode: V1,
      kind: 'on_site_duty',
      startAt: bj(`${lastMonth}-10 09:00`).format(),
      endAt: bj(`${lastMonth}-10 13:00`).format(),
      summary: '在村委会值班，接待村民咨询 6 人次',
    },
  });
  expect(submitted.status).toBe(201);
  const approved = await call('reviewLedgerEntry', {
    token: tokens['王志强'],
    params: { townshipCode: TOWNSHIP, entryId: submitted.body.id },
    body: { decision: 'approve' },
  });
  expect(approved.status).toBe(200);
}, 180000);
afterAll(() => stack?.stop());

describe('issuing', () => {
  it('county staff issue a credential for their county: the secret is shown once and stored only hashed', async () => {
    const res = await issue(tokens['赵振华']!, FUMENG);
    expect(res.status).toBe(201);
    const { credential, secret } = res.body;
    expect(secret).toMatch(/^vcm_[A-Za-z0-9_-]{43}$/);
    expect(credential).toMatchObject({
      name: '辽宁省12348平台',
      placeCode: FUMENG,
      placeName: '阜新蒙古族自治县',
      secretHint: `vcm_…${secret.slice(-4)}`,
      createdBy: { name: '赵振华' },
      revokedAt: null,
      revokedBy: null,
      lastUsedAt: null,
    });
    const stored = await credentials().findOne({ _id: new mongoose.Types.ObjectId(credential.id) });
    expect(stored!.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4));

    const list = await call('listMachineCredentials', { token: tokens['赵振华'], params: { code: FUMENG } });
    expect(list.status).toBe(200);
    const listed = list.body.items.find((c: { id: string }) => c.id === credential.id);
    expect(listed).toEqual(credential);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(4));
  });

  it('refuses township staff, county experts, another county, the province, a township, and a bad name', async () => {
    const before = await credentials().countDocuments();
    expect(outcome(await issue(tokens['王志强']!, FUMENG))).toBe('403 FORBIDDEN');
    expect(outcome(await issue(tokens['王志强']!, TOWNSHIP))).toBe('403 FORBIDDEN');
    expect(outcome(await issue(tokens['孙雅琴']!, FUMENG))).toBe('403 FORBIDDEN');
    expect(outcome(await issue(tokens['赵振华']!, ZHANGWU))).toBe('403 OUT_OF_JURISDICTION');
    expect(outcome(await issue(tokens['赵振华']!, '21'))).toBe('403 OUT_OF_JURISDICTION');
    const township = await issue(tokens['赵振华']!, TOWNSHIP);
    expect(outcome(township)).toBe('400 MACHINE_CREDENTIAL_PLACE_LEVEL');
    expect(township.body.error.message).toMatch(/省或县/);
    const badName = await issue(tokens['赵振华']!, FUMENG, ' ');
    expect(outcome(badName)).toBe('400 VALIDATION_FAILED');
    expect(badName.body.error.message).toMatch(/系统名称/);
    expect(outcome(await call('issueMachineCredential', { params: { code: FUMENG }, body: { name: '某平台' } }))).toBe(
      '401 UNAUTHENTICATED',
    );
    expect(await credentials().countDocuments()).toBe(before);
  });
});

describe('what a credential may read', () => {
  it('reads its county’s reports, statistics and ledger export: the same replies county staff get', async () => {
    const { secret } = await issued();
    for (const read of reads) {
      const asStaff = await call(read.id, { token: tokens['赵振华'], params: read.params, query: read.query });
      const asMachine = await call(read.id, { token: secret, params: read.params, query: read.query });
      expect(`${read.id} ${asMachine.status}`).toBe(`${read.id} 200`);
      expect(asStaff.status).toBe(200);
      expect(asMachine.body).toEqual(asStaff.body);
    }
    const county = await call('countyCompliance', { token: secret, params: { countyCode: FUMENG }, query: { month: lastMonth } });
    expect(county.body.summary.entries).toBeGreaterThanOrEqual(1);

    const exportFor = async (token: string) => {
      const url = new URL(`/api/counties/${FUMENG}/ledger-export?month=${lastMonth}&villageCode=${V1}`, stack.baseUrl);
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      return sheets(await res.arrayBuffer());
    };
    const byMachine = await exportFor(secret);
    expect(byMachine.length).toBeGreaterThan(1);
    expect(JSON.stringify(byMachine)).toContain('在村委会值班');
    expect(byMachine).toEqual(await exportFor(tokens['赵振华']!));
  });

  it('is refused outside its place, on routes not open to machines and on every write, with nothing written', async () => {
    const { secret } = await issued();
    const refusals: [string, Promise<Reply>, string][] = [
      [
        'another county',
        call('countyCompliance', { token: secret, params: { countyCode: ZHANGWU }, query: { month: lastMonth } }),
        '403 MACHINE_OUT_OF_SCOPE',
      ],
      [
        'the province',
        call('provinceCompliance', { token: secret, params: { provinceCode: '21' }, query: { month: lastMonth } }),
        '403 MACHINE_OUT_OF_SCOPE',
      ],
      [
        'a read not open to machines',
        call('countyCounsel', { token: secret, params: { countyCode: FUMENG } }),
        '403 MACHINE_ROUTE_FORBIDDEN',
      ],
      ['a session route', call('me', { token: secret }), '403 MACHINE_ROUTE_FORBIDDEN'],
      ['a public route', call('demoIdentities', { token: secret }), '403 MACHINE_ROUTE_FORBIDDEN'],
      [
        'the township’s entries',
        call('townshipLedgerEntries', { token: secret, params: { townshipCode: TOWNSHIP } }),
        '403 MACHINE_ROUTE_FORBIDDEN',
      ],
      [
        'a policy change',
        call('updateCountyPolicy', { token: secret, params: { countyCode: FUMENG }, body: { minOnSiteHoursPerMonth: 1 } }),
        '403 MACHINE_ROUTE_FORBIDDEN',
      ],
      [
        'issuing itself another credential',
        call('issueMachineCredential', { token: secret, params: { code: FUMENG }, body: { name: '自我签发' } }),
        '403 MACHINE_ROUTE_FORBIDDEN',
      ],
      [
        'a month lock',
        call('lockLedgerMonth', { token: secret, params: { townshipCode: TOWNSHIP, month: lastMonth } }),
        '403 MACHINE_ROUTE_FORBIDDEN',
      ],
    ];
    const locks = () => mongoose.connection.collection('ledger_locks').countDocuments();
    const before = { credentials: await credentials().countDocuments(), locks: await locks() };
    for (const [label, pending, expected] of refusals) {
      const res = await pending;
      expect(`${label}: ${outcome(res)}`).toBe(`${label}: ${expected}`);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await credentials().countDocuments()).toBe(before.credentials);
    expect(await locks()).toBe(before.locks);
    const policy = await call('countyPolicy', { token: tokens['赵振华'], params: { countyCode: FUMENG } });
    expect(policy.body.minOnSiteHoursPerMonth).not.toBe(1);
  });

  it('an unknown or malformed credential is 401 MACHINE_CREDENTIAL_INVALID', async () => {
    const unknown = await call('countyCompliance', {
      token: `vcm_${'A'.repeat(43)}`,
      params: { countyCode: FUMENG },
      query: { month: lastMonth },
    });
    expect(outcome(unknown)).toBe('401 MACHINE_CREDENTIAL_INVALID');
    expect(unknown.body.error.message).toMatch(/机器凭证/);
    expect(outcome(await call('countyCompliance', { token: 'vcm_short', params: { countyCode: FUMENG } }))).toBe(
      '401 MACHINE_CREDENTIAL_INVALID',
    );
  });
});

describe('revoking', () => {
  it('county staff revoke with a reason; the credential stops working at once; a second revocation is refused', async () => {
    const { id, secret } = await issued();
    const read = () => call('countyCompliance', { token: secret, params: { countyCode: FUMENG }, query: { month: lastMonth } });
    expect((await read()).status).toBe(200);
    const revoke = (token: string | undefined, body: object, code = FUMENG) =>
      call('revokeMachineCredential', { token, params: { code, credentialId: id }, body });

    expect(outcome(await revoke(tokens['王志强'], { reason: '平台停用' }))).toBe('403 FORBIDDEN');
    expect(outcome(await revoke(tokens['赵振华'], {}))).toBe('400 VALIDATION_FAILED');
    expect(outcome(await revoke(secret, { reason: '自我吊销' }))).toBe('403 MACHINE_ROUTE_FORBIDDEN');
    expect((await read()).status).toBe(200);

    const res = await revoke(tokens['赵振华'], { reason: '平台停用' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, revokedBy: { name: '赵振华' }, revokeReason: '平台停用' });
    expect(Date.parse(res.body.revokedAt)).not.toBeNaN();

    const after = await read();
    expect(outcome(after)).toBe('401 MACHINE_CREDENTIAL_INVALID');
    const again = await revoke(tokens['赵振华'], { reason: '重复吊销' });
    expect(outcome(again)).toBe('409 MACHINE_CREDENTIAL_REVOKED');
    // who revoked it and why stays as first recorded
    const list = await call('listMachineCredentials', { token: tokens['赵振华'], params: { code: FUMENG } });
    expect(list.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({
      revokeReason: '平台停用',
      revokedBy: { name: '赵振华' },
    });
    // the refused call of the revoked credential is in its log too
    const calls = await callsOf(id);
    expect(calls.body.items[0]).toMatchObject({ routeId: 'countyCompliance', status: 401, placeCode: FUMENG });
    expect(calls.body.items[0].requestId).toBe(after.headers.get('x-request-id'));
  });

  it('a credential of another place is not found under this one', async () => {
    const { id } = await issued();
    const res = await call('revokeMachineCredential', {
      token: admin21,
      params: { code: ZHANGWU, credentialId: id },
      body: { reason: '不属于本县' },
    });
    expect(outcome(res)).toBe('404 MACHINE_CREDENTIAL_NOT_FOUND');
  });
});

describe('a province admin', () => {
  it('issues for the province and its counties, lists them all, and revokes a county’s', async () => {
    const province = await issued('21', admin21);
    const zhangwu = await issued(ZHANGWU, admin21);
    const fumeng = await issued(FUMENG, admin21);

    // a province credential reads the province report and every county of it, nothing outside
    const provinceReport = await call('provinceCompliance', {
      token: province.secret,
      params: { provinceCode: '21' },
      query: { month: lastMonth },
    });
    expect(provinceReport.status).toBe(200);
    const asAdmin = await call('provinceCompliance', {
      token: admin21,
      params: { provinceCode: '21' },
      query: { month: lastMonth },
    });
    expect(provinceReport.body).toEqual(asAdmin.body);
    for (const countyCode of [FUMENG, ZHANGWU]) {
      const res = await call('countyCompliance', { token: province.secret, params: { countyCode }, query: { month: lastMonth } });
      expect(res.status).toBe(200);
    }
    expect(
      outcome(
        await call('provinceCompliance', { token: province.secret, params: { provinceCode: '41' }, query: { month: lastMonth } }),
      ),
    ).toBe('403 MACHINE_OUT_OF_SCOPE');
    // a county credential of 彰武县 does not read 阜蒙县
    expect(
      outcome(
        await call('countyCompliance', { token: zhangwu.secret, params: { countyCode: FUMENG }, query: { month: lastMonth } }),
      ),
    ).toBe('403 MACHINE_OUT_OF_SCOPE');

    const all = await call('listMachineCredentials', { token: admin21, params: { code: '21' } });
    const ids = all.body.items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([province.id, zhangwu.id, fumeng.id]));
    expect(all.body.items.map((c: { placeCode: string }) => c.placeCode)).toEqual(
      expect.arrayContaining(['21', FUMENG, ZHANGWU]),
    );
    // the county's staff see their county's, not the province's or another county's
    const county = await call('listMachineCredentials', { token: tokens['赵振华'], params: { code: FUMENG } });
    const countyIds = county.body.items.map((c: { id: string }) => c.id);
    expect(countyIds).toContain(fumeng.id);
    expect(countyIds).not.toContain(province.id);
    expect(countyIds).not.toContain(zhangwu.id);
    expect(
      outcome(
        await call('revokeMachineCredential', {
          token: tokens['赵振华'],
          params: { code: FUMENG, credentialId: province.id },
          body: { reason: '越权吊销' },
        }),
      ),
    ).toBe('404 MACHINE_CREDENTIAL_NOT_FOUND');

    // the admin revokes a county's credential from the province
    const revoked = await call('revokeMachineCredential', {
      token: admin21,
      params: { code: '21', credentialId: zhangwu.id },
      body: { reason: '彰武县平台改造' },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedBy.name).toBe('省管理员');
    expect(
      outcome(
        await call('countyCompliance', { token: zhangwu.secret, params: { countyCode: ZHANGWU }, query: { month: lastMonth } }),
      ),
    ).toBe('401 MACHINE_CREDENTIAL_INVALID');
  });
});

describe('every call is logged', () => {
  it('lists a credential’s calls of the day, newest first, with route, place, status and request id', async () => {
    const { id, secret } = await issued();
    const made: Reply[] = [];
    made.push(await call('countyCompliance', { token: secret, params: { countyCode: FUMENG }, query: { month: lastMonth } }));
    made.push(await call('consultationStats', { token: secret, params: { countyCode: FUMENG } }));
    made.push(await call('countyCompliance', { token: secret, params: { countyCode: ZHANGWU }, query: { month: lastMonth } }));
    made.push(await call('me', { token: secret }));
    expect(made.map((r) => r.status)).toEqual([200, 200, 403, 403]);

    const res = await callsOf(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: today, truncated: false });
    expect(
      res.body.items.map((c: { routeId: string; placeCode: string | null; status: number }) => [
        c.routeId,
        c.placeCode,
        c.status,
      ]),
    ).toEqual([
      ['me', null, 403],
      ['countyCompliance', ZHANGWU, 403],
      ['consultationStats', FUMENG, 200],
      ['countyCompliance', FUMENG, 200],
    ]);
    expect(res.body.items.map((c: { requestId: string }) => c.requestId)).toEqual(
      made.map((r) => r.headers.get('x-request-id')).reverse(),
    );
    expect(res.body.items[3].routeSummary).toMatch(/县级达标情况/);
    expect(await machineCalls().countDocuments({ credentialId: new mongoose.Types.ObjectId(id) })).toBe(4);

    // the last use shows in the list
    const list = await call('listMachineCredentials', { token: tokens['赵振华'], params: { code: FUMENG } });
    const listed = list.body.items.find((c: { id: string }) => c.id === id);
    expect(Date.now() - Date.parse(listed.lastUsedAt)).toBeLessThan(60_000);

    const limited = await callsOf(id, tokens['赵振华'], FUMENG, { limit: 1 });
    expect(limited.body.items).toHaveLength(1);
    expect(limited.body.truncated).toBe(true);
    expect(limited.body.items[0].routeId).toBe('me');
    const otherDay = await callsOf(id, tokens['赵振华'], FUMENG, { date: '2020-01-01' });
    expect(otherDay.body).toEqual({ date: '2020-01-01', items: [], truncated: false });
    // readable by whoever may manage the credential, nobody else
    expect((await callsOf(id, admin21, '21')).body.items).toHaveLength(4);
    expect(outcome(await callsOf(id, tokens['王志强']))).toBe('403 FORBIDDEN');
    expect(outcome(await callsOf(id, secret))).toBe('403 MACHINE_ROUTE_FORBIDDEN');
    expect(outcome(await callsOf(id, tokens['赵振华'], FUMENG, { date: '2026-02-30x' }))).toBe('400 VALIDATION_FAILED');
  });

  it('names the credential, never a person or the secret, in the request log line', async () => {
    const { id, secret } = await issued();
    const res = await call('countyCompliance', { token: secret, params: { countyCode: FUMENG }, query: { month: lastMonth } });
    const requestId = res.headers.get('x-request-id');
    const lines = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ route: 'countyCompliance', credentialId: id, status: 200 });
    expect(lines[0]!.userId).toBeUndefined();
    expect(stack.logs.join('\n')).not.toContain(secret.slice(4));
  });

  it('people’s calls are not machine calls', async () => {
    const before = await machineCalls().countDocuments();
    expect((await call('countyCompliance', { token: tokens['赵振华'], params: { countyCode: FUMENG } })).status).toBe(200);
    expect(await machineCalls().countDocuments()).toBe(before);
  });
});

describe('rate limit', () => {
  it(`allows ${RATE} calls a minute per credential, then 429 RATE_LIMITED (logged too); other credentials go on`, async () => {
    // the limit counts per wall-clock minute: start well inside one
    const secondsLeft = 60 - new Date().getSeconds();
    if (secondsLeft < 15) await new Promise((r) => setTimeout(r, secondsLeft * 1000 + 500));
    const { id, secret } = await issued();
    const other = await issued();
    const read = (token: string) =>
      call('countyCompliance', { token, params: { countyCode: FUMENG }, query: { month: lastMonth } });
    const statuses = [];
    for (let i = 0; i < RATE; i++) statuses.push((await read(secret)).status);
    expect(statuses).toEqual(Array(RATE).fill(200));
    const limited = await read(secret);
    expect(outcome(limited)).toBe('429 RATE_LIMITED');
    expect(limited.body.error.message).toMatch(/操作过于频繁/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await read(other.secret)).status).toBe(200);
    const calls = await callsOf(id);
    expect(calls.body.items[0]).toMatchObject({ status: 429, routeId: 'countyCompliance' });
    expect(calls.body.items).toHaveLength(RATE + 1);
  });
});

describe('OpenAPI', () => {
  it('declares the machine credential scheme and marks the routes open to machines', async () => {
    const res = await request(stack.baseUrl, 'get', '/api/openapi.json');
    expect(res.status).toBe(200);
    const scheme = res.body.components.securitySchemes.machineCredential;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(scheme.description).toMatch(/机器凭证/);
    const security = (path: string, method = 'get') => res.body.paths[path][method].security;
    const both = [{ session: [] }, { machineCredential: [] }];
    expect(security('/api/counties/{countyCode}/compliance')).toEqual(both);
    expect(security('/api/townships/{townshipCode}/compliance')).toEqual(both);
    expect(security('/api/provinces/{provinceCode}/compliance')).toEqual(both);
    expect(security('/api/counties/{countyCode}/ledger-export')).toEqual(both);
    expect(security('/api/counties/{countyCode}/consultation-stats')).toEqual(both);
    expect(security('/api/counties/{countyCode}/counsel')).toEqual([{ session: [] }]);
    expect(security('/api/places/{code}/machine-credentials', 'post')).toEqual([{ session: [] }]);
  });
});

describe('the database work behind these requests', () => {
  it('lists credentials and calls with as many commands for a long list as for a short one (rule 2)', async () => {
    const code = ZHANGWU;
    const first = await issued(code, admin21);
    const measure = async (send: () => Promise<Reply>) => {
      let reply: Reply | undefined;
      const commands = await stack.commandsDuring(async () => {
        reply = await send();
      });
      expect(reply!.status).toBe(200);
      return { commands, reply: reply! };
    };
    const list = () => call('listMachineCredentials', { token: admin21, params: { code } });
    const calls = () => callsOf(first.id, admin21, code);
    const read = () =>
      call('countyCompliance', { token: first.secret, params: { countyCode: code }, query: { month: lastMonth } });
    await read();
    const [shortList, shortCalls] = [await measure(list), await measure(calls)];
    for (let i = 0; i < 4; i++) await issued(code, admin21);
    for (let i = 0; i < 4; i++) expect((await read()).status).toBe(200);
    const [longList, longCalls] = [await measure(list), await measure(calls)];
    expect(longList.reply.body.items.length).toBe(shortList.reply.body.items.length + 4);
    expect(longCalls.reply.body.items.length).toBe(shortCalls.reply.body.items.length + 4);
    expect(longList.commands).toEqual(shortList.commands);
    expect(longCalls.commands).toEqual(shortCalls.commands);
  });

  it('serves every query the server issued from an index (rule 1)', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});
