/**
 * Large-text mode (适老化, issue 14 item 7) in the COMPILED weapp build, in miniprogram-simulate
 * against a real running server: 字体大小 in 我的 switches every page's root to the `text-large`
 * class and keeps the choice on the phone; a page opened later reads it; with no choice made, the
 * app follows WeChat's font setting (fontSizeSetting larger than the standard 17 px); and the
 * compiled app.wxss multiplies its sizes by --vc-scale, 1.25 under .text-large.
 * Needs `npm run build:weapp -w miniprogram`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Session } from '@vc/types';
import { demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { DIST, SESSION_KEY, bootWeapp, tap, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const WAIT = 15000;
const TEXT_SIZE_KEY = 'vc.textSize';
let stack: TestStack;
let runtime: WeappRuntime;
let villager: Session;
const pages: SimComponent[] = [];

/** Whether the page's root (shared/components/Screen.tsx) carries the large-text class (class names are prefixed in the DOM). */
const rootIsLarge = (page: SimComponent) => {
  const root =
    page.dom.querySelector('[class~="page"], [class$="page"], [class*="page "]') ?? page.dom.querySelector('[class*="page"]');
  if (!root) throw new Error('no page root rendered');
  return /(^|\s|-)text-large(\s|$)/.test(root.getAttribute('class') ?? '');
};

function open(route: string): SimComponent {
  const page = runtime.openPage(route, {});
  pages.push(page);
  return page;
}

/** WeChat's font setting as getAppBaseInfo / getSystemInfoSync report it */
function systemFont(px: number) {
  for (const name of ['getAppBaseInfo', 'getSystemInfoSync'] as const) {
    const original = runtime.wx.api[name] as () => Record<string, unknown>;
    runtime.wx.api[name] = () => ({ ...original(), fontSizeSetting: px });
  }
}

beforeAll(async () => {
  stack = await startUiStack();
  villager = await demoLoginByName(stack.baseUrl, '林红霞');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: villager } });
});

afterAll(async () => {
  for (const p of pages) p.detach();
  await stack?.stop();
});

it('the compiled styles scale every size by --vc-scale, 1.25 under .text-large', () => {
  // app.wxss imports the app's own styles (app-origin.wxss) and the shared chunk's (common.wxss)
  const wxss = ['app.wxss', 'app-origin.wxss', 'common.wxss']
    .map((f) => readFileSync(path.join(DIST, f), 'utf8'))
    .join('\n')
    .replace(/\s+/g, '');
  expect(wxss).toMatch(/\.text-large\{--vc-scale:1\.25\}/);
  // body text at 32rpx (16 px on a 375 px phone), the grey labels too, buttons 96rpx tall
  expect(wxss).toMatch(/\.muted\{[^}]*font-size:calc\(32rpx\*var\(--vc-scale\)\)/);
  expect(wxss).toMatch(/\.btn\{[^}]*min-height:calc\(96rpx\*var\(--vc-scale\)\)/);
  // no 3.5:1 grey left in our own styles (NutUI's fallbacks, overridden by our theme variables, aside)
  const own = readFileSync(path.join(DIST, 'app-origin.wxss'), 'utf8');
  expect(own.match(/#888(?![0-9a-f])/gi)).toBeNull();
});

it('with no choice made, 我的 follows WeChat’s font setting; 大字 and 标准 switch this page and later ones, kept on the phone', async () => {
  systemFont(22); // WeChat 设置 › 字体大小 above standard
  const me = open('pages/me/index');
  await waitFor(() => me.querySelector('#text-size-large'), WAIT, 'the 字体大小 card');
  expect(runtime.wx.storage.has(TEXT_SIZE_KEY)).toBe(false);
  await waitFor(() => rootIsLarge(me), WAIT, 'large text from the system setting');
  expect(me.querySelector('#text-size-now')!.dom.textContent).toContain('大字');

  tap(me, 'text-size-standard');
  await waitFor(() => !rootIsLarge(me), WAIT, 'standard text');
  expect(runtime.wx.storage.get(TEXT_SIZE_KEY)).toBe('standard');

  tap(me, 'text-size-large');
  await waitFor(() => rootIsLarge(me), WAIT, 'large text');
  expect(runtime.wx.storage.get(TEXT_SIZE_KEY)).toBe('large');

  // a page of a subpackage opened afterwards draws large text too, even with WeChat at standard
  systemFont(17);
  const policy = open('privacy/policy/index');
  await waitFor(() => policy.querySelector('#privacy-title'), WAIT, 'the privacy policy page');
  expect(rootIsLarge(policy)).toBe(true);

  // back to 跟随系统: WeChat says standard now, so both pages go back to standard
  tap(me, 'text-size-system');
  await waitFor(() => !rootIsLarge(me) && !rootIsLarge(policy), WAIT, 'standard text on both pages');
  expect(runtime.wx.storage.has(TEXT_SIZE_KEY)).toBe(false);
});
