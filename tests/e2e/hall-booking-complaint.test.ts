/**
 * Booking the counsel and a complaint through the service hall (issue 16) on the H5 build, in
 * headless Chromium:
 * - 林红霞 books her counsel for the default time (the next weekday 9:00), reading his on-site
 *   hours; 王建国 confirms it from 办事大厅待办 after a confirmation; she reads 已确认.
 * - 林红霞 complains about her counsel (picked from the village's notice board); only the county
 *   sees it: 赵振华 answers it from his inbox, she reads 已答复, and 王建国 cannot open it.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import type { Case, NoticeBoard } from '@vc/types';
import { HttpError, api, demoLogin } from '../miniprogram/support/http';
import type { Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { fill } from './support/forms';
import { UI_TIMEOUT, answerConfirm, openEntry, textOf, visible, waitForText } from './support/page';
import { uiSuite } from './support/suite';

const VILLAGE = '210921001001';
const suite = uiSuite();

/** From 办事 → 服务大厅, one of its four entries. */
async function openService(b: Browser, entry: string): Promise<void> {
  await openEntry(b, 'link-hall');
  await visible(b, entry).click({ timeout: UI_TIMEOUT });
  await visible(b, 'apply-submit').waitFor({ timeout: UI_TIMEOUT });
}

async function openFromInbox(b: Browser, caseId: string): Promise<void> {
  await openEntry(b, 'link-case-inbox');
  await visible(b, `case-${caseId}`).click({ timeout: UI_TIMEOUT });
  await visible(b, 'case-status').waitFor({ timeout: UI_TIMEOUT });
}

const caseIdOf = (b: Browser) => new URL(b.page.url().replace('/#/', '/')).searchParams.get('id')!;

it('a booking confirmed by the counsel; a complaint about him answered by the county, out of his sight', async () => {
  const { stack } = suite;
  const villager = await findIdentity(stack.baseUrl, '林红霞', 'villager');
  const counsel = await findIdentity(stack.baseUrl, '王建国', 'counsel');
  const county = await findIdentity(stack.baseUrl, '赵振华', 'county_staff');
  const villagerSession = await demoLogin(stack.baseUrl, villager.id);
  const counselSession = await demoLogin(stack.baseUrl, counsel.id);
  const board = await api<NoticeBoard>(stack.baseUrl, 'GET', `/api/villages/${VILLAGE}/notice-board`, villagerSession.token);
  const card = board.counsel.find((c) => c.name === '王建国')!;
  expect(card).toBeDefined();
  const tag = Date.now().toString(36);

  // 1. the booking, at the default time, with the counsel's on-site hours shown
  const v = suite.keep(await openAs(stack.baseUrl, villager));
  await openService(v, 'hall-booking');
  expect(await textOf(v, 'apply-time')).toBe('09:00');
  expect(await textOf(v, `apply-hours-${card.id}`)).toBe(`王建国驻村时间：${card.onSiteHours}`);
  await fill(v, 'apply-account', `想当面问问土地流转合同怎么签（${tag}）`);
  await visible(v, 'apply-submit').click();
  await waitForText(v, 'case-status', '待受理');
  const bookingId = caseIdOf(v);
  const booked = await api<Case>(stack.baseUrl, 'GET', `/api/cases/${bookingId}`, villagerSession.token);
  const at = new Date(booked.scheduledAt!);
  // 9:00 Beijing time on a weekday
  expect(at.getUTCHours()).toBe(1);
  expect([0, 6]).not.toContain(new Date(at.getTime() + 8 * 3600000).getUTCDay());

  // 2. the counsel confirms it
  const c = suite.keep(await openAs(stack.baseUrl, counsel));
  await openFromInbox(c, bookingId);
  await visible(c, 'act-confirm').click();
  expect(await answerConfirm(c)).toContain('确认后申请人会按约定时间到村里见您');
  await waitForText(c, 'case-status', '已确认');
  await v.page.reload();
  await waitForText(v, 'case-status', '已确认');

  // 3. the complaint about him, the counsel picked from the notice board
  const account = `约好的时间法律顾问迟到了一个小时（${tag}）`;
  await openService(v, 'hall-complaint');
  await visible(v, 'apply-about-counsel').click();
  await visible(v, `apply-counsel-${card.id}`).click({ timeout: UI_TIMEOUT });
  expect(await textOf(v, 'apply-complaint-note')).toContain('被投诉的法律顾问和乡镇看不到');
  await fill(v, 'apply-account', account);
  await visible(v, 'apply-submit').click();
  await waitForText(v, 'case-status', '待受理');
  const complaintId = caseIdOf(v);
  expect(await textOf(v, 'case-detail-counselName')).toContain('王建国');
  expect(await textOf(v, 'case-detail-about')).toContain('对法律顾问');

  // 4. the county answers it
  const k = suite.keep(await openAs(stack.baseUrl, county));
  await openFromInbox(k, complaintId);
  await visible(k, 'act-answer').click();
  await fill(k, 'act-text', '已约谈该法律顾问，要求今后按约定时间到村服务');
  await visible(k, 'act-submit').click();
  await waitForText(k, 'case-status', '已办结');
  await v.page.reload();
  await waitForText(v, 'case-outcome', '办理结果：已答复');

  // 5. the counsel complained about cannot open it, nor find it in his inbox
  const refused = await api(stack.baseUrl, 'GET', `/api/cases/${complaintId}`, counselSession.token).then(
    () => null,
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(HttpError);
  expect((refused as HttpError).status).toBe(404);
  const inbox = await api<{ items: { id: string }[] }>(
    stack.baseUrl,
    'GET',
    '/api/cases/inbox?status=done',
    counselSession.token,
  );
  expect(inbox.items.map((i) => i.id)).not.toContain(complaintId);
});
