/**
 * Privacy in the COMPILED weapp build (issue 13), in miniprogram-simulate against a real running
 * server (tests/support/stack.ts):
 *
 * 1. the consent gate on the home page: a new person sees the policy's summary; 同意 records the
 *    consent on the server (不同意: privacy-refuse.test.ts, since a page loads once per test file);
 * 2. 我的: the account, the data copy (written to a file and offered to a chat), and cancelling the
 *    account in two steps (what is erased and what stays, then typing 注销), after which the session
 *    is gone and the same WeChat account logs in to a new person.
 *
 * Needs `npm run build:weapp -w miniprogram`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PrivacyStatus, Session } from '@vc/types';
import { HttpError, api, cloudLogin } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { DIST, SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

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

function input(id: string, value: string) {
  const node = page.querySelector(`#${id}`);
  if (!node) throw new Error(`#${id} not found`);
  node.dispatchEvent('input', { detail: { value } });
}

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the consent gate on the home page', () => {
  it('a new person sees the summary; 同意 records the consent on the server and the gate goes', async () => {
    const person = await newPerson('privacy-ui-agree');
    runtime.wx.storage.set(SESSION_KEY, person);
    page = runtime.openPage('pages/index/index');
    await waitFor(() => page.querySelector('#privacy-gate'), 15000, 'the consent gate');
    expect(textOf(page, 'privacy-gate-summary')).toContain('我们只收集');
    // 我的 is a tab of the compiled app, for everyone
    const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
      tabBar: { list: { pagePath: string; text: string }[] };
    };
    expect(app.tabBar.list).toContainEqual({ pagePath: 'pages/me/index', text: '我的' });

    tap(page, 'privacy-agree');
    await waitFor(() => !page.querySelector('#privacy-gate'), 15000, 'the gate gone');
    const status = await api<PrivacyStatus>(stack.baseUrl, 'GET', '/api/me/privacy', person.token);
    expect(status).toMatchObject({ consentNeeded: false, consents: [{ via: 'miniprogram', version: status.currentVersion }] });
  });
});

describe('我的', () => {
  let person: Session;

  it('shows the account and downloads the data copy as a file offered to a chat', async () => {
    person = await newPerson('privacy-ui-cancel');
    runtime.wx.storage.set(SESSION_KEY, person);
    page.detach();
    page = runtime.openPage('pages/me/index');
    await waitFor(() => page.querySelector('#me-download'), 15000, 'the page');
    expect(textOf(page, 'me-name')).toBe('微信用户');

    tap(page, 'me-download');
    await waitFor(() => textOf(page, 'ok-message'), 15000, 'the download done');
    expect(textOf(page, 'ok-message')).toContain('咨询 0 条');
    const shared = runtime.wx.sharedFiles.at(-1)!;
    expect(shared.fileName).toMatch(/^我的数据-\d{4}-\d{2}-\d{2}\.json$/);
    const copy = JSON.parse(runtime.wx.files.get(shared.filePath)!) as { profile: { id: string; villageCode: string } };
    expect(copy.profile).toMatchObject({ id: person.user.id, villageCode: VILLAGE });
  });

  it('cancels in two steps: what is erased and what stays, then typing 注销; no way back into the account', async () => {
    const cancels = () => runtime.wx.requests.filter((r) => r.url.endsWith('/api/me/cancel'));
    tap(page, 'me-cancel');
    await waitFor(() => textOf(page, 'cancel-erases'), 15000, 'step 1');
    expect(textOf(page, 'cancel-erases')).toContain('手机号');
    expect(textOf(page, 'cancel-keeps')).toContain('已注销用户');

    tap(page, 'cancel-next');
    await waitFor(() => page.querySelector('#cancel-input'), 5000, 'step 2');
    tap(page, 'cancel-confirm'); // nothing typed: disabled
    input('cancel-input', '确定');
    tap(page, 'cancel-confirm'); // the wrong word: still disabled
    await new Promise((r) => setTimeout(r, 200));
    expect(cancels()).toHaveLength(0);

    input('cancel-input', '注销');
    await waitFor(() => !page.querySelector('#cancel-confirm')?.dom.getAttribute('style')?.includes('opacity'), 5000, 'enabled');
    tap(page, 'cancel-confirm');
    await waitFor(() => page.querySelector('#cancel-done'), 15000, 'cancelled');
    expect(cancels().map((r) => r.status)).toEqual([200]);
    expect(textOf(page, 'cancel-done-kept')).toContain('已注销用户');
    expect(runtime.wx.storage.get(SESSION_KEY)).toBeFalsy();
    expect(await refusedWith(api(stack.baseUrl, 'GET', '/api/me', person.token))).toBe(401);
    // the same WeChat account now logs in to a new person
    const again = await newPerson('privacy-ui-cancel');
    expect(again.user.id).not.toBe(person.user.id);
  });
});
