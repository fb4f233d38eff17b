/**
 * Legal aid through the service hall end to end (issue 16; R12) on the H5 build served by the real
 * server, in headless Chromium, each person in their own browser:
 * 林红霞 opens 服务大厅 → 法律援助, checks her eligibility (likely, against 1200 元) and applies;
 * 王志强 (township staff) finds it in 办事大厅待办 and asks for more material by a due date;
 * 林红霞 supplies it with a photo; 王志强 forwards it to the county; 赵振华 (county staff) grants
 * it with a lawyer; 林红霞 reads 给予法律援助 and the lawyer on her case, and rates it once.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Case, LegalAidTermsReply, Session } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import type { Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { UI_TIMEOUT, openEntry, textOf, visible, waitForText } from './support/page';
import { fill, pick } from './support/forms';
import { uiSuite } from './support/suite';

// a real 1×1 PNG: the photo of a document
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const suite = uiSuite();

/** Opens the case from the person's 办事大厅待办 (one tap from 办事). */
async function openFromInbox(b: Browser, caseId: string): Promise<void> {
  await openEntry(b, 'link-case-inbox');
  await visible(b, `case-${caseId}`).click({ timeout: UI_TIMEOUT });
  await visible(b, 'case-status').waitFor({ timeout: UI_TIMEOUT });
}

/** Opens one act's form, fills its text and sends it; waits for the case's new status. */
async function act(b: Browser, act: string, text: string, status: string, before?: () => Promise<void>): Promise<void> {
  await visible(b, `act-${act}`).click({ timeout: UI_TIMEOUT });
  await fill(b, 'act-text', text);
  if (before) await before();
  await visible(b, 'act-submit').click();
  await waitForText(b, 'case-status', status);
}

