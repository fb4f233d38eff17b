/**
 * Issue 17, in the COMPILED weapp (miniprogram-simulate) against a real server: a villager chooses
 * traditional Mongolian in 我的. The translation is downloaded then (not bundled), the page redraws
 * in it, the tab bar's words and the Mongolian font follow, the phone and the account keep the
 * choice, and the server's error messages come back in it.
 * Needs `npm run build:weapp -w miniprogram`.
 */
import type { Me, Session } from '@vc/types';
import mnCommon from '../../types/src/i18n/locales/mn-Mong/common.json';
import mnErrors from '../../types/src/i18n/locales/mn-Mong/errors.json';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const WAIT = 15000;
const MONGOLIAN = /[\u1820-\u18AA]/;
let stack: TestStack;
let runtime: WeappRuntime;
const pages: SimComponent[] = [];

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});

afterAll(async () => {
  for (const p of pages) p.detach();
  await stack?.stop();
});

it('a villager switches to Mongolian in 我的: page, tab bar, title font and account follow', async () => {
  const villager: Session = await demoLoginByName(stack.baseUrl, '林红霞');
  runtime.wx.storage.set(SESSION_KEY, villager);
  const me = runtime.openPage('pages/me/index', {});
  pages.push(me);
  await waitFor(() => me.querySelector('#language-mn-Mong'), WAIT, 'the language card');
  expect(textOf(me, 'language')).toContain('语言');
  // Chinese is bundled: nothing was downloaded for it
  expect(runtime.wx.requests.some((r) => r.url.includes('/api/i18n/'))).toBe(false);

  tap(me, 'language-mn-Mong');
  // (the languages' own names are in their scripts whatever the language: the card's words are what change)
  await waitFor(() => !(textOf(me, 'language') ?? '').includes('语言'), WAIT, 'the card in Mongolian');
  expect(textOf(me, 'language')).toContain(mnCommon.language.title);
  expect(textOf(me, 'language')).toContain(mnCommon.language.hint);
  expect(MONGOLIAN.test(mnCommon.language.hint)).toBe(true);
  expect(runtime.wx.requests.filter((r) => r.url.endsWith('/api/i18n/mn-Mong'))).toHaveLength(1);

  // the phone keeps it (with the downloaded words, for the next start) and so does the account
  expect(runtime.wx.storage.get('vc.language')).toBe('mn-Mong');
  expect(runtime.wx.storage.get('vc.i18n.mn-Mong')).toEqual(expect.objectContaining({ common: expect.any(Object) }));
  const account = await api<Me>(stack.baseUrl, 'GET', '/api/me', villager.token);
  expect(account.language).toBe('mn-Mong');

  // the tab bar's words and the script's font
  expect([0, 1, 2].map((i) => runtime.wx.tabTexts.get(i))).toEqual([mnCommon.tabs.home, mnCommon.tabs.work, mnCommon.tabs.me]);
  expect(runtime.wx.fonts.get('VC Mongolian')).toBe(`url("${stack.baseUrl}/fonts/noto-sans-mongolian.woff2")`);

  // every request now says the language, so the server's refusals come in it
  const thread = runtime.openPage('consult/thread/index', { id: '0123456789abcdef01234567' });
  pages.push(thread);
  const refusal = await waitFor(() => textOf(thread, 'error-message'), WAIT, 'the refusal');
  expect(refusal).toBe(mnErrors.CONSULTATION_NOT_FOUND);
  expect(MONGOLIAN.test(refusal)).toBe(true);
  const asked = runtime.wx.requests.filter((r) => r.url.includes('/api/consultations/0123456789abcdef01234567'));
  expect(asked.map((r) => r.header?.['X-VC-Language'])).toEqual(['mn-Mong']);

  // and back to Chinese
  tap(me, 'language-zh-Hans');
  await waitFor(() => (textOf(me, 'language') ?? '').includes('语言'), WAIT, 'the card in Chinese');
  expect(runtime.wx.tabTexts.get(0)).toBe('首页');
  expect((await api<Me>(stack.baseUrl, 'GET', '/api/me', villager.token)).language).toBe('zh-Hans');
});
