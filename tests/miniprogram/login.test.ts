/**
 * 微信一键登录 in the COMPILED weapp through the `login` cloud function: the page calls
 * wx.cloud.callFunction; the stand-in for WeChat's cloud runs our real built function
 * (cloudfunctions/dist/login) with the cloud context in its environment, as the cloud runtime
 * does; the function signs its call to the real running server; the page stores the session.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Me, PrivacyStatus, Session } from '@vc/types';
import { api } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type WeappRuntime } from './support/taro-weapp';

const root = path.resolve(__dirname, '..', '..');
let stack: TestStack;
let runtime: WeappRuntime;
const cloudCalls: { name: string; env?: string }[] = [];
let secret = 'dev-only-cloud-shared-secret'; // the server's development default
const saved = { ...process.env };

beforeAll(async () => {
  const build = spawnSync('npm', ['run', 'build:cloud', '--silent'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  stack = await startUiStack();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loginFunction = require(path.join(root, 'cloudfunctions', 'dist', 'login', 'index.js')) as {
    main: (event: unknown) => Promise<unknown>;
  };
  let env = '';
  runtime = bootWeapp({
    apiBase: stack.baseUrl,
    storage: { 'vc.cloudEnv': 'test-cloud-env' },
    cloud: {
      init: (options: { env: string }) => {
        env = options.env;
      },
      callFunction: async ({ name, data }: { name: string; data: unknown }) => {
        cloudCalls.push({ name, env });
        process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
        process.env.WX_OPENID = 'cloud-openid-from-weapp';
        process.env.WX_APPID = 'wx-test';
        process.env.VC_SERVER_URL = stack.baseUrl;
        process.env.VC_CLOUD_SHARED_SECRET = secret;
        return { errMsg: 'cloud.callFunction:ok', result: await loginFunction.main(data) };
      },
    },
  });
});
afterEach(() => {
  process.env = { ...saved };
});
afterAll(async () => {
  await stack?.stop();
});

let page: ReturnType<WeappRuntime['openPage']>;

it('asks for 「我已阅读并同意《隐私政策》」 first: without the tick nothing is sent', async () => {
  page = runtime.openPage('pages/login/index');
  await waitFor(() => page.querySelector('#wechat-login'), 15000, 'the WeChat login button');
  expect(textOf(page, 'login-consent-row')).toBe('☐ 我已阅读并同意《隐私政策》');
  tap(page, 'wechat-login');
  const message = await waitFor(() => textOf(page, 'error-message'), 5000, 'the reason');
  expect(message).toBe('请先阅读并勾选同意《隐私政策》');
  await new Promise((r) => setTimeout(r, 200));
  expect(cloudCalls).toEqual([]);
  expect(runtime.wx.storage.get(SESSION_KEY)).toBeUndefined();
  // the policy itself is one tap away
  tap(page, 'login-privacy');
  await waitFor(() => runtime.wx.navigations.some((n) => n.url === '/privacy/policy/index'), 5000, 'the policy page');
});

it('ticked: logs in through the login cloud function, keeps the session and records the consent', async () => {
  tap(page, 'login-consent');
  await waitFor(() => textOf(page, 'login-consent')?.startsWith('☑'), 5000, 'the tick');
  expect(page.querySelector('#error-message')).toBeFalsy();
  tap(page, 'wechat-login');
  const session = await waitFor(() => runtime.wx.storage.get(SESSION_KEY) as Session | undefined, 15000, 'a stored session');
  expect(cloudCalls).toEqual([{ name: 'login', env: 'test-cloud-env' }]);
  const me = await api<Me>(stack.baseUrl, 'GET', '/api/me', session.token);
  expect(me.id).toBe(session.user.id);
  await waitFor(() => runtime.wx.navigations.some((n) => n.api === 'reLaunch'), 15000, 'home');
  // recorded right after login, before home opens: the home page's consent gate has nothing to ask
  const privacy = await api<PrivacyStatus>(stack.baseUrl, 'GET', '/api/me/privacy', session.token);
  expect(privacy).toMatchObject({ consentNeeded: false, consents: [{ via: 'miniprogram', version: privacy.currentVersion }] });
});

it('shows the Chinese reason and stores nothing when the server refuses the signature', async () => {
  runtime.wx.storage.delete(SESSION_KEY);
  secret = 'a-wrong-shared-secret-for-this-test';
  // the same login page again (a page is loaded once per test file in miniprogram-simulate)
  tap(page, 'wechat-login');
  const message = await waitFor(() => textOf(page, 'error-message'), 15000, 'the error message');
  expect(message).toContain('签名无效');
  expect(runtime.wx.storage.get(SESSION_KEY)).toBeUndefined();
});
