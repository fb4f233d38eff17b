/**
 * The redeem page (account/redeem/index) in the COMPILED weapp build, run in miniprogram-simulate
 * against a real running server (tests/support/stack.ts), opened as WeChat opens it from an
 * invitation's mini-program code (`scene` = the code). A page loads once per test file in
 * miniprogram-simulate, so the steps are one story on one page:
 *
 * 1. A new person, not logged in yet, scans a withdrawn invitation: the page asks for the login and
 *    keeps the code; nothing is asked of the server.
 * 2. 微信一键登录 on the page (the real `login` cloud function, a fresh WeChat user): the page then
 *    looks the code up and shows the server's Chinese refusal, with nothing to accept.
 * 3. They type a usable code (lower case, with a space): the page shows what it gives; accepting gives
 *    the role, and the stored session carries it.
 *
 * Needs `npm run build:weapp -w miniprogram` (the cloud functions are built here, as in login.test.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Invitation, Me, Session } from '@vc/types';
import { HttpError, api, demoIdentities, demoLogin } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const root = path.resolve(__dirname, '../..');
const COUNTY = '210921';
const PENDING_KEY = 'vc.pendingInvitation';
const OPENID = 'cloud-openid-redeem-page';

let stack: TestStack;
let runtime: WeappRuntime;
let countyStaff: Session;
let withdrawn: Invitation;
let usable: Invitation;
let page: SimComponent;
const saved = { ...process.env };

const present = (id: string) => !!page.querySelector(`#${id}`);
const lookups = (code: string) => runtime.wx.requests.filter((r) => r.url.endsWith(`/api/invitations/by-code/${code}`));

function input(id: string, value: string) {
  const node = page.querySelector(`#${id}`);
  if (!node) throw new Error(`#${id} not found`);
  node.dispatchEvent('input', { detail: { value } });
}

const invite = (role: string) =>
  api<Invitation>(stack.baseUrl, 'POST', `/api/places/${COUNTY}/invitations`, countyStaff.token, { role, days: 3, uses: 1 });

beforeAll(async () => {
  const build = spawnSync('npm', ['run', 'build:cloud', '--silent'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  stack = await startUiStack();
  const staff = (await demoIdentities(stack.baseUrl)).find((d) => d.name === '赵振华' && d.role === 'county_staff');
  if (!staff) throw new Error('no demo county staff 赵振华');
  countyStaff = await demoLogin(stack.baseUrl, staff.id);
  withdrawn = await invite('county_expert');
  await api(stack.baseUrl, 'POST', `/api/places/${COUNTY}/invitations/${withdrawn.id}/withdraw`, countyStaff.token, {
    reason: '人选有变',
  });
  usable = await invite('county_expert');

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loginFunction = require(path.join(root, 'cloudfunctions', 'dist', 'login', 'index.js')) as {
    main: (event: unknown) => Promise<unknown>;
  };
  runtime = bootWeapp({
    apiBase: stack.baseUrl,
    storage: { 'vc.cloudEnv': 'test-cloud-env' },
    cloud: {
      init: () => undefined,
      callFunction: async ({ data }: { name: string; data: unknown }) => {
        // what WeChat's cloud runtime gives the function: the caller's OPENID, trusted
        process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
        process.env.WX_OPENID = OPENID;
        process.env.WX_APPID = 'wx-test';
        process.env.VC_SERVER_URL = stack.baseUrl;
        process.env.VC_CLOUD_SHARED_SECRET = 'dev-only-cloud-shared-secret'; // the server's development default
        return { errMsg: 'cloud.callFunction:ok', result: await loginFunction.main(data) };
      },
    },
  });
});

afterAll(async () => {
  process.env = { ...saved };
  await stack?.stop();
});

it('not logged in: the page asks for the login and keeps the code; nothing is asked of the server', async () => {
  page = runtime.openPage('account/redeem/index', { scene: encodeURIComponent(withdrawn.code!) });
  await waitFor(() => page.querySelector('#redeem-login'), 15000, 'the login button');
  // the code from the mini-program code, kept for after the login
  await waitFor(() => textOf(page, 'redeem-need-login')?.includes(withdrawn.code!), 5000, 'the code shown');
  expect(runtime.wx.storage.get(PENDING_KEY)).toBe(withdrawn.code);
  expect(present('redeem-code-input')).toBe(false);
  expect(lookups(withdrawn.code!)).toHaveLength(0);
});

it('after logging in on the page, a withdrawn code is refused with the server message', async () => {
  tap(page, 'redeem-login');
  const session = await waitFor(() => runtime.wx.storage.get(SESSION_KEY) as Session | undefined, 15000, 'a stored session');
  expect(session.user.roles.filter((g) => g.role !== 'villager')).toEqual([]);

  const message = await waitFor(() => textOf(page, 'error-message'), 15000, 'the refusal');
  // the server's own Chinese message for this code
  const refusal = await api(stack.baseUrl, 'GET', `/api/invitations/by-code/${withdrawn.code}`, session.token).catch(
    (e: unknown) => e,
  );
  expect(refusal).toBeInstanceOf(HttpError);
  expect((refusal as HttpError).body).toMatchObject({ error: { code: 'INVITATION_WITHDRAWN', message } });
  expect(message).toMatch(/[\u4e00-\u9fa5]/);
  expect(lookups(withdrawn.code!).map((r) => r.status)).toEqual([410]);
  expect(present('redeem-preview')).toBe(false);
  expect(present('redeem-confirm')).toBe(false);
  // logged in now: the code box is offered
  expect(present('redeem-code-input')).toBe(true);
});

it('a typed usable code shows what it gives; accepting gives the role and the stored session carries it', async () => {
  const typed = `${usable.code!.slice(0, 4).toLowerCase()} ${usable.code!.slice(4)}`;
  input('redeem-code-input', typed);
  tap(page, 'redeem-lookup');
  await waitFor(() => page.querySelector('#redeem-confirm'), 15000, 'the confirm button');
  expect(textOf(page, 'redeem-role')).toBe('县级专家');
  expect(textOf(page, 'redeem-place')).toBe(usable.placeName);
  expect(present('error-message')).toBe(false);

  tap(page, 'redeem-confirm');
  const result = await waitFor(() => textOf(page, 'redeem-result'), 15000, 'the result');
  expect(result).toContain('县级专家');
  expect(result).toContain(usable.placeName);

  const stored = runtime.wx.storage.get(SESSION_KEY) as Session;
  const me = await api<Me>(stack.baseUrl, 'GET', '/api/me', stored.token);
  expect(me.roles).toContainEqual(expect.objectContaining({ role: 'county_expert', placeCode: COUNTY }));
  expect(stored.user.roles).toContainEqual(expect.objectContaining({ role: 'county_expert', placeCode: COUNTY }));
  // the code kept for after the login is done with
  expect(runtime.wx.storage.has(PENDING_KEY)).toBe(false);

  tap(page, 'redeem-home');
  const home = await waitFor(() => runtime.wx.navigations.find((n) => n.api === 'reLaunch'), 5000, 'back home');
  expect(home.url).toBe('/pages/index/index');
});
