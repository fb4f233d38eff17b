/**
 * The consent gate's refusal in the COMPILED weapp build (issue 13): a new person taps 不同意 on the
 * home page and is logged out, on the phone and on the server, with the reason and a way back to
 * the login page. (Agreeing, and 我的: privacy.test.ts; a page loads once per test file.)
 *
 * Needs `npm run build:weapp -w miniprogram`.
 */
import type { Session } from '@vc/types';
import { HttpError, api, cloudLogin } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const VILLAGE = '210921001001';
const SECRET = 'dev-only-cloud-shared-secret'; // the server's development default

let stack: TestStack;
let runtime: WeappRuntime;
let page: SimComponent;

/** A new person as the login cloud function makes them (a signed call with the trusted openid), bound to the village. */
async function newPerson(openid: string): Promise<Session> {
  const session = await cloudLogin(stack.baseUrl, SECRET, openid);
  const user = await api<Session['user']>(stack.baseUrl, 'POST', '/api/me/village', session.token, { villageCode: VILLAGE });
  return { ...session, user };
}

const refusedWith = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: unknown) => (e instanceof HttpError ? e.status : 0),
  );

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the consent gate on the home page', () => {
  it('不同意 logs the person out, on the phone and on the server, and says why', async () => {
    const person = await newPerson('privacy-ui-refuse');
    runtime.wx.storage.set(SESSION_KEY, person);
    page = runtime.openPage('pages/index/index');
    await waitFor(() => page.querySelector('#privacy-refuse'), 15000, 'the consent gate');
    tap(page, 'privacy-refuse');
    await waitFor(() => page.querySelector('#privacy-refused'), 15000, 'the explanation');
    expect(textOf(page, 'privacy-refused')).toContain('没有同意隐私政策');
    expect(runtime.wx.storage.get(SESSION_KEY)).toBeFalsy();
    // the session was ended on the server too
    let status = 200;
    for (let i = 0; i < 50 && status !== 401; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      status = await refusedWith(api(stack.baseUrl, 'GET', '/api/me', person.token));
    }
    expect(status).toBe(401);
    const before = runtime.wx.navigations.length;
    expect(runtime.wx.navigations.some((n) => n.url === '/pages/login/index')).toBe(false);
    tap(page, 'privacy-refused-login');
    await waitFor(() => runtime.wx.navigations.slice(before).some((n) => n.url === '/pages/login/index'), 5000, 'the login page');
  });
});
