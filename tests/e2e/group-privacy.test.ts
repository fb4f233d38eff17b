/**
 * No personal numbers in work groups (docs/domain.md R7), end to end on the H5 build (miniprogram/dist-h5)
 * served by the real server, in headless Chromium: 林红霞 (villager of 富民社区) logs in with her demo
 * identity, goes home → 工作群 → 富民社区工作群, sends a message with a mobile number and sees the
 * Chinese refusal with the 私下咨询法律顾问 button while the server stores nothing; then sends a
 * normal message, which appears in the chat and is stored once. The 私下咨询 button opens the ask
 * page without the number.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import type { GroupMessage, GroupMessagesReply, Session } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import { openBrowser, type Browser } from './support/browser';
import { findIdentity } from './support/demo';
import { openEntry } from './support/page';

const VILLAGE = '210921001001';
const GROUP_NAME = '富民社区工作群';

let stack: TestStack;
let browser: Browser | null = null;

beforeAll(async () => {
  stack = await startUiStack();
});

afterAll(async () => {
  if (browser) {
    if (browser.errors.length) console.warn('browser errors:\n' + browser.errors.join('\n'));
    await browser.close();
  }
  await stack?.stop();
});

async function serverMessages(session: Session): Promise<GroupMessage[]> {
  const r = await api<GroupMessagesReply>(
    stack.baseUrl,
    'GET',
    `/api/groups/${VILLAGE}/messages?after=0&limit=200`,
    session.token,
  );
  return r.items;
}

it('a villager cannot post a mobile number to her village group; a normal message goes through', async () => {
  const who = await findIdentity(stack.baseUrl, '林红霞', 'villager');
  const session = await demoLogin(stack.baseUrl, who.id);
  expect(session.user.village?.code).toBe(VILLAGE);

  // --- log in with the demo identity and go home → 工作群 → 富民社区工作群 -------------------------
  browser = await openBrowser();
  const { page } = browser;
  await page.goto(`${stack.baseUrl}/`);
  await page.waitForSelector('#demo-identities', { timeout: 20000 });
  await page.click(`#demo-${who.id}`);
  await openEntry(browser, 'link-groups');
  const entry = page.locator(`#open-${VILLAGE}`);
  await entry.waitFor({ timeout: 20000 });
  expect((await page.locator(`#group-name-${VILLAGE}`).textContent())?.trim()).toBe(GROUP_NAME);
  await entry.click();
  await page.waitForSelector('#msg-1', { timeout: 20000 });
  expect((await page.locator('#chat-title').textContent())?.trim()).toBe(GROUP_NAME);
  expect(await page.locator('#msg-text-1').textContent()).toContain('大家好，我是本村法律顾问');

  // --- a message with a mobile number: refused, nothing stored ---------------------------------
  const mobile = '13912345678';
  const privateText = `我家土地被占了，请打我电话 ${mobile} 联系我`;
  const before = await serverMessages(session);
  const input = page.locator('#composer-input textarea');
  await input.fill(privateText);
  await page.click('#composer-send');
  const refusal = page.locator('#private-refusal');
  await refusal.waitFor({ timeout: 20000 });
  expect(await refusal.textContent()).toContain('手机号码');
  expect(await refusal.textContent()).toContain('不能发到群里');
  await expect(page.locator('#ask-privately').textContent()).resolves.toContain('私下咨询法律顾问');
  const afterRefusal = await serverMessages(session);
  expect(afterRefusal).toHaveLength(before.length);
  expect(afterRefusal.some((m) => (m.text ?? '').includes(mobile))).toBe(false);
  expect(await page.locator('#chat-messages').textContent()).not.toContain(mobile);

  // --- a normal message: shown and stored once ---------------------------------------------------
  const text = `请问村里的土地被占用应该找谁处理？${Date.now()}`;
  await input.fill(text);
  await page.click('#composer-send');
  await page.waitForFunction((t) => (document.querySelector('#chat-messages')?.textContent ?? '').includes(t), text, {
    timeout: 20000,
  });
  expect(await page.locator('#private-refusal').count()).toBe(0);
  const stored = (await serverMessages(session)).filter((m) => m.text === text);
  expect(stored).toHaveLength(1);
  expect(stored[0]!.authorName).toBe('林红霞');
  expect((await page.locator(`#msg-author-${stored[0]!.seq}`).textContent())?.trim()).toContain('林红霞');

  // --- 私下咨询法律顾问 opens the ask page without the number ------------------------------------
  await input.fill(`电话 ${mobile}`);
  await page.click('#composer-send');
  await page.locator('#ask-privately').waitFor({ timeout: 20000 });
  await page.click('#ask-privately');
  await page.waitForFunction(() => location.hash.includes('/consult/ask/index'), undefined, { timeout: 20000 });
  expect(decodeURIComponent(page.url())).not.toContain(mobile);
  expect((await serverMessages(session)).some((m) => (m.text ?? '').includes(mobile))).toBe(false);
});
