/**
 * The back office's assessment figures over real HTTP (issue 16 item 7; R13): services made through
 * the API — consultations, legal aid, mediation, lectures in the ledger, ratings and call-backs —
 * counted exactly for a period, per township and per counsel, and the period's refusals.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { services } from '../support/services';

dayjs.extend(utc);
dayjs.extend(timezone);

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const TOWNSHIP = '210921001';
const OTHER_TOWNSHIP = '210921100';
const COUNTY = '210921';
const VILLAGE = '210921001001';
const bj = () => dayjs().tz('Asia/Shanghai');
const THIS_MONTH = bj().format('YYYY-MM');
const LAST_MONTH = bj().subtract(1, 'month').format('YYYY-MM');
const TWO_MONTHS_AGO = bj().subtract(2, 'month').format('YYYY-MM');
const at = (month: string, day: number, time: string) =>
  dayjs.tz(`${month}-${String(day).padStart(2, '0')} ${time}`, 'Asia/Shanghai').format();
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
let seq = 0;
const key = () => `assess-${Date.now().toString(36)}-${seq++}`;

const assess = (query: Record<string, string>, who = '赵振华', countyCode = COUNTY) =>
  call('assessment', { token: tokens[who], params: { countyCode }, query });

/** an entry of 王建国's ledger, approved by the township unless told not to */
async function ledger(kind: string, month: string, day: number, approve = true) {
  const submitted = await call('submitLedgerEntry', {
    token: tokens['王建国'],
    body: {
      clientKey: key(),
      villageCode: VILLAGE,
      kind,
      startAt: at(month, day, '09:00'),
      endAt: at(month, day, '11:00'),
      summary: kind === 'lecture' ? '在村委会宣讲民法典婚姻家庭编' : '在村委会值班，接待村民咨询',
      ...(kind === 'lecture' ? { attendees: 35 } : {}),
    },
  });
  expect(submitted.status).toBe(201);
  if (approve) {
    const reviewed = await call('reviewLedgerEntry', {
      token: tokens['王志强'],
      params: { townshipCode: TOWNSHIP, entryId: submitted.body.id },
      body: { decision: 'approve' },
    });
    expect(reviewed.status).toBe(200);
  }
}

const none = {
  consultations: { asked: 0, closed: 0 },
  legalAid: { received: 0, forwarded: 0, granted: 0 },
  mediation: { received: 0, settled: 0 },
  lectures: 0,
  bookingsKept: 0,
  ratings: { count: 0, satisfaction: null },
  callbacks: { called: 0, satisfied: 0 },
};

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '李建国', '王志强', '李志强', '赵振华']) {
    const login = await demoLogin(stack.baseUrl, name);
    tokens[name] = login.token;
    ids[name] = login.user.id;
  }
  const s = services(call, tokens);
  // consultations: two closed and rated (one satisfied), one still waiting
  await s.rateConsultation(await s.closedConsultation(), 5, 4, 5);
  await s.rateConsultation(await s.closedConsultation(), 2, 3, 3);
  await s.ask('还没有答复的问题');
  // legal aid: forwarded and granted, refused, withdrawn
  await s.grantedLegalAid();
  await s.refusedLegalAid();
  await s.cancelledLegalAid();
  // mediation: one agreement (rated), one without
  await s.rateCase(await s.mediation('agreement'), 5, 5, 5);
  await s.mediation('no_agreement');
  // the ledger: an approved lecture last month; one pending; other work; a lecture before the period
  await ledger('lecture', LAST_MONTH, 10);
  await ledger('lecture', LAST_MONTH, 12, false);
  await ledger('on_site_duty', LAST_MONTH, 14);
  await ledger('lecture', TWO_MONTHS_AGO, 10);
  // call-backs: two of 王建国's sampled services called, one satisfied, one not reached
  const sample = await call('townshipCallbacks', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
  const his = sample.body.items.filter((i: { handlerName: string }) => i.handlerName === '王建国');
  expect(his.length).toBeGreaterThanOrEqual(2);
  const record = (callbackId: string, body: object) =>
    call('recordCallback', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP, callbackId }, body });
  expect((await record(his[0].id, { reached: true, satisfied: true })).status).toBe(200);
  expect((await record(his[1].id, { reached: false, satisfied: null })).status).toBe(200);
});
afterAll(() => stack?.stop());