it('a villager checks and applies; the township asks for more, she supplies a photo; forwarded, granted, rated', async () => {
  const { stack } = suite;
  const villager = await findIdentity(stack.baseUrl, '林红霞', 'villager');
  const township = await findIdentity(stack.baseUrl, '王志强', 'township_staff');
  const county = await findIdentity(stack.baseUrl, '赵振华', 'county_staff');
  const session: Session = await demoLogin(stack.baseUrl, villager.id);
  const terms = await api<LegalAidTermsReply>(stack.baseUrl, 'GET', '/api/counties/210921/legal-aid/terms', session.token);
  const matterIndex = terms.matters.findIndex((m) => m.key === 'support_payments');
  expect(matterIndex).toBeGreaterThanOrEqual(0);
  const account = `儿子常年在外打工，不给我赡养费，我今年七十岁了（e2e ${Date.now()}）`;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'vc-hall-')), 'receipt.png');
  writeFileSync(file, PNG);

  // 1. the villager: 服务大厅 → 法律援助, the check, the application
  const v = suite.keep(await openAs(stack.baseUrl, villager));
  await openEntry(v, 'link-hall');
  await visible(v, 'hall-legal-aid').click({ timeout: UI_TIMEOUT });
  await pick(v, 'la-matter-picker', matterIndex);
  await waitForText(v, 'la-matter', terms.matters[matterIndex]!.label);
  await fill(v, 'la-size', '3', 'input');
  await fill(v, 'la-income', '2400', 'input');
  await visible(v, 'la-check').click();
  await waitForText(v, 'la-likely', '您很可能符合法律援助条件');
  expect(await textOf(v, 'la-reason-1')).toContain('家庭人均月收入约800元，不高于本县标准1200元');
  await fill(v, 'la-account', account);
  await visible(v, 'la-submit').click();
  await waitForText(v, 'case-status', '待受理');
  const caseId = new URL(v.page.url().replace('/#/', '/')).searchParams.get('id')!;
  expect(caseId).toMatch(/^[0-9a-f]{24}$/);
  expect(await textOf(v, 'case-detail-account')).toContain(account);

  // 2. the township: from its inbox, asks for more material by a due date
  const t = suite.keep(await openAs(stack.baseUrl, township));
  await openFromInbox(t, caseId);
  expect(await textOf(t, 'case-applicant')).toContain('林红霞');
  await act(t, 'ask_material', '请补充儿子不付赡养费的证明，例如村委会出具的情况说明', '待您补充', async () => {
    expect(await textOf(t, 'act-due')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  const asked = await api<Case>(stack.baseUrl, 'GET', `/api/cases/${caseId}`, session.token);
  const askStep = asked.steps.find((s) => s.kind === 'ask_material')!;
  expect(askStep.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // 3. the villager supplies it, with a photo
  await v.page.reload();
  await waitForText(v, 'case-status', '待您补充');
  expect(await textOf(v, `step-due-${askStep.n}`)).toBe(`请于 ${askStep.dueDate} 前补充`);
  await act(v, 'supply', '已请村委会开了情况说明，照片附上', '办理中', async () => {
    const [chooser] = await Promise.all([
      v.page.waitForEvent('filechooser', { timeout: UI_TIMEOUT }),
      visible(v, 'act-photos-add').click(),
    ]);
    await chooser.setFiles(file);
    await visible(v, 'act-photos-0').waitFor({ timeout: UI_TIMEOUT });
  });
  const supplied = await api<Case>(stack.baseUrl, 'GET', `/api/cases/${caseId}`, session.token);
  const supplyStep = supplied.steps.find((s) => s.kind === 'supply')!;
  expect(supplyStep.photoIds).toHaveLength(1);
  await v.page.waitForFunction(
    (sel) => {
      const img = document.querySelector<HTMLImageElement>(`${sel} img`);
      return !!img && img.complete && img.naturalWidth === 1;
    },
    `#step-photos-${supplyStep.n}-0`,
    { timeout: UI_TIMEOUT },
  );

  // 4. the township forwards it to the county
  await t.page.reload();
  await waitForText(t, 'case-status', '办理中');
  await act(t, 'forward', '材料齐全，符合条件，转县法律援助中心', '待受理');
  expect(await textOf(t, 'case-handler')).toContain('县级办理');

  // 5. the county grants it with a lawyer
  const c = suite.keep(await openAs(stack.baseUrl, county));
  await openFromInbox(c, caseId);
  await act(c, 'decide', '符合法律援助条件，同意给予法律援助', '已办结', async () => {
    await visible(c, 'act-outcome-granted').click();
    await fill(c, 'act-lawyer', '张明 律师（城区律师事务所）', 'input');
  });

  // 6. the villager reads the result and the lawyer, and rates it
  await v.page.reload();
  await waitForText(v, 'case-outcome', '办理结果：给予法律援助');
  const done = await api<Case>(stack.baseUrl, 'GET', `/api/cases/${caseId}`, session.token);
  const decided = done.steps.find((s) => s.kind === 'decide')!;
  expect(await textOf(v, `step-lawyer-${decided.n}`)).toBe('指派律师：张明 律师（城区律师事务所）');
  expect(await textOf(v, `step-outcome-${decided.n}`)).toBe('结果：给予法律援助');
  expect(await textOf(v, `step-took-${decided.n}`)).toMatch(/^用时 \d+(\.\d+)? 小时$/);
  for (const [row, n] of [
    ['attitude', 5],
    ['efficiency', 4],
    ['competence', 5],
  ] as const)
    await visible(v, `rate-${row}-${n}`).click();
  await visible(v, 'rate-submit').click();
  await visible(v, 'case-rating').waitFor({ timeout: UI_TIMEOUT });
  const rated = await api<Case>(stack.baseUrl, 'GET', `/api/cases/${caseId}`, session.token);
  expect(rated.rating).toMatchObject({ attitude: 5, efficiency: 4, competence: 5 });
  expect(rated.can).toEqual([]);
  expect(rated.steps.map((s) => s.kind)).toEqual(['opened', 'ask_material', 'supply', 'forward', 'decide', 'rated']);
});
