/**
 * Logging in on the web (H5), over real HTTP against the fake WeChat: web authorisation inside
 * WeChat's browser (state issued and spent once, code exchanged through wechat-oauth, the same
 * person as in the mini-program by unionid), and scan-to-login on a PC (a ticket shown as a
 * mini-program code, confirmed or declined with a mini-program session, its session handed to the
 * PC exactly once).
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let wechat: FakeWechat;
let call: ReturnType<typeof api>;
const users = () => mongoose.connection.collection('users');
const sessions = () => mongoose.connection.collection<{ _id: string; via: string; userId: unknown }>('sessions');
const tickets = () => mongoose.connection.collection<{ _id: string }>('scan_tickets');
const loginStates = () => mongoose.connection.collection<{ _id: string }>('login_states');
const sessionOf = (token: string) => sessions().findOne({ _id: createHash('sha256').update(token).digest('hex') });

const PC_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const H5 = 'http://127.0.0.1:8080/';

beforeAll(async () => {
  wechat = await startFakeWechat();
  stack = await startStack({
    auditQueries: true,
    env: {
      WECHAT_APPID: wechat.appid,
      WECHAT_SECRET: wechat.secret,
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_WEB_APPID: wechat.webAppid,
      WECHAT_WEB_SECRET: wechat.webSecret,
      WECHAT_OPEN_BASE: wechat.baseUrl,
    },
  });
  call = api(stack.baseUrl);
});
afterAll(async () => {
  await stack?.stop();
  await wechat?.stop();
});
afterEach(() => {
  wechat.webDown = false;
  wechat.webSecret = 'test-web-secret';
  wechat.webUser = null;
});

let codes = 0;
/** The mini-program's wx.login for this person: a session made with `via: 'wechat'`. */
async function miniProgramLogin(person: { openid: string; unionid?: string }) {
  codes += 1;
  wechat.issueCode(`mp-code-${codes}`, person);
  const res = await call('wechatLogin', { body: { code: `mp-code-${codes}` } });
  expect(res.status).toBe(200);
  return res.body as { token: string; user: { id: string; name: string } };
}

async function startWeb(): Promise<{ state: string; authorizeUrl: string }> {
  const res = await call('webLoginStart', { body: { redirectUri: `${H5}#/pages/login/index` } });
  expect(res.status).toBe(200);
  return res.body;
}

