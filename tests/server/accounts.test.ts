import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { api, demoLogin } from '../support/http';
import { createWechatClient } from '../../server/src/modules/wechat/client';
import { signCloudRequest, SIGNATURE_HEADERS } from '../../types/src/cloud-signing';

let stack: Stack;
let wechat: FakeWechat;
let call: ReturnType<typeof api>;
const users = () => mongoose.connection.collection('users');
const sessions = () => mongoose.connection.collection('sessions');

beforeAll(async () => {
  wechat = await startFakeWechat();
  stack = await startStack({
    auditQueries: true,
    env: {
      WECHAT_APPID: wechat.appid,
      WECHAT_SECRET: wechat.secret,
      WECHAT_API_BASE: wechat.baseUrl,
      CLOUD_SHARED_SECRET: 'test-cloud-shared-secret-0123456789',
    },
  });
  call = api(stack.baseUrl);
});
afterAll(async () => {
  await stack?.stop();
  await wechat?.stop();
});

describe('WeChat login through the wechat-api client', () => {
  it('exchanges a code for a session, creates the person once, and the token works', async () => {
    wechat.issueCode('code-a1', { openid: 'openid-a' });
    const first = await call('wechatLogin', { body: { code: 'code-a1' } });
    expect(first.status).toBe(200);
    expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(new Date(first.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(first.body.user.village).toBeNull();

    wechat.issueCode('code-a2', { openid: 'openid-a' });
    const second = await call('wechatLogin', { body: { code: 'code-a2' } });
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(await users().countDocuments({ openid: 'openid-a' })).toBe(1);

    const me = await call('me', { token: second.body.token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(first.body.user.id);
  });

  it('keys a person by unionid when WeChat gives one', async () => {
    wechat.issueCode('code-u1', { openid: 'openid-u-app1', unionid: 'union-1' });
    wechat.issueCode('code-u2', { openid: 'openid-u-app2', unionid: 'union-1' });
    const a = await call('wechatLogin', { body: { code: 'code-u1' } });
    const b = await call('wechatLogin', { body: { code: 'code-u2' } });
    expect(b.body.user.id).toBe(a.body.user.id);
  });

  it('refuses an invalid code (40029) and a used code (40163) with 400 and creates nobody', async () => {
    const before = await users().countDocuments();
    const invalid = await call('wechatLogin', { body: { code: 'never-issued' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('WECHAT_CODE_INVALID');
    expect(invalid.body.error.message).toMatch(/微信登录凭证/);
    wechat.issueCode('code-once', { openid: 'openid-once' });
    expect((await call('wechatLogin', { body: { code: 'code-once' } })).status).toBe(200);
    const reused = await call('wechatLogin', { body: { code: 'code-once' } });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('WECHAT_CODE_INVALID');
    expect(await users().countDocuments()).toBe(before + 1);
  });

  it('gets an access token once, keeps it in MongoDB for every process, and refreshes it on 40001 and 42001', async () => {
    const staff = await demoLogin(stack.baseUrl, '赵振华');
    const village = '210921001001';
    const qr = () => call('villageQrCode', { token: staff.token, params: { villageCode: village } });

    const tokensBefore = wechat.tokensIssued;
    const first = await qr();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(wechat.tokensIssued).toBe(tokensBefore + 1);
    const stored = await mongoose.connection.collection('wechat_tokens').findOne({ appid: wechat.appid });
    expect(stored?.accessToken).toMatch(/^ACCESS_TOKEN_/);

    // a second server process shares the stored token: no new token is fetched
    const otherProcess = createWechatClient({ appid: wechat.appid, secret: wechat.secret, apiBase: wechat.baseUrl });
    const png = await otherProcess.getUnlimitedQrCode('ABC234', 'pages/bind/index');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(wechat.tokensIssued).toBe(tokensBefore + 1);

    // revoked before its expiry (40001): the client drops it and fetches a new one
    wechat.revokeTokens();
    expect((await qr()).status).toBe(200);
    expect(wechat.tokensIssued).toBe(tokensBefore + 2);
    const refreshed = await mongoose.connection.collection('wechat_tokens').findOne({ appid: wechat.appid });
    expect(refreshed?.accessToken).not.toBe(stored?.accessToken);

    // expired (42001)
    wechat.expireTokens();
    expect((await qr()).status).toBe(200);
    expect(wechat.tokensIssued).toBe(tokensBefore + 3);
    const scenes = wechat.calls
      .filter((c) => c.path === '/wxa/getwxacodeunlimit')
      .map((c) => (c.body as { scene: string }).scene);
    expect(new Set(scenes).size).toBeGreaterThanOrEqual(1);
  });
});

describe('cloud function login (HMAC-signed)', () => {
  const secret = 'test-cloud-shared-secret-0123456789';
  const signed = (body: object, overrides: Partial<Record<'timestamp' | 'nonce' | 'signature', string>> = {}, key = secret) => {
    const raw = JSON.stringify(body);
    const timestamp = overrides.timestamp ?? String(Date.now());
    const nonce = overrides.nonce ?? `nonce${Math.random().toString(36).slice(2)}${Date.now()}`;
    const signature = overrides.signature ?? signCloudRequest(key, timestamp, nonce, raw);
    return {
      raw,
      headers: {
        [SIGNATURE_HEADERS.timestamp]: timestamp,
        [SIGNATURE_HEADERS.nonce]: nonce,
        [SIGNATURE_HEADERS.signature]: signature,
      },
    };
  };

  it('accepts a good signature once and refuses its replay', async () => {
    const req = signed({ openid: 'cloud-openid-1' });
    const ok = await call('cloudLogin', req);
    expect(ok.status).toBe(200);
    expect(ok.body.token).toBeTruthy();
    const replay = await call('cloudLogin', req);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('REPLAYED_REQUEST');
  });

  it('refuses a wrong key, a tampered body, a stale timestamp and missing headers, creating nobody', async () => {
    const before = await users().countDocuments();
    const wrongKey = await call('cloudLogin', signed({ openid: 'cloud-openid-2' }, {}, 'another-secret-another-secret'));
    expect(wrongKey.body.error.code).toBe('BAD_SIGNATURE');
    const req = signed({ openid: 'cloud-openid-2' });
    const tampered = await call('cloudLogin', { ...req, raw: JSON.stringify({ openid: 'cloud-openid-evil' }) });
    expect(tampered.status).toBe(401);
    expect(tampered.body.error.code).toBe('BAD_SIGNATURE');
    const stale = await call(
      'cloudLogin',
      signed({ openid: 'cloud-openid-2' }, { timestamp: String(Date.now() - 10 * 60 * 1000) }),
    );
    expect(stale.status).toBe(401);
    const bare = await call('cloudLogin', { body: { openid: 'cloud-openid-2' } });
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBe('BAD_SIGNATURE');
    expect(await users().countDocuments()).toBe(before);
  });
});

describe('sessions', () => {
  it('logout revokes the token; a revoked or unknown token is refused with SESSION_EXPIRED', async () => {
    const { token } = await demoLogin(stack.baseUrl, '何春生');
    expect((await call('me', { token })).status).toBe(200);
    expect((await call('logout', { token })).body).toEqual({ ok: true });
    const after = await call('me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('SESSION_EXPIRED');
    const unknown = await call('me', { token: 'x'.repeat(43) });
    expect(unknown.body.error.code).toBe('SESSION_EXPIRED');
    const none = await call('me');
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('an expired session is refused', async () => {
    const { token } = await demoLogin(stack.baseUrl, '何春生');
    await sessions().updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await call('me', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('stores only a hash of the token', async () => {
    const { token } = await demoLogin(stack.baseUrl, '何春生');
    expect(await sessions().countDocuments({ tokenHash: token })).toBe(0);
    expect(JSON.stringify(await sessions().find().toArray())).not.toContain(token);
  });
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
