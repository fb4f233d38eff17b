/**
 * Logs an operator can use, over real HTTP on the embedded database: every request is logged once
 * when answered, as one JSON line with its request id, route id, person, status and duration; the
 * request id comes back as X-Request-Id (an incoming sane one is kept) and in 5xx error bodies, so
 * a villager's complaint leads to its line; a 5xx is logged with its cause; and no personal data
 * (phone numbers, names, message text, bodies, the Authorization token) reaches the log.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, request } from '../support/http';
import { createLogger } from '../../server/src/shared/log';

interface LogLine {
  level: string;
  msg: string;
  time: string;
  requestId?: string;
  method?: string;
  route?: string | null;
  path?: string;
  userId?: string;
  status?: number;
  durationMs?: number;
  code?: string;
  err?: Record<string, unknown>;
}

let stack: Stack;
let call: ReturnType<typeof api>;
let villager: { token: string; user: { id: string } };

const VILLAGE = '210921001001';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const lines = (): LogLine[] => stack.logs.map((line) => JSON.parse(line) as LogLine);
const linesOf = (requestId: string | null) => lines().filter((l) => l.requestId === requestId);
/** the one line a request was logged with */
function lineOf(requestId: string | null): LogLine {
  const found = linesOf(requestId);
  expect(found).toHaveLength(1);
  return found[0]!;
}

beforeAll(async () => {
  stack = await startStack({ captureLogs: true });
  call = api(stack.baseUrl);
  villager = await demoLogin(stack.baseUrl, '林红霞');
});
afterAll(() => stack?.stop());

describe('one line per request', () => {
  it('logs a request once, when answered: request id, route id, person, status, duration', async () => {
    const res = await call('myGroups', { token: villager.token });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    const line = lineOf(requestId);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: 'myGroups',
      userId: villager.user.id,
      status: 200,
    });
    expect(typeof line.durationMs).toBe('number');
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(line.time)).not.toBeNaN();
    // the route is its contract id, never the filled path
    expect(line.path).toBeUndefined();
  });

  it('writes exactly one line for each request, each with its own id; an anonymous one has no person', async () => {
    const before = stack.logs.length;
    const replies = [
      await call('demoIdentities'),
      await call('groupMessages', { token: villager.token, params: { groupCode: VILLAGE }, query: { after: 0 } }),
      await call('myGroups'),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 401]);
    const logged = lines().slice(before);
    expect(logged).toHaveLength(3);
    const ids = replies.map((r) => r.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(3);
    expect(logged.map((l) => l.requestId)).toEqual(ids);
    expect(logged.map((l) => [l.route, l.status, l.userId])).toEqual([
      ['demoIdentities', 200, undefined],
      ['groupMessages', 200, villager.user.id],
      ['myGroups', 401, undefined],
    ]);
    // a refusal carries its error code, at level info (the client's mistake, not the server's)
    expect(logged[2]).toMatchObject({ level: 'info', code: 'UNAUTHENTICATED' });
    expect(logged[2]!.err).toBeUndefined();
  });

  it('an unknown path is logged without its query string, numbers or encoded text, and still gets an id', async () => {
    const res = await request(stack.baseUrl, 'GET', `/api/no-such-thing/13912345678/${encodeURIComponent('张三')}`, {
      query: { name: '张三', phone: '13912345678' },
    });
    expect(res.status).toBe(404);
    const line = lineOf(res.headers.get('x-request-id'));
    expect(line).toMatchObject({ route: null, status: 404, code: 'ROUTE_NOT_FOUND', path: '/api/no-such-thing/*/*' });
    expect(JSON.stringify(line)).not.toMatch(/13912345678|张三|%E5/);
  });
});

describe('the request id', () => {
  it('comes back as X-Request-Id on every reply, matching its log line', async () => {
    const replies = [
      await call('demoIdentities'),
      await request(stack.baseUrl, 'GET', '/api/openapi.json'),
      await request(stack.baseUrl, 'DELETE', '/api/me'),
      await call('updateProfile', { token: villager.token, raw: '{"name":' }),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 405, 400]);
    for (const reply of replies) {
      const requestId = reply.headers.get('x-request-id');
      expect(requestId).toMatch(UUID);
      expect(lineOf(requestId).status).toBe(reply.status);
    }
  });

  it('keeps a sane incoming X-Request-Id and replaces anything else', async () => {
    const traced = await call('demoIdentities', { headers: { 'X-Request-Id': 'mp-complaint-0001-abcdef' } });
    expect(traced.headers.get('x-request-id')).toBe('mp-complaint-0001-abcdef');
    expect(lineOf('mp-complaint-0001-abcdef').route).toBe('demoIdentities');

    for (const bad of ['short', 'has spaces in it', 'x'.repeat(65), '../../etc/passwd', '{"$ne":1}']) {
      const res = await call('demoIdentities', { headers: { 'X-Request-Id': bad } });
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(UUID);
      expect(lineOf(requestId).route).toBe('demoIdentities');
      expect(stack.logs.join('\n')).not.toContain(bad);
    }
  });
});