describe('the assessment of a period', () => {
  const township = {
    consultations: { asked: 3, closed: 2 },
    legalAid: { received: 3, forwarded: 1, granted: 1 },
    mediation: { received: 2, settled: 1 },
    lectures: 1,
    bookingsKept: 0,
    // 5/4/5 and 5/5/5 average ≥ 4, 2/3/3 does not
    ratings: { count: 3, satisfaction: 0.667 },
    callbacks: { called: 2, satisfied: 1 },
  };

  it('counts each township’s services, and the county’s total', async () => {
    const res = await assess({ from: LAST_MONTH, to: THIS_MONTH });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: LAST_MONTH, to: THIS_MONTH });
    expect(res.body.summary).toEqual(township);
    expect(res.body.byTownship.find((t: { code: string }) => t.code === TOWNSHIP)).toEqual({
      code: TOWNSHIP,
      name: '城区街道',
      ...township,
    });
    expect(res.body.byTownship.find((t: { code: string }) => t.code === OTHER_TOWNSHIP)).toEqual({
      code: OTHER_TOWNSHIP,
      name: expect.any(String),
      ...none,
    });
  });

  it('counts each counsel’s: what they handled, their lectures, their services’ ratings and call-backs', async () => {
    const res = await assess({ from: LAST_MONTH, to: THIS_MONTH });
    // 王建国 answered both closed consultations and mediated both disputes; legal aid is the township's
    expect(res.body.byCounsel.find((c: { name: string }) => c.name === '王建国')).toEqual({
      counselId: ids['王建国'],
      name: '王建国',
      ...township,
      consultations: { asked: 2, closed: 2 },
      legalAid: { received: 0, forwarded: 0, granted: 0 },
    });
    expect(res.body.byCounsel.find((c: { name: string }) => c.name === '李建国')).toEqual({
      counselId: ids['李建国'],
      name: '李建国',
      ...none,
    });
  });

  it('counts by when things happened: last month has only the lecture, this month all but it', async () => {
    const last = await assess({ from: LAST_MONTH, to: LAST_MONTH });
    expect(last.body.summary).toEqual({ ...none, lectures: 1 });
    const current = await assess({ from: THIS_MONTH, to: THIS_MONTH });
    expect(current.body.summary).toEqual({ ...township, lectures: 0 });
  });

  it('refuses a reversed or over-long period, and anyone but the county’s staff', async () => {
    expect(errorCode(await assess({ from: THIS_MONTH, to: LAST_MONTH }))).toBe('400 ASSESSMENT_PERIOD_INVALID');
    const yearAgo = bj().subtract(12, 'month').format('YYYY-MM');
    expect(errorCode(await assess({ from: yearAgo, to: THIS_MONTH }))).toBe('400 ASSESSMENT_PERIOD_INVALID');
    expect((await assess({ from: bj().subtract(11, 'month').format('YYYY-MM'), to: THIS_MONTH })).status).toBe(200);
    expect(errorCode(await assess({ from: THIS_MONTH }))).toBe('400 VALIDATION_FAILED');
    expect(errorCode(await assess({ from: '2026-1', to: THIS_MONTH }))).toBe('400 VALIDATION_FAILED');
    const period = { from: LAST_MONTH, to: THIS_MONTH };
    expect(errorCode(await assess(period, '王志强'))).toBe('403 FORBIDDEN');
    expect(errorCode(await assess(period, '王建国'))).toBe('403 FORBIDDEN');
    expect(errorCode(await assess(period, '林红霞'))).toBe('403 FORBIDDEN');
    expect(errorCode(await assess(period, '赵振华', '210922'))).toBe('403 OUT_OF_JURISDICTION');
  });
});
