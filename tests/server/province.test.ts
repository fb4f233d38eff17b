/**
 * Province-level oversight (GET /api/provinces/:provinceCode/compliance): an admin held at the
 * province sees the province's totals and one row per county; every county row equals the county
 * report for the same month; nobody else gets it.
 */
import mongoose from 'mongoose';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';
import { importPlaces } from '../../server/src/modules/places/importer';

dayjs.extend(utc);
dayjs.extend(timezone);
const bj = (text: string) => dayjs.tz(text, 'Asia/Shanghai');

let stack: Stack;
let call: ReturnType<typeof api>;
let admin21: string; // admin held at Liaoning (21)
let admin41: string; // admin held at Henan (41)
let countryAdmin: string; // admin held at '' (the whole country)
let countyStaff: string; // 赵振华, 210921
const FUMENG = '210921';
const OTHER_COUNTY = '210922'; // 彰武县, imported with no counsel and no entries
const TOWNSHIP = '210921001';
const V1 = '210921001001';
const V2 = '210921001002';
const V3 = '210921001003';

const now = bj(dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm'));
const lastMonth = now.subtract(1, 'month').format('YYYY-MM');
const at = (d: number, time: string) => bj(`${lastMonth}-${String(d).padStart(2, '0')} ${time}`).format();

/** An admin, created straight in the database as an operator would, logged in through the demo route. */
async function adminAt(placeCode: string, name: string): Promise<string> {
  const { insertedId } = await mongoose.connection.collection('users').insertOne({
    openid: `test:admin-${placeCode || 'country'}`,
    unionid: null,
    name,
    phone: null,
    avatarUrl: null,
    roles: [{ role: 'admin', placeCode }],
    villageCode: null,
    counselProfile: null,
    demo: true,
    demoOrder: 500,
    createdAt: new Date(),
  });
  const session = await call('demoLogin', { body: { userId: String(insertedId) } });
  expect(session.status).toBe(200);
  return session.body.token;
}

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  await importPlaces(OTHER_COUNTY);
  admin21 = await adminAt('21', '省管理员甲');
  admin41 = await adminAt('41', '省管理员乙');
  countryAdmin = await adminAt('', '全国管理员');
  countyStaff = (await demoLogin(stack.baseUrl, '赵振华')).token;

  // Approved service through the product: rollups are written by the review route.
  const counsel = (await demoLogin(stack.baseUrl, '王建国')).token;
  const township = (await demoLogin(stack.baseUrl, '王志强')).token;
  const bodies = [
    { villageCode: V1, kind: 'on_site_duty', startAt: at(10, '09:00'), endAt: at(10, '13:00') },
    { villageCode: V1, kind: 'lecture', startAt: at(12, '14:00'), endAt: at(12, '16:00'), attendees: 30 },
    { villageCode: V2, kind: 'on_site_duty', startAt: at(11, '09:00'), endAt: at(11, '11:30') },
    { villageCode: V2, kind: 'lecture', startAt: at(13, '09:00'), endAt: at(13, '10:00'), attendees: 12 },
    { villageCode: V3, kind: 'mediation', mode: 'remote', startAt: at(14, '15:00'), endAt: at(14, '16:00') },
  ];
  for (const [i, body] of bodies.entries()) {
    const submitted = await call('submitLedgerEntry', {
      token: counsel,
      body: { clientKey: `province-${i}`, summary: '驻村服务', ...body },
    });
    expect(submitted.status).toBe(201);
    const approved = await call('reviewLedgerEntry', {
      token: township,
      params: { townshipCode: TOWNSHIP, entryId: submitted.body.id },
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
  }
  // Fumeng asks for 3 on-site hours a month, so V2 (3.5 h and a lecture) is compliant there;
  // 彰武县 keeps the default 4.
  const policy = await call('updateCountyPolicy', {
    token: countyStaff,
    params: { countyCode: FUMENG },
    body: { minOnSiteHoursPerMonth: 3 },
  });
  expect(policy.status).toBe(200);
}, 180000);
afterAll(() => stack?.stop());

const province = (token: string | undefined, provinceCode = '21', month: string | undefined = lastMonth) =>
  call('provinceCompliance', { token, params: { provinceCode }, query: month ? { month } : {} });

describe('province compliance for an admin of the province', () => {
  it('lists every stored county of the province, each equal to the county report of the same month', async () => {
    const res = await province(admin21);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provinceCode: '21', name: '辽宁省', month: lastMonth, year: lastMonth.slice(0, 4) });
    expect(res.body.counties.map((c: { code: string }) => c.code)).toEqual([FUMENG, OTHER_COUNTY]);

    for (const row of res.body.counties) {
      const county = await call('countyCompliance', {
        token: admin21,
        params: { countyCode: row.code },
        query: { month: lastMonth },
      });
      expect(county.status).toBe(200);
      const { code, name, targets, ...summary } = row;
      expect(summary).toEqual(county.body.summary);
      expect(targets).toEqual(county.body.targets);
      expect(res.body.quarter).toBe(county.body.quarter);
      expect(name).toBeTruthy();
      expect(code).toBe(row.code);
    }
  });

  it('counts the approved service with each county judged by its own targets', async () => {
    const res = await province(admin21);
    const fumeng = res.body.counties.find((c: { code: string }) => c.code === FUMENG);
    const other = res.body.counties.find((c: { code: string }) => c.code === OTHER_COUNTY);
    expect(fumeng.targets.minOnSiteHoursPerMonth).toBe(3);
    expect(other.targets.minOnSiteHoursPerMonth).toBe(4);
    // V1: 4 h + a 2 h lecture; V2: 2.5 h + a 1 h lecture; V3: a remote mediation
    expect(fumeng).toMatchObject({ compliant: 2, onSiteHours: 9.5, lectures: 2, mediations: 1, entries: 5 });
    expect(fumeng.villages).toBeGreaterThan(300);
    expect(other).toMatchObject({ compliant: 0, onSiteHours: 0, lectures: 0, mediations: 0, entries: 0 });
    expect(other.villages).toBeGreaterThan(100);
  });

  it('adds the counties up into the province summary', async () => {
    const res = await province(admin21);
    const sum = (field: string) => res.body.counties.reduce((s: number, c: Record<string, number>) => s + c[field]!, 0);
    const { summary } = res.body;
    for (const field of ['villages', 'compliant', 'lectures', 'mediations', 'entries']) expect(summary[field]).toBe(sum(field));
    expect(summary.onSiteHours).toBe(9.5);
    expect(summary.rate).toBe(Math.round((summary.compliant / summary.villages) * 1000) / 10);
  });

  it('a month with no service shows nothing done, and a country-wide admin may read any stored province', async () => {
    const empty = await province(countryAdmin, '21', now.subtract(6, 'month').format('YYYY-MM'));
    expect(empty.status).toBe(200);
    expect(empty.body.summary).toMatchObject({ compliant: 0, entries: 0, onSiteHours: 0 });
    const missing = await province(countryAdmin, '41');
    expect(`${missing.status} ${missing.body.error.code}`).toBe('404 PLACE_NOT_FOUND');
  });
});

describe('refusals', () => {
  it('refuses an admin of another province, county staff and anonymous callers', async () => {
    const other = await province(admin41);
    expect(`${other.status} ${other.body.error.code}`).toBe('403 OUT_OF_JURISDICTION');
    const outside = await province(admin21, '41');
    expect(`${outside.status} ${outside.body.error.code}`).toBe('403 OUT_OF_JURISDICTION');
    const staff = await province(countyStaff);
    expect(`${staff.status} ${staff.body.error.code}`).toBe('403 FORBIDDEN');
    const anonymous = await province(undefined);
    expect(`${anonymous.status} ${anonymous.body.error.code}`).toBe('401 UNAUTHENTICATED');
  });

  it('refuses a malformed province code or month with a Chinese message', async () => {
    const code = await province(admin21, '210');
    expect(`${code.status} ${code.body.error.code}`).toBe('400 VALIDATION_FAILED');
    expect(code.body.error.message).toMatch(/省级区划代码/);
    const month = await province(admin21, '21', '2026-13');
    expect(`${month.status} ${month.body.error.code}`).toBe('400 VALIDATION_FAILED');
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
