/**
 * Rate limits and session expiry (issue 5, item 5): logins and posts are limited per person and
 * per client address (429 RATE_LIMITED with Retry-After and a Chinese message, nothing written);
 * expired and revoked sessions are refused. Small limits are set for this stack only.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, type Reply } from '../support/http';
import { hashToken } from '../../server/src/modules/accounts/service';

let stack: Stack;
let call: ReturnType<typeof api>;
let ids: Record<string, string>;
const VILLAGE = '210921001001';

beforeAll(async () => {
  stack = await startStack({
    env: {
      RATE_LIMIT_LOGIN_PER_PERSON: '3',
      RATE_LIMIT_LOGIN_PER_ADDRESS: '8',
      RATE_LIMIT_POST_PER_PERSON: '4',
      RATE_LIMIT_POST_PER_ADDRESS: '6',
    },
  });
  call = api(stack.baseUrl);
  const identities = await call('demoIdentities');
  ids = Object.fromEntries(identities.body.items.map((i: { id: string; name: string }) => [i.name, i.id]));
});
afterAll(() => stack?.stop());

const login = (name: string) => call('demoLogin', { body: { userId: ids[name] } });
const expectLimited = (res: Reply) => {
  expect(`${res.status} ${res.body?.error?.code}`).toBe('429 RATE_LIMITED');
  expect(res.body.error.message).toMatch(/操作过于频繁，请 \d+ 秒后再试/);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
};
const sessions = () => mongoose.connection.collection('sessions').countDocuments();

const tokens: Record<string, string> = {};

it('logins are limited per person, then per address; a refused login writes no session', async () => {
  for (let i = 0; i < 3; i++) {
    const res = await login('林红霞');
    expect(res.status).toBe(200);
    tokens['林红霞'] ??= res.body.token;
  }
  const before = await sessions();
  expectLimited(await login('林红霞'));
  expect(await sessions()).toBe(before);
  // other people from the same address still get in, up to the address limit (8 per minute)
  for (const name of ['王建国', '王志强', '赵振华', '孙雅琴']) {
    const res = await login(name);
    expect(res.status).toBe(200);
    tokens[name] = res.body.token;
  }
  expectLimited(await login('李志强'));
  expect(await sessions()).toBe(before + 4);
});

it('posts are limited per person, then per address; refused posts are not stored', async () => {
  const messages = mongoose.connection.collection('group_messages');
  const before = await messages.countDocuments({ groupCode: VILLAGE });
  const post = (name: string, n: number) =>
    call('postGroupMessage', {
      token: tokens[name],
      params: { groupCode: VILLAGE },
      body: { clientKey: `rate-${name.length}-${n}-${Date.now()}`, text: `第 ${n} 条消息` },
    });
  for (let n = 1; n <= 4; n++) expect((await post('林红霞', n)).status).toBe(201);
  expectLimited(await post('林红霞', 5));
  expect((await post('王建国', 1)).status).toBe(201);
  expectLimited(await post('王志强', 1)); // the address has used its 6
  expect(await messages.countDocuments({ groupCode: VILLAGE })).toBe(before + 5);
  // reading is not limited
  expect((await call('groupMessages', { token: tokens['林红霞'], params: { groupCode: VILLAGE } })).status).toBe(200);
});

it('expired and revoked sessions are refused', async () => {
  await mongoose.connection
    .collection('sessions')
    .updateOne({ tokenHash: hashToken(tokens['赵振华']!) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  const expired = await call('me', { token: tokens['赵振华'] });
  expect(`${expired.status} ${expired.body.error.code}`).toBe('401 SESSION_EXPIRED');
  expect(expired.body.error.message).toContain('登录已过期');

  expect((await call('logout', { token: tokens['孙雅琴'] })).status).toBe(200);
  const revoked = await call('me', { token: tokens['孙雅琴'] });
  expect(`${revoked.status} ${revoked.body.error.code}`).toBe('401 SESSION_EXPIRED');
  // a token that never existed reads the same: nothing tells a guesser which tokens were real
  const unknown = await call('me', { token: 'A'.repeat(43) });
  expect(`${unknown.status} ${unknown.body.error.code}`).toBe('401 SESSION_EXPIRED');
});