/** As WeChat's browser does: opens the authorisation page and follows its 302 back to the H5 app. */
async function authorize(authorizeUrl: string): Promise<{ code: string; state: string; location: URL }> {
  const res = await fetch(authorizeUrl.replace(/#wechat_redirect$/, ''), { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  return { code: location.searchParams.get('code')!, state: location.searchParams.get('state')!, location };
}

/** The whole web authorisation for the person WeChat's browser holds. */
async function webLogin(person: { openid: string; unionid?: string }): Promise<Reply> {
  wechat.webUser = person;
  const { authorizeUrl } = await startWeb();
  const back = await authorize(authorizeUrl);
  return call('webLogin', { body: { code: back.code, state: back.state } });
}

const exchanges = () => wechat.calls.filter((c) => c.path === '/sns/oauth2/access_token').length;

describe('WeChat web authorisation (snsapi_base) inside WeChat’s browser', () => {
  it('redirects to WeChat with a one-time state, exchanges the code and logs the person in (via web)', async () => {
    const { state, authorizeUrl } = await startWeb();
    expect(state).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${wechat.baseUrl}/connect/oauth2/authorize`);
    expect(url.hash).toBe('#wechat_redirect');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      appid: wechat.webAppid,
      redirect_uri: `${H5}#/pages/login/index`,
      response_type: 'code',
      scope: 'snsapi_base',
      state,
    });

    wechat.webUser = { openid: 'web-openid-happy' };
    const back = await authorize(authorizeUrl);
    // back to the login page: code and state in the query, before the #route
    expect(`${back.location.origin}${back.location.pathname}${back.location.hash}`).toBe(`${H5}#/pages/login/index`);
    expect(back.state).toBe(state);
    const login = await call('webLogin', { body: { code: back.code, state: back.state } });
    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((await sessionOf(login.body.token))?.via).toBe('web');
    const me = await call('me', { token: login.body.token });
    expect(me.body.id).toBe(login.body.user.id);
    // the web openid is kept (marked as such), never taken for a mini-program openid
    const stored = await users().findOne({ _id: new mongoose.Types.ObjectId(login.body.user.id as string) });
    expect(stored?.openid).toBe('web:web-openid-happy');
    // what went to WeChat: the web account's own app id and secret
    const exchange = wechat.calls.filter((c) => c.path === '/sns/oauth2/access_token').at(-1)!;
    expect(exchange.query).toMatchObject({
      appid: wechat.webAppid,
      secret: wechat.webSecret,
      code: back.code,
      grant_type: 'authorization_code',
    });
  });

  it('is the same person as in the mini-program when WeChat gives the same unionid', async () => {
    const phone = await miniProgramLogin({ openid: 'mp-openid-u1', unionid: 'union-web-1' });
    const web = await webLogin({ openid: 'web-openid-u1', unionid: 'union-web-1' });
    expect(web.status).toBe(200);
    expect(web.body.user.id).toBe(phone.user.id);
    expect(await users().countDocuments({ unionid: 'union-web-1' })).toBe(1);
    // the mini-program openid stays the person's openid
    expect((await users().findOne({ unionid: 'union-web-1' }))?.openid).toBe('mp-openid-u1');
  });

  it('someone who came by the web first gets their mini-program openid at their first mini-program login', async () => {
    const web = await webLogin({ openid: 'web-openid-u2', unionid: 'union-web-2' });
    expect(web.status).toBe(200);
    const phone = await miniProgramLogin({ openid: 'mp-openid-u2', unionid: 'union-web-2' });
    expect(phone.user.id).toBe(web.body.user.id);
    expect((await users().findOne({ unionid: 'union-web-2' }))?.openid).toBe('mp-openid-u2');
    // and the web finds them again by unionid
    const again = await webLogin({ openid: 'web-openid-u2', unionid: 'union-web-2' });
    expect(again.body.user.id).toBe(web.body.user.id);
    expect(await users().countDocuments({ unionid: 'union-web-2' })).toBe(1);
  });

  it('finds a returning web user without a unionid by their web openid', async () => {
    const first = await webLogin({ openid: 'web-openid-plain' });
    const second = await webLogin({ openid: 'web-openid-plain' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(await users().countDocuments({ openid: 'web:web-openid-plain' })).toBe(1);
    // someone else in WeChat's browser is someone else
    const other = await webLogin({ openid: 'web-openid-other' });
    expect(other.body.user.id).not.toBe(first.body.user.id);
  });

  it('refuses an invalid code (40029) and a used code (40163) with 400, creating nobody', async () => {
    const before = await users().countDocuments();
    const invalid = await call('webLogin', { body: { code: 'never-issued', state: (await startWeb()).state } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('WECHAT_CODE_INVALID');
    expect(invalid.body.error.message).toMatch(/微信登录凭证/);

    wechat.webUser = { openid: 'web-openid-once' };
    const back = await authorize((await startWeb()).authorizeUrl);
    expect((await call('webLogin', { body: { code: back.code, state: back.state } })).status).toBe(200);
    const reused = await call('webLogin', { body: { code: back.code, state: (await startWeb()).state } });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('WECHAT_CODE_INVALID');
    expect(await users().countDocuments()).toBe(before + 1);
  });

  it('refuses a state it did not issue, a spent state and an expired state, before asking WeChat', async () => {
    wechat.webUser = { openid: 'web-openid-state' };
    const { authorizeUrl } = await startWeb();
    const back = await authorize(authorizeUrl);
    const asked = exchanges();

    const forged = await call('webLogin', { body: { code: back.code, state: 'AAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).toBe(400);
    expect(forged.body.error).toMatchObject({ code: 'WEB_LOGIN_STATE_INVALID', message: '登录请求已失效，请重新登录' });
    expect(exchanges()).toBe(asked); // WeChat was not asked: the code is still good

    expect((await call('webLogin', { body: { code: back.code, state: back.state } })).status).toBe(200);
    // the same state again, even with a fresh code
    wechat.issueWebCode('fresh-web-code', { openid: 'web-openid-state' });
    const spent = await call('webLogin', { body: { code: 'fresh-web-code', state: back.state } });
    expect(spent.body.error.code).toBe('WEB_LOGIN_STATE_INVALID');

    const { state: old } = await startWeb();
    await loginStates().updateOne({ _id: old }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await call('webLogin', { body: { code: 'fresh-web-code', state: old } });
    expect(expired.body.error.code).toBe('WEB_LOGIN_STATE_INVALID');

    const malformed = await call('webLogin', { body: { code: 'fresh-web-code', state: 'short' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('spends a state once when the same callback arrives many times at once', async () => {
    wechat.webUser = { openid: 'web-openid-race' };
    const { authorizeUrl } = await startWeb();
    const back = await authorize(authorizeUrl);
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => call('webLogin', { body: { code: back.code, state: back.state } })),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.body?.error?.code === 'WEB_LOGIN_STATE_INVALID')).toHaveLength(7);
  });

  it('answers 502 in Chinese when WeChat is unreachable or refuses the app’s credentials', async () => {
    wechat.webUser = { openid: 'web-openid-down' };
    let back = await authorize((await startWeb()).authorizeUrl);
    wechat.webDown = true;
    const down = await call('webLogin', { body: { code: back.code, state: back.state } });
    expect(down.status).toBe(502);
    expect(down.body.error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，请稍后重试' });

    wechat.webDown = false;
    back = await authorize((await startWeb()).authorizeUrl);
    wechat.webSecret = 'rotated-secret'; // the account's secret was reset (40125)
    const refused = await call('webLogin', { body: { code: back.code, state: back.state } });
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('WECHAT_UNAVAILABLE');
    expect(await users().countDocuments({ openid: 'web:web-openid-down' })).toBe(0);
  });

  it('the fake, as WeChat, refuses a redirect_uri outside the account’s web authorisation domain (10003)', async () => {
    wechat.webUser = { openid: 'web-openid-elsewhere' };
    const res = await call('webLoginStart', { body: { redirectUri: 'https://elsewhere.example/' } });
    const page = await fetch(res.body.authorizeUrl.replace(/#.*$/, ''), { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ errcode: 10003, errmsg: 'redirect_uri域名与后台配置不一致' });
    const bad = await call('webLoginStart', { body: { redirectUri: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('scan-to-login on a PC', () => {
  async function newTicket(): Promise<string> {
    const res = await call('scanTicketCreate', { body: {}, headers: { 'user-agent': PC_AGENT } });
    expect(res.status).toBe(201);
    return res.body.ticket as string;
  }
  const poll = (ticket: string) => call('scanTicketPoll', { params: { ticket }, body: {} });
  const confirm = (ticket: string, token: string) => call('scanTicketConfirm', { params: { ticket }, token, body: {} });
  const decline = (ticket: string, token: string) => call('scanTicketDecline', { params: { ticket }, token, body: {} });

  it('a PC gets a ticket shown as a mini-program code; the phone confirms; the next poll gets the session once', async () => {
    const created = await call('scanTicketCreate', { body: {}, headers: { 'user-agent': PC_AGENT } });
    expect(created.status).toBe(201);
    const { ticket, expiresAt, pollIntervalMs } = created.body;
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const ttl = new Date(expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(170 * 1000);
    expect(ttl).toBeLessThanOrEqual(180 * 1000);
    expect(pollIntervalMs).toBeGreaterThan(0);

    const qr = await call('scanTicketQrCode', { params: { ticket } });
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/png');
    const asked = wechat.calls.filter((c) => c.path === '/wxa/getwxacodeunlimit').at(-1)!;
    expect(asked.body).toMatchObject({ scene: ticket, page: 'account/scan-login/index' });

    expect((await poll(ticket)).body).toEqual({ status: 'waiting', scanned: false, expiresAt });

    // the phone: logged in to the mini-program, opens the confirm page from the code
    const phone = await miniProgramLogin({ openid: 'mp-openid-scanner' });
    const view = await call('scanTicket', { params: { ticket }, token: phone.token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ ticket, status: 'waiting', device: 'Windows 电脑 · Chrome 浏览器', expiresAt });
    expect(view.body.ipMasked).toBe('127.0.0.*');
    expect((await poll(ticket)).body).toEqual({ status: 'waiting', scanned: true, expiresAt });

    expect((await confirm(ticket, phone.token)).body).toEqual({ ok: true });
    const got = await poll(ticket);
    expect(got.status).toBe(200);
    expect(got.body.status).toBe('confirmed');
    expect(got.body.session.user.id).toBe(phone.user.id);
    expect(got.body.session.token).not.toBe(phone.token);
    expect((await sessionOf(got.body.session.token))?.via).toBe('scan');
    expect((await call('me', { token: got.body.session.token })).body.id).toBe(phone.user.id);

    // once only
    const again = await poll(ticket);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'SCAN_TICKET_USED',
      message: '该登录二维码已使用过，请在电脑上刷新二维码后重新扫码',
    });
    expect((await call('scanTicket', { params: { ticket }, token: phone.token })).body.error.code).toBe('SCAN_TICKET_USED');
    expect((await confirm(ticket, phone.token)).body.error.code).toBe('SCAN_TICKET_USED');
    expect((await call('scanTicketQrCode', { params: { ticket } })).body.error.code).toBe('SCAN_TICKET_USED');
  });

  it('refuses an expired ticket in Chinese, and a confirmed one the PC never collected', async () => {
    const phone = await miniProgramLogin({ openid: 'mp-openid-late' });
    const ticket = await newTicket();
    await tickets().updateOne({ _id: ticket }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    for (const res of [
      await poll(ticket),
      await call('scanTicket', { params: { ticket }, token: phone.token }),
      await confirm(ticket, phone.token),
      await call('scanTicketQrCode', { params: { ticket } }),
    ]) {
      expect(res.status).toBe(410);
      expect(res.body.error).toMatchObject({
        code: 'SCAN_TICKET_EXPIRED',
        message: '登录二维码已过期，请在电脑上刷新二维码后重新扫码',
      });
    }

    // confirmed in time, but the PC came back after the grace: expired, and no session is made
    const late = await newTicket();
    expect((await confirm(late, phone.token)).status).toBe(200);
    await tickets().updateOne({ _id: late }, { $set: { expiresAt: new Date(Date.now() - 31 * 1000) } });
    const before = await sessions().countDocuments({ via: 'scan' });
    expect((await poll(late)).body.error.code).toBe('SCAN_TICKET_EXPIRED');
    expect(await sessions().countDocuments({ via: 'scan' })).toBe(before);

    const unknown = await poll('ZZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('SCAN_TICKET_NOT_FOUND');
  });

  it('a declined ticket tells the PC so, makes no session, and cannot be confirmed afterwards', async () => {
    const phone = await miniProgramLogin({ openid: 'mp-openid-decliner' });
    const ticket = await newTicket();
    expect((await decline(ticket, phone.token)).body).toEqual({ ok: true });
    expect((await poll(ticket)).body).toEqual({ status: 'declined' });
    expect((await poll(ticket)).body).toEqual({ status: 'declined' });
    const late = await confirm(ticket, phone.token);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('SCAN_TICKET_DECIDED');
    expect((await call('scanTicket', { params: { ticket }, token: phone.token })).body.status).toBe('declined');
  });

  it('only a mini-program session confirms; without a session the phone is asked to log in', async () => {
    const ticket = await newTicket();
    const anonymous = await confirm(ticket, '');
    expect(anonymous.status).toBe(401);
    const web = await webLogin({ openid: 'web-openid-confirmer' });
    const refused = await confirm(ticket, web.body.token as string);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SCAN_CONFIRM_NEEDS_MINIPROGRAM');
    // a PC's scan session cannot open another PC either
    const phone = await miniProgramLogin({ openid: 'mp-openid-chain' });
    expect((await confirm(ticket, phone.token)).status).toBe(200);
    const pc = (await poll(ticket)).body.session.token as string;
    const next = await newTicket();
    expect((await confirm(next, pc)).body.error.code).toBe('SCAN_CONFIRM_NEEDS_MINIPROGRAM');
    // demo identities stand in for the phone outside production
    const demo = await demoLogin(stack.baseUrl, '林红霞');
    expect((await confirm(next, demo.token)).status).toBe(200);
  });

  it('concurrent polls of a confirmed ticket: exactly one gets a session', async () => {
    const phone = await miniProgramLogin({ openid: 'mp-openid-race' });
    const ticket = await newTicket();
    await confirm(ticket, phone.token);
    const before = await sessions().countDocuments({ via: 'scan' });
    const replies = await Promise.all(Array.from({ length: 12 }, () => poll(ticket)));
    const winners = replies.filter((r) => r.status === 200 && r.body.status === 'confirmed');
    expect(winners).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409 && r.body.error.code === 'SCAN_TICKET_USED')).toHaveLength(11);
    expect(await sessions().countDocuments({ via: 'scan' })).toBe(before + 1);
  });

  it('concurrent decisions by two people: the first recorded stands and the PC logs in as that one', async () => {
    const a = await miniProgramLogin({ openid: 'mp-openid-first' });
    const b = await miniProgramLogin({ openid: 'mp-openid-second' });
    const ticket = await newTicket();
    const replies = await Promise.all([confirm(ticket, a.token), confirm(ticket, b.token), decline(ticket, a.token)]);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.body?.error?.code === 'SCAN_TICKET_DECIDED')).toHaveLength(2);
    const winner = replies.findIndex((r) => r.status === 200);
    const got = await poll(ticket);
    if (winner === 2) expect(got.body).toEqual({ status: 'declined' });
    else expect(got.body.session.user.id).toBe([a, b][winner]!.user.id);
  });

  it('a ticket is random and new each time', async () => {
    const made = new Set(await Promise.all(Array.from({ length: 5 }, () => newTicket())));
    expect(made.size).toBe(5);
  });
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index, and logged no server error', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
    expect(stack.errors).toEqual([]);
  });
});
