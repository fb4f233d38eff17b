/** What the H5 end-to-end tests read from a page, and the session the H5 app keeps. */
import type { Locator } from 'playwright-core';
import type { Session } from '@vc/types';
import type { Browser } from './browser';

/** How long a step may wait for the app: the e2e suites share two cores with the rest of the run. */
export const UI_TIMEOUT = 30000;

/** WeChat's browser on Android, as its user agent reads */
export const WECHAT_AGENT =
  'Mozilla/5.0 (Linux; Android 13; V2218A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 ' +
  'MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/** The visible element with this id (pages lower in the H5 stack stay in the DOM, hidden). */
export const visible = (b: Browser, id: string) => b.page.locator(`#${id}:visible`);

/** The visible element's text, whitespace collapsed. */
export async function textOf(b: Browser, id: string): Promise<string> {
  const l = visible(b, id);
  await l.waitFor({ timeout: UI_TIMEOUT });
  return ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until a visible element with this id reads exactly `expected` (whitespace collapsed). */
export async function waitForText(b: Browser, id: string, expected: string): Promise<void> {
  await b.page.waitForFunction(
    ({ sel, text }) =>
      Array.from(document.querySelectorAll(sel)).some(
        // getClientRects rather than offsetParent: the success toast is position: fixed
        (e) => e.getClientRects().length > 0 && (e.textContent ?? '').replace(/\s+/g, ' ').trim() === text,
      ),
    { sel: `#${id}`, text: expected },
    { timeout: UI_TIMEOUT },
  );
}

/**
 * Answers the confirmation an irreversible action asks first (shared/components/Feedback.tsx, a
 * NutUI Dialog): returns what it said, then taps its confirming button (or 取消).
 */
export async function answerConfirm(b: Pick<Browser, 'page'>, yes = true): Promise<string> {
  const said = await dialogText(b, 'confirm-message');
  await b.page.click(yes ? '.nut-dialog-footer-ok:visible' : '.nut-dialog-footer-cancel:visible', { timeout: UI_TIMEOUT });
  await b.page.locator('#confirm-message').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  return said;
}

async function dialogText(b: Pick<Browser, 'page'>, id: string): Promise<string> {
  const l = b.page.locator(`#${id}:visible`);
  await l.waitFor({ timeout: UI_TIMEOUT });
  return ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Reads the failure dialog (#error-message) and closes it with 知道了, so the page can be used again. */
export async function dismissError(b: Pick<Browser, 'page'>): Promise<string> {
  const said = await dialogText(b, 'error-message');
  await b.page.click('.nut-dialog-footer-ok:visible', { timeout: UI_TIMEOUT });
  await b.page.locator('#error-message').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  return said;
}

/**
 * Waits for a selector; when it does not come, the error says what the page showed instead (its
 * address, visible text and browser errors), so a failure in CI can be read without a rerun.
 */
export async function waitForShown(b: Browser, selector: string): Promise<void> {
  try {
    await b.page.waitForSelector(selector, { timeout: UI_TIMEOUT });
  } catch (err) {
    const shown = await b.page
      .evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 600))
      .catch(() => '(page unreadable)');
    const errors = b.errors.length ? `\nbrowser errors: ${b.errors.join(' | ')}` : '';
    throw new Error(`${selector} not shown within ${UI_TIMEOUT} ms at ${b.page.url()}\npage: ${shown}${errors}\n${String(err)}`);
  }
}

/** The session the H5 app keeps (Taro's H5 storage wraps the value as { data }). */
export async function storedSession(b: Browser): Promise<Session | null> {
  return b.page.evaluate(() => {
    const raw = localStorage.getItem('vc.session');
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { data?: unknown };
    const value = parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
    return (typeof value === 'string' ? JSON.parse(value) : value) as Session;
  });
}

/** Taps a tab of the tab bar (首页, 办事, 我的), shown on the tab pages. */
export async function tapTab(b: Browser, label: '首页' | '办事' | '我的'): Promise<void> {
  await b.page.locator('.weui-tabbar__item:visible', { hasText: label }).click({ timeout: UI_TIMEOUT });
}

/** A tab page, the login page (which leads to one), or the bare address (the home tab). */
const NEAR_TABS = /(#\/pages\/(index|work|me|login)\/index([?].*)?|\/#?\/?)$/;

/**
 * Opens one of the role's entries (pages/index/entries.ts), which live on the 办事 tab: taps the
 * tab first when the entry is not on screen; from a page without the tab bar, goes home first.
 */
export async function openEntry(b: Browser, id: string): Promise<void> {
  const entry = visible(b, id);
  const tabs = b.page.locator('.weui-tabbar__item:visible');
  if (!NEAR_TABS.test(b.page.url())) await b.page.goto(new URL('/', b.page.url()).toString());
  // a login under way lands on the home tab: wait for the entry or the tab bar, whichever shows
  const shown = (l: Locator) =>
    l
      .first()
      .waitFor({ timeout: UI_TIMEOUT })
      .then(
        () => true,
        () => false,
      );
  await Promise.race([shown(entry), shown(tabs)]);
  if ((await entry.count()) === 0) await tapTab(b, '办事');
  await entry.click({ timeout: UI_TIMEOUT });
}
