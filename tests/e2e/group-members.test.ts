/**
 * A county group of ~130 members moderated on a 375 px phone in Chromium (H5 build; issue 14 item 5).
 * Needs `npm run build:h5`. 赵振华 opens the 阜蒙县 group's manage page: a page of members with the
 * total, 王建国 found by name, a tap opens the action sheet at the bottom of the screen, 禁言 asks
 * how long (3 days) and why, the confirmation says what will happen; the toast shows in the
 * viewport, the card shows when the mute ends, and the server holds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GroupMembersReply, Session } from '@vc/types';
import { api, demoLoginByName } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import { openBrowser, type Browser } from './support/browser';
import { UI_TIMEOUT, textOf, visible, waitForShown, waitForText } from './support/page';

const COUNTY = '210921';
const DAY_MS = 24 * 60 * 60 * 1000;
/** screenshots of the steps, kept as artifacts (not compared) */
const SHOTS = path.resolve(__dirname, '../../.cache/screenshots/group-members');

async function screenshot(name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await b!.page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

let stack: TestStack;
let b: Browser | null = null;
let staff: Session;
let counsel: Session;

beforeAll(async () => {
  stack = await startUiStack();
  staff = await demoLoginByName(stack.baseUrl, '赵振华');
  counsel = await demoLoginByName(stack.baseUrl, '王建国');
});

afterAll(async () => {
  if (b && b.errors.length) console.warn('browser errors:\n' + b.errors.join('\n'));
  await b?.close();
  await stack?.stop();
});

const members = (query: string) =>
  api<GroupMembersReply>(stack.baseUrl, 'GET', `/api/groups/${COUNTY}/members?${query}`, staff.token);

/**
 * Whether the element comes to rest inside the 375×740 viewport (a person sees it without
 * scrolling); sheets and dialogs slide in, so this waits up to 5 s for the animation.
 */
async function inViewport(id: string): Promise<boolean> {
  for (let end = Date.now() + 5000; Date.now() < end;) {
    const box = await visible(b!, id).boundingBox();
    if (box && box.y >= 0 && box.y + box.height <= 740 && box.x >= 0 && box.x + box.width <= 375) return true;
    await b!.page.waitForTimeout(100);
  }
  await b!.page.screenshot({ path: `/tmp/vc-e2e-${id}.png` }).catch(() => undefined);
  return false;
}

it('赵振华 finds 王建国 among the county group and mutes him for 3 days from the action sheet', async () => {
  const all = await members('limit=20&offset=0');
  expect(all.total).toBeGreaterThan(100);

  b = await openBrowser();
  const { page } = b;
  await page.goto(`${stack.baseUrl}/`);
  await page.evaluate((s) => localStorage.setItem('vc.session', JSON.stringify({ data: s })), staff);
  await page.goto(`${stack.baseUrl}/#/groups/manage/index?code=${COUNTY}`);
  await waitForText(b, 'members-title', `成员（${all.total}）`);
  expect(await textOf(b, 'members-more-count')).toBe(`已显示 20 / 共 ${all.total} 条`);
  expect(await page.locator('[id^=member-]:visible').filter({ hasText: '成员' }).count()).toBeGreaterThan(0);

  await screenshot('01-members');
  await page.fill('#member-query input:visible', '王建国');
  await page.click('#member-search:visible');
  await waitForText(b, 'members-title', '成员（1）');

  await page.click(`#member-${counsel.user.id}:visible`);
  await waitForShown(b, '#sheet-mute:visible');
  expect(await inViewport('sheet-mute')).toBe(true);
  expect(await textOf(b, 'sheet-remove')).toBe('移出本群');
  await screenshot('02-action-sheet');
  await page.click('#sheet-mute:visible');
  await page.click('#sheet-days-3:visible', { timeout: UI_TIMEOUT });
  await screenshot('03-reason');
  await page.fill('#moderate-reason input:visible', '在群里发布无关广告', { timeout: UI_TIMEOUT });
  await page.click('#moderate-submit:visible');

  const asked = await textOf(b, 'confirm-message');
  expect(asked).toContain('王建国 将被禁言 3 天');
  expect(asked).toContain('原因：在群里发布无关广告');
  expect(await inViewport('confirm-message')).toBe(true);
  await screenshot('04-confirm');
  const before = Date.now();
  await page.click('.nut-dialog-footer-ok:visible:has-text("禁言")');

  await waitForShown(b, '#ok-message:visible');
  expect(await textOf(b, 'ok-message')).toBe('已禁言 王建国 3 天');
  expect(await inViewport('ok-message')).toBe(true);

  const [held] = (await members('q=王建国')).items;
  expect(held!.standing).toBe('muted');
  expect(Math.abs(new Date(held!.mutedUntil!).getTime() - before - 3 * DAY_MS)).toBeLessThan(60000);
  await waitForText(b, `member-standing-${counsel.user.id}`, '已禁言');
  await screenshot('05-muted');
  expect(await textOf(b, `member-muted-until-${counsel.user.id}`)).toMatch(/^禁言至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
});
