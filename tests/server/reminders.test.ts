import mongoose from 'mongoose';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';
import { acceptEach } from '../support/notices';
import { signCloudRequest, SIGNATURE_HEADERS } from '../../types/src/cloud-signing';

dayjs.extend(utc);
dayjs.extend(timezone);

const SECRET = 'reminder-test-shared-secret-012345';
let stack: Stack;
let call: ReturnType<typeof api>;
const lastMonth = dayjs().tz('Asia/Shanghai').subtract(1, 'month').format('YYYY-MM');
const monthEnd = dayjs.tz(`${lastMonth}-01 00:00`, 'Asia/Shanghai').add(1, 'month');
const asOf = (daysBeforeEnd: number) => monthEnd.subtract(daysBeforeEnd, 'day').hour(9).format();
let nonce = 0;

/** no booking is agreed in this suite: the daily run reminds nobody of one */
const NO_BOOKINGS = { reminded: 0, sent: 0, failed: 0, skipped: 0, alreadyReminded: 0 };

function run(body: object) {
  const raw = JSON.stringify(body);
  const timestamp = String(Date.now());
  const n = `reminder-nonce-${Date.now()}-${nonce++}`;
  return call('runReminders', {
    raw,
    headers: {
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      [SIGNATURE_HEADERS.nonce]: n,
      [SIGNATURE_HEADERS.signature]: signCloudRequest(SECRET, timestamp, n, raw),
    },
  });
}

const openidOf = async (name: string) =>
  (await mongoose.connection.collection('users').findOne({ name, 'roles.role': 'counsel' }))!.openid as string;

beforeAll(async () => {
  stack = await startStack({ auditQueries: true, env: { CLOUD_SHARED_SECRET: SECRET, REMINDER_DAYS_BEFORE_END: '5' } });
  call = api(stack.baseUrl);
  // 王建国 completes his month in all three villages; every other counsel is behind.
  const counsel = (await demoLogin(stack.baseUrl, '王建国')).token;
  const township = (await demoLogin(stack.baseUrl, '王志强')).token;
  for (const [i, villageCode] of ['210921001001', '210921001002', '210921001003'].entries()) {
    const day = dayjs.tz(`${lastMonth}-0${i + 2} 09:00`, 'Asia/Shanghai');
    const entry = await call('submitLedgerEntry', {
      token: counsel,
      body: {
        clientKey: `remind-${i}-${Date.now()}`,
        villageCode,
        kind: 'on_site_duty',
        startAt: day.format(),
        endAt: day.add(4, 'hour').format(),
        summary: '驻村值班',
      },
    });
    await call('reviewLedgerEntry', {
      token: township,
      params: { townshipCode: '210921001', entryId: entry.body.id },
      body: { decision: 'approve' },
    });
  }
  // every counsel turned the month-end reminder on (开启月底提醒): one send each
  const everyCounsel = await mongoose.connection.collection('users').find({ 'roles.role': 'counsel' }).toArray();
  await acceptEach(
    stack,
    everyCounsel.map((person) => person.openid as string),
  );
  stack.wechat!.refusedSubscribers.add(await openidOf('李建国'));
}, 180_000);
afterAll(() => stack?.stop());

it('does nothing in the middle of a month', async () => {
  const res = await run({ asOf: asOf(15) });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    checked: 0,
    sent: 0,
    failed: 0,
    alreadyReminded: 0,
    skipped: 0,
    bookings: NO_BOOKINGS,
    lectures: NO_BOOKINGS,
  });
  expect(stack.wechat!.messages).toHaveLength(0);
});

it('reminds every counsel behind schedule once, near the end of the month, through WeChat subscribe messages', async () => {
  const res = await run({ asOf: asOf(3) });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    checked: 130,
    sent: 128,
    failed: 1,
    alreadyReminded: 0,
    skipped: 0,
    bookings: NO_BOOKINGS,
    lectures: NO_BOOKINGS,
  });
  const messages = stack.wechat!.messages;
  expect(messages).toHaveLength(128);
  const recipients = new Set(messages.map((m) => m.touser));
  expect(recipients.has(await openidOf('王建国'))).toBe(false);
  const zhang = await openidOf('张建国');
  const toZhang = messages.find((m) => m.touser === zhang)!;
  expect(toZhang).toBeDefined();
  expect(toZhang.page).toBe('ledger/progress/index');
  expect(toZhang.template_id).toBe('reminder-template-id');
  expect(toZhang.data.thing2!.value).toContain('驻点还差');
  expect(toZhang.data.time3!.value).toBe(monthEnd.subtract(1, 'day').format('YYYY-MM-DD'));
  expect(toZhang.data.thing1!.value.length).toBeLessThanOrEqual(20);

  const refused = await mongoose.connection.collection('ledger_reminders').findOne({ status: 'failed' });
  expect(refused?.errcode).toBe(43101);
});

it('never reminds twice for the same period', async () => {
  const again = await run({ asOf: asOf(1) });
  expect(again.body).toEqual({
    checked: 130,
    sent: 0,
    failed: 0,
    alreadyReminded: 129,
    skipped: 0,
    bookings: NO_BOOKINGS,
    lectures: NO_BOOKINGS,
  });
  expect(stack.wechat!.messages).toHaveLength(128);
  expect(await mongoose.connection.collection('ledger_reminders').countDocuments()).toBe(129);
});

it('refuses an unsigned call', async () => {
  const res = await call('runReminders', { body: {} });
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('BAD_SIGNATURE');
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