describe('no personal data in the log', () => {
  const PHONE = '13987654321';
  const NAME = '日志测试名';
  const TEXT = '日志测试：邻居家的狗每天半夜叫个不停，该怎么办';
  const TEXT_WITH_PHONE = '有事打我电话 139 1234 5678，或者 13912345678';
  const BOGUS_TOKEN = 'not-a-real-session-token-7c1e9f';

  it('profile updates, group posts and refused posts leave no phone, name, text or token in any line', async () => {
    const before = stack.logs.length;
    const profile = await call('updateProfile', { token: villager.token, body: { name: NAME, phone: PHONE } });
    expect(profile.status).toBe(200);
    const posted = await call('postGroupMessage', {
      token: villager.token,
      params: { groupCode: VILLAGE },
      body: { clientKey: `log-${Date.now()}`, text: TEXT },
    });
    expect([201, 202]).toContain(posted.status);
    const refused = await call('postGroupMessage', {
      token: villager.token,
      params: { groupCode: VILLAGE },
      body: { clientKey: `log-phone-${Date.now()}`, text: TEXT_WITH_PHONE },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const badPhone = await call('updateProfile', { token: villager.token, body: { phone: '1398765432x' } });
    expect(badPhone.status).toBe(400);
    const bogus = await call('myGroups', { token: BOGUS_TOKEN });
    expect(bogus.status).toBe(401);

    const replies = [profile, posted, refused, badPhone, bogus];
    expect(stack.logs.length - before).toBe(replies.length);
    expect(replies.map((r) => lineOf(r.headers.get('x-request-id')).route)).toEqual([
      'updateProfile',
      'postGroupMessage',
      'postGroupMessage',
      'updateProfile',
      'myGroups',
    ]);

    const everything = stack.logs.join('\n');
    for (const secret of [PHONE, NAME, TEXT, '邻居家的狗', '139 1234 5678', '13912345678', '1398765432x', BOGUS_TOKEN]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('no session token, nor the Authorization header, ever appears', () => {
    const everything = stack.logs.join('\n');
    expect(stack.logs.length).toBeGreaterThan(10);
    expect(everything).not.toContain(villager.token);
    expect(everything).not.toMatch(/authorization|bearer/i);
  });
});

describe('a server failure', () => {
  it('returns the request id in the body and logs the error with its cause', async () => {
    // the database goes away under the running server (as in tests/server/resilience/database-restart.test.ts)
    if (stack.db.kind === 'embedded') await stack.db.pause();
    else await mongoose.disconnect();
    stack.errors.length = 0;

    const res = await call('myGroups', { token: villager.token, headers: { 'X-Request-Id': 'mp-complaint-0002-abcdef' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('x-request-id')).toBe('mp-complaint-0002-abcdef');
    expect(res.body.error).toEqual({
      code: 'DATABASE_UNAVAILABLE',
      message: '服务暂时不可用，请稍后重试',
      requestId: 'mp-complaint-0002-abcdef',
    });

    const line = lineOf('mp-complaint-0002-abcdef');
    expect(line).toMatchObject({
      level: 'error',
      msg: 'request failed',
      route: 'myGroups',
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
    });
    // the cause, as the driver raised it: its type, message and stack, and nothing else it carries
    const err = line.err!;
    expect(err.type).toMatch(/^Mongo|Error$/);
    expect(String(err.message).length).toBeGreaterThan(0);
    expect(String(err.stack)).toContain(String(err.message).split('\n')[0]);
    const allowed = ['type', 'message', 'stack', 'code', 'codeName', 'errno', 'syscall', 'status', 'cause', 'errors'];
    expect(Object.keys(err).filter((k) => !allowed.includes(k))).toEqual([]);
    // and the same error reached the test stack's error list, as the original object
    expect(stack.errors).toHaveLength(1);
    expect(stack.errors[0]).toBeInstanceOf(Error);
    expect((stack.errors[0] as Error).message).toBe(err.message);
    expect(stack.logs.join('\n')).not.toContain(villager.token);
  });
});

describe('the safety net, for whatever a later change passes to the logger', () => {
  it('redacts bodies, personal fields and the Authorization header, and errors keep only safe fields, numbers masked', () => {
    const written: string[] = [];
    const log = createLogger({ destination: { write: (line) => void written.push(line) } });
    log.info({
      req: { headers: { authorization: 'Bearer abc123secret' } },
      body: { text: '我家的事', phone: '13812345678' },
      user: { name: '张三', phone: '13812345678', idNumber: '210921198001011234' },
    });
    // a duplicate-key error quotes the document's values, and carries them as fields too
    const dup = Object.assign(
      new Error('E11000 duplicate key error collection: vc.users index: phone_1 dup key: { phone: "13812345678" }'),
      { code: 11000, keyValue: { phone: '13812345678' }, op: { text: '我家的事' } },
    );
    const wrapped = new Error('lookup failed for 13812345678 / 21092119800101123X with Bearer abc123secret', { cause: dup });
    log.error({ err: wrapped }, 'request failed');
    const all = written.join('');
    for (const personal of ['abc123secret', '我家的事', '13812345678', '张三', '210921198001011234', '21092119800101123X'])
      expect(all).not.toContain(personal);
    const err = JSON.parse(written[1]!).err;
    expect(err.message).toBe('lookup failed for [phone] / [id-number] with Bearer [redacted]');
    expect(err.cause).toMatchObject({ code: 11000, message: expect.stringContaining('dup key: { [redacted] }') });
    expect(err.cause.keyValue).toBeUndefined();
    expect(err.cause.op).toBeUndefined();
  });
});
