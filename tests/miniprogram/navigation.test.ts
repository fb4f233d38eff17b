/**
 * Navigation (issue 14 item 1) in the COMPILED weapp build, in miniprogram-simulate against a real
 * running server: a tab bar of 首页 / 办事 / 我的 in the main package; 首页 keeps what waits, 办事
 * holds everything the roles allow; tabs are reached by switchTab; an address that names no page
 * lands on 页面不存在, which leads home.
 * Needs `npm run build:weapp -w miniprogram`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Session } from '@vc/types';
import { demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { DIST, SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const WAIT = 15000;
let stack: TestStack;
let runtime: WeappRuntime;
const pages: SimComponent[] = [];

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

/** A page module registers once per runtime: the first open renders it, later ones show it again as another person. */
const opened = new Map<string, SimComponent>();
function open(session: Session | null, route: string): SimComponent {
  if (session) runtime.wx.storage.set(SESSION_KEY, session);
  const shown = opened.get(route);
  if (shown) {
    (shown.instance.onShow as () => void).call(shown.instance);
    return shown;
  }
  const page = runtime.openPage(route, {});
  opened.set(route, page);
  pages.push(page);
  return page;
}

const navigatedTo = (url: string) =>
  waitFor(() => runtime.wx.navigations.find((n) => n.url.split('?')[0] === url), WAIT, `navigation to ${url}`);

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});

afterAll(async () => {
  for (const p of pages) p.detach();
  await stack?.stop();
});

it('the compiled app has a tab bar of 首页, 办事 and 我的, all in the main package, and a title bar on H5 too', () => {
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    pages: string[];
    tabBar: { list: { pagePath: string; text: string }[] };
    window: { navigationStyle?: string };
  };
  expect(app.tabBar.list.map((t) => [t.pagePath, t.text])).toEqual([
    ['pages/index/index', '首页'],
    ['pages/work/index', '办事'],
    ['pages/me/index', '我的'],
  ]);
  for (const tab of app.tabBar.list) expect(app.pages).toContain(tab.pagePath);
  expect(app.window.navigationStyle).toBe('default');
});

it('a counsel’s 办事 holds the ledger, the inbox and the groups; 首页 leads there by switchTab', async () => {
  const counsel = await loginAs('王建国');
  const work = open(counsel, 'pages/work/index');
  await waitFor(() => work.querySelector('#ledger-entry'), WAIT, 'the ledger entries');
  for (const id of ['link-groups', 'link-inbox', 'ledger-progress', 'link-counsel-profile', 'link-redeem']) {
    expect(work.querySelector(`#${id}`)).toBeTruthy();
  }
  // a villager's entry is not a counsel's
  expect(work.querySelector('#link-ask')).toBeFalsy();

  const home = open(counsel, 'pages/index/index');
  await waitFor(() => home.querySelector('#home-work'), WAIT, 'the home page');
  expect(home.querySelector('#ledger-entry')).toBeFalsy(); // the whole list is on 办事, not twice
  tap(home, 'home-work');
  expect((await navigatedTo('/pages/work/index')).api).toBe('switchTab');
});

it('a villager’s home asks first; 办事 has asking, her consultations and the groups', async () => {
  const villager = await loginAs('林红霞');
  const work = open(villager, 'pages/work/index');
  await waitFor(() => work.querySelector('#link-ask'), WAIT, 'the villager entries');
  expect(work.querySelector('#link-my-consultations')).toBeTruthy();
  expect(work.querySelector('#link-groups')).toBeTruthy();
  expect(work.querySelector('#ledger-entry')).toBeFalsy();
});

it('an address that names no page lands on 页面不存在, which leads home', async () => {
  const before = runtime.wx.navigations.length;
  runtime.pageNotFound('consult/nothing/index');
  const nav = await waitFor(
    () => runtime.wx.navigations.slice(before).find((n) => n.url === '/pages/not-found/index'),
    WAIT,
    'the redirect',
  );
  expect(nav.api).toBe('redirectTo');

  const page = open(null, 'pages/not-found/index');
  await waitFor(() => textOf(page, 'not-found'), WAIT, 'the page');
  expect(textOf(page, 'not-found')).toContain('页面不存在');
  tap(page, 'not-found-home');
  expect((await navigatedTo('/pages/index/index')).api).toBe('switchTab');
});

it('a page whose data cannot be had (not found, not hers to see) says why and leads back or home', async () => {
  const villager = await loginAs('林红霞');

  // a consultation that does not exist: the server's words, then home
  runtime.wx.storage.set(SESSION_KEY, villager);
  const thread = runtime.openPage('consult/thread/index', { id: '0123456789abcdef01234567' });
  pages.push(thread);
  expect(await waitFor(() => textOf(thread, 'error-message'), WAIT, 'the refusal')).toBe('找不到该咨询');
  expect(textOf(thread, 'page-error-back')).toBe('返回上一页');
  const before = runtime.wx.navigations.length;
  tap(thread, 'page-error-home');
  const home = await waitFor(
    () => runtime.wx.navigations.slice(before).find((n) => n.url === '/pages/index/index'),
    WAIT,
    'home',
  );
  expect(home.api).toBe('switchTab');

  // a township's overdue list is not a villager's to see: the refusal in Chinese, and a way back
  const overdue = runtime.openPage('consult/overdue/index', { townshipCode: '210921001' });
  pages.push(overdue);
  const refusal = await waitFor(() => textOf(overdue, 'error-message'), WAIT, 'the refusal');
  expect(refusal).toMatch(/[\u4e00-\u9fa5]/);
  expect(textOf(overdue, 'page-error-home')).toBe('回到首页');
});
