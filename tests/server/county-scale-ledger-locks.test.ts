/**
 * Screens that work at county scale (issue 14 item 5): the months a township has locked, with who
 * locked each and when, for the township's staff and the county staff over it.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

dayjs.extend(utc);
dayjs.extend(timezone);

const TOWNSHIP = '210921001';
const now = dayjs().tz('Asia/Shanghai');
const lastMonth = now.subtract(1, 'month').format('YYYY-MM');
const threeAgo = now.subtract(3, 'month').format('YYYY-MM');

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let otherTownship = '';

beforeAll(async () => {
  stack = await startStack({ seedDemo: true });
  call = api(stack.baseUrl);
  for (const name of ['王志强', '赵振华', '王建国']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    ids[name] = session.user.id;
  }
  // another township's staff: one per township in the demo county
  const identities = await call('demoIdentities');
  const other = identities.body.items.find(
    (i: { role: string; name: string }) => i.role === 'township_staff' && i.name !== '王志强',
  );
  const session = await demoLogin(stack.baseUrl, other.name);
  tokens.other = session.token;
  otherTownship = session.user.roles.find((r: { role: string }) => r.role === 'township_staff').placeCode;
});
afterAll(() => stack?.stop());

const errorOf = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const locks = (who: string, townshipCode = TOWNSHIP, query: Record<string, string | number> = {}) =>
  call('townshipLedgerLocks', { token: tokens[who], params: { townshipCode }, query });

it('lists nothing before any lock', async () => {
  const res = await locks('王志强');
  expect(res.status).toBe(200);
  expect(res.body.townshipCode).toBe(TOWNSHIP);
  expect(res.body.townshipName).toMatch(/[\u4e00-\u9fa5]/);
  expect(res.body.items).toEqual([]);
});

it('lists the locked months newest first, with who locked them and when', async () => {
  const first = await call('lockLedgerMonth', { token: tokens['赵振华'], params: { townshipCode: TOWNSHIP, month: threeAgo } });
  expect(first.status).toBe(201);
  const second = await call('lockLedgerMonth', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP, month: lastMonth } });
  expect(second.status).toBe(201);

  for (const who of ['王志强', '赵振华']) {
    const res = await locks(who);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        townshipCode: TOWNSHIP,
        month: lastMonth,
        lockedAt: second.body.lockedAt,
        lockedBy: ids['王志强'],
        lockedByName: '王志强',
      },
      { townshipCode: TOWNSHIP, month: threeAgo, lockedAt: first.body.lockedAt, lockedBy: ids['赵振华'], lockedByName: '赵振华' },
    ]);
  }
  const year = Number(threeAgo.slice(0, 4));
  const ofYear = await locks('赵振华', TOWNSHIP, { year });
  expect(ofYear.body.items.map((l: { month: string }) => l.month)).toEqual(
    [lastMonth, threeAgo].filter((m) => m.startsWith(`${year}-`)),
  );
  const none = await locks('赵振华', TOWNSHIP, { year: 2001 });
  expect(none.body.items).toEqual([]);
});

it('keeps each township to its own locks and staff', async () => {
  expect(otherTownship).toMatch(/^210921\d{3}$/);
  expect(otherTownship).not.toBe(TOWNSHIP);
  const own = await locks('other', otherTownship);
  expect(own.status).toBe(200);
  expect(own.body.items).toEqual([]);
  expect(errorOf(await locks('other', TOWNSHIP))).toBe('403 OUT_OF_JURISDICTION');
  const counsel = await locks('王建国');
  expect(counsel.status).toBe(403);
  expect(counsel.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect((await call('townshipLedgerLocks', { params: { townshipCode: TOWNSHIP } })).status).toBe(401);
});

it('refuses bad input with a stable code and a Chinese message', async () => {
  for (const [townshipCode, query, expected] of [
    ['21092100', {}, '400 VALIDATION_FAILED'],
    [TOWNSHIP, { year: 'abc' }, '400 VALIDATION_FAILED'],
    [TOWNSHIP, { month: lastMonth }, '400 VALIDATION_FAILED'],
    ['210921999', {}, '404 PLACE_NOT_FOUND'],
  ] as const) {
    const res = await locks('赵振华', townshipCode, query);
    expect(errorOf(res)).toBe(expected);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
});
