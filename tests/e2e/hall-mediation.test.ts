/**
 * People's mediation through the service hall end to end (issue 16) on the H5 build, in headless
 * Chromium: 林红霞 applies (dispute kind, what happened, the other party and their phone); 王建国,
 * counsel of her village, finds it in 办事大厅待办, takes it (首问负责, after a confirmation), and
 * now sees the other party's phone; he records an agreement with its start and end; 林红霞 reads
 * 达成调解协议; his ledger (我的台账) shows the session as a 参与调解 entry.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import type { Case, LedgerEntryListReply } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { findIdentity, openAs } from './support/demo';
import { UI_TIMEOUT, answerConfirm, openEntry, textOf, visible, waitForText } from './support/page';
import { fill, pick } from './support/forms';
import { uiSuite } from './support/suite';

const suite = uiSuite();

it('a villager asks for mediation; her counsel takes it and records an agreement, which enters his ledger', async () => {
  const { stack } = suite;
  const villager = await findIdentity(stack.baseUrl, '林红霞', 'villager');
  const counsel = await findIdentity(stack.baseUrl, '王建国', 'counsel');
  const counselSession = await demoLogin(stack.baseUrl, counsel.id);
  const villagerSession = await demoLogin(stack.baseUrl, villager.id);
  const tag = Date.now().toString(36);
  const terms = `双方同意由邻居拆除占地的围墙，并赔偿损失八百元（${tag}）`;

  // 1. the villager: 服务大厅 → 人民调解
  const v = suite.keep(await openAs(stack.baseUrl, villager));
  await openEntry(v, 'link-hall');
  await visible(v, 'hall-mediation').click({ timeout: UI_TIMEOUT });
  await waitForText(v, 'apply-title', '申请人民调解');
  await pick(v, 'apply-dispute-picker', 0); // 邻里纠纷
  await waitForText(v, 'apply-dispute', '邻里纠纷');
  await fill(v, 'apply-account', `邻居砌围墙占了我家宅基地半米，说了不听（${tag}）`);
  await fill(v, 'apply-other-name', '赵大山', 'input');
  await fill(v, 'apply-other-phone', '13900001111', 'input');
  expect(await textOf(v, 'apply-phone-note')).toContain('只有负责调解的人能看到');
  await visible(v, 'apply-submit').click();
  await waitForText(v, 'case-status', '待受理');
  const caseId = new URL(v.page.url().replace('/#/', '/')).searchParams.get('id')!;
  expect(await textOf(v, 'case-title')).toBe('邻里纠纷（对方：赵大山）');

  // 2. the counsel: from his inbox, takes it after a confirmation; the other party's phone shows then
  const c = suite.keep(await openAs(stack.baseUrl, counsel));
  await openEntry(c, 'link-case-inbox');
  await visible(c, `case-${caseId}`).click({ timeout: UI_TIMEOUT });
  await waitForText(c, 'case-status', '待受理');
  expect(await c.page.locator('#case-detail-otherPartyPhone:visible').count()).toBe(0);
  await visible(c, 'act-take').click();
  expect(await answerConfirm(c)).toContain('首问负责');
  await waitForText(c, 'case-status', '办理中');
  expect(await textOf(c, 'case-detail-otherPartyPhone')).toContain('13900001111');

  // 3. he records the agreement with its start and end (an hour ago until now, the form's default)
  await visible(c, 'act-settle').click();
  await visible(c, 'act-outcome-agreement').click();
  await fill(c, 'act-text', terms);
  await visible(c, 'act-times').waitFor({ timeout: UI_TIMEOUT });
  await visible(c, 'act-submit').click();
  await waitForText(c, 'case-status', '已办结');

  const done = await api<Case>(stack.baseUrl, 'GET', `/api/cases/${caseId}`, villagerSession.token);
  expect(done).toMatchObject({ status: 'done', outcome: 'agreement', handlerName: '王建国' });
  // she gave the number, so she reads it back; the staff who oversee the village never do
  expect(done.details.otherPartyPhone).toBe('13900001111');
  const staff = await demoLogin(stack.baseUrl, (await findIdentity(stack.baseUrl, '王志强', 'township_staff')).id);
  const overseen = await api<Case>(stack.baseUrl, 'GET', `/api/cases/${caseId}`, staff.token);
  expect(overseen.details.otherPartyPhone).toBeUndefined();
  const settled = done.steps.find((s) => s.kind === 'settle')!;
  expect(settled.text).toBe(terms);

  // 4. the villager reads the outcome
  await v.page.reload();
  await waitForText(v, 'case-outcome', '办理结果：达成调解协议');
  expect(await textOf(v, `step-outcome-${settled.n}`)).toBe('结果：达成调解协议');

  // 5. the counsel's ledger holds the session as 参与调解, and 我的台账 lists it
  const entries = await api<LedgerEntryListReply>(stack.baseUrl, 'GET', '/api/ledger/entries', counselSession.token);
  const entry = entries.items.find((e) => e.kind === 'mediation' && e.summary.includes(terms));
  expect(entry).toBeDefined();
  expect(entry!.minutes).toBeGreaterThanOrEqual(59);
  await openEntry(c, 'ledger-entries');
  await visible(c, `entry-${entry!.id}`).waitFor({ timeout: UI_TIMEOUT });
  expect(await textOf(c, `entry-${entry!.id}`)).toContain('参与调解');
});
