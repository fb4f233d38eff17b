/**
 * Each role's main path through the navigation (issue 14), on the H5 build served by the real
 * server in headless Chromium at 375 px, asserting what a person sees:
 * - the counsel's home counts the questions waiting for him (the same figure as /api/me/todo),
 *   leads to one, and his answer at the foot of a long page is confirmed by a toast inside the
 *   viewport (where his eyes are), not by a line at the top; back home, the count is one less;
 * - township staff see the counts of join requests, held posts, entries to review and overdue
 *   questions of their township, each the server's figure;
 * - county staff see the villages without counsel and those behind, each the server's figure;
 * - everyone has 我的 with profile, notices, the privacy policy and 退出登录.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import type { Consultation, DemoIdentity, TodoReply } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import type { Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { uiSuite } from './support/suite';
import { UI_TIMEOUT, tapTab, textOf, visible, waitForText } from './support/page';

const VILLAGE = '210921001001';

const suite = uiSuite();

const identity = (name: string, role: DemoIdentity['role']) => findIdentity(suite.stack.baseUrl, name, role);

async function signedIn(who: DemoIdentity): Promise<{ b: Browser; todo: TodoReply }> {
  const session = await demoLogin(suite.stack.baseUrl, who.id);
  const todo = await api<TodoReply>(suite.stack.baseUrl, 'GET', '/api/me/todo', session.token);
  const b = await openAs(suite.stack.baseUrl, who);
  suite.keep(b);
  await visible(b, 'home-todo').waitFor({ timeout: UI_TIMEOUT });
  return { b, todo };
}

/** The element lies wholly inside the visible part of the page (the viewport), not above or below it. */
async function inViewport(b: Browser, id: string): Promise<boolean> {
  const box = await visible(b, id).boundingBox();
  const view = b.page.viewportSize();
  if (!box || !view) return false;
  return box.y >= 0 && box.y + box.height <= view.height && box.x >= 0 && box.x + box.width <= view.width;
}

/** 我的 holds the person's account, notices, the privacy policy and logging out. */
async function hasMe(b: Browser): Promise<void> {
  await tapTab(b, '我的');
  for (const id of ['me-profile', 'me-notices', 'me-policy', 'logout']) {
    await visible(b, id).waitFor({ timeout: UI_TIMEOUT });
  }
  await tapTab(b, '首页');
}

it('the counsel sees the questions waiting, answers one, and the toast shows where he is looking', async () => {
  const villager = await demoLogin(suite.stack.baseUrl, (await identity('林红霞', 'villager')).id);
  const question = `村里修路占了我家承包地，补偿款一直没发，怎么办？（e2e ${Date.now()}）`;
  const asked = await api<Consultation>(suite.stack.baseUrl, 'POST', '/api/consultations', villager.token, {
    clientKey: `walk-${Date.now().toString(36)}`,
    question,
  });

  const { b, todo } = await signedIn(await identity('王建国', 'counsel'));
  const waiting = todo.counsel!.waitingQuestions.count;
  expect(waiting).toBeGreaterThan(0);
  expect(await textOf(b, 'todo-waiting-number')).toBe(String(waiting));
  await hasMe(b);

  // the newest question is among the most urgent? open it from the inbox either way
  const item = visible(b, `todo-question-${asked.id}`);
  if (await item.count()) await item.click();
  else await b.page.goto(`${suite.stack.baseUrl}/#/consult/thread/index?id=${asked.id}`);
  await visible(b, 'answer-text').waitFor({ timeout: UI_TIMEOUT });
  await b.page.fill('#answer-text textarea', '可以先向村委会书面申请公开补偿款发放情况，我下周驻村时当面帮您核对。');
  await visible(b, 'answer-submit').scrollIntoViewIfNeeded();
  await b.page.click('#answer-submit');
  await waitForText(b, 'ok-message', '已答复');
  expect(await inViewport(b, 'ok-message')).toBe(true);

  // home again: one question fewer waiting
  await b.page.goto(`${suite.stack.baseUrl}/`);
  await waitForText(b, 'todo-waiting-number', String(waiting - 1));
});

it('township staff see their township’s counts as the server counts them', async () => {
  const { b, todo } = await signedIn(await identity('王志强', 'township_staff'));
  const t = todo.townships[0]!;
  expect(t).toBeDefined();
  const code = t.townshipCode;
  expect(await textOf(b, `todo-joins-${code}-number`)).toBe(String(t.joinRequests.count));
  expect(await textOf(b, `todo-held-${code}-number`)).toBe(String(t.heldPosts.count));
  expect(await textOf(b, `todo-reviews-${code}-number`)).toBe(String(t.ledgerReviews.count));
  expect(await textOf(b, `todo-overdue-${code}-number`)).toBe(String(t.overdueQuestions.count));
  await hasMe(b);
});

it('county staff see the villages without counsel and those behind, as the server counts them', async () => {
  const { b, todo } = await signedIn(await identity('赵振华', 'county_staff'));
  const c = todo.counties[0]!;
  expect(c).toBeDefined();
  expect(await textOf(b, `todo-uncovered-${c.countyCode}-number`)).toBe(String(c.villagesWithoutCounsel.count));
  expect(await textOf(b, `todo-behind-${c.countyCode}-number`)).toBe(String(c.villagesBehind.count));
  await hasMe(b);
  expect(VILLAGE.startsWith(c.countyCode)).toBe(true);
});
