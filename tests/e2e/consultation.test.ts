/**
 * A private consultation end to end (docs/domain.md R8-R10) on the H5 build (miniprogram/dist-h5) served by
 * the real server, in headless Chromium, each person in their own browser context:
 * 林红霞 asks through 私下咨询; 王建国 (her counsel) finds it in 咨询待办 and hands it to the township
 * with a reason; 王志强 (township staff) answers it from his inbox; 林红霞 sees the answer by 王志强
 * and the trail with the escalation and its reason, closes it and rates it 5/4/5; the server holds
 * one rating and the steps asked → escalated → answered → closed → rated, and refuses a second
 * rating with 409. Needs `npm run build:h5 -w miniprogram` first.
 */
import type { Consultation, ConsultationListReply, DemoIdentity } from '@vc/types';
import { PATHS, fillPath } from '@vc/types';
import { HttpError, api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import { openBrowser, type Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { textOf, visible, waitForText, openEntry, answerConfirm, dismissError } from './support/page';

const VILLAGE = '210921001001';
const VILLAGER = '林红霞';
const COUNSEL = '王建国';
const TOWNSHIP_STAFF = '王志强';

let stack: TestStack;
const browsers: Browser[] = [];

beforeAll(async () => {
  stack = await startUiStack();
});

afterAll(async () => {
  for (const b of browsers) {
    if (b.errors.length) console.warn('browser errors:\n' + b.errors.join('\n'));
    await b.close();
  }
  await stack?.stop();
});

const identity = (name: string, role: DemoIdentity['role']) => findIdentity(stack.baseUrl, name, role);

/** Staff open on their home page (openAs waits for the staff home). */
async function staffBrowser(who: DemoIdentity): Promise<Browser> {
  const b = await openAs(stack.baseUrl, who);
  browsers.push(b);
  return b;
}

/** A villager's home opens with asking her counsel. */
async function villagerBrowser(who: DemoIdentity): Promise<Browser> {
  const b = await openBrowser();
  browsers.push(b);
  await b.page.goto(`${stack.baseUrl}/`);
  await b.page.waitForSelector('#demo-identities', { timeout: 20000 });
  await b.page.click(`#demo-${who.id}`);
  await b.page.waitForSelector('#home-ask', { timeout: 20000 });
  return b;
}

it('asked by a villager, escalated by the counsel, answered by the township, closed and rated once', async () => {
  const question = `邻居在我家承包地上盖房，村里不管，我该怎么办？（e2e ${Date.now()}）`;
  const reason = '涉及宅基地审批，需要司法所协调国土部门';
  const answer = '已联系乡镇国土所核实，违建将依法处理；您也可以向乡镇人民政府申请调解。';
  const [villager, counsel, townshipStaff] = await Promise.all([
    identity(VILLAGER, 'villager'),
    identity(COUNSEL, 'counsel'),
    identity(TOWNSHIP_STAFF, 'township_staff'),
  ]);
  const villagerSession = await demoLogin(stack.baseUrl, villager.id);
  expect(villagerSession.user.village?.code).toBe(VILLAGE);

  // --- 林红霞 asks -----------------------------------------------------------------------------
  const a = await villagerBrowser(villager);
  await openEntry(a, 'link-ask');
  await visible(a, 'ask-question').waitFor({ timeout: 20000 });
  expect(await textOf(a, 'ask-privacy')).toContain('只有本村法律顾问');
  await a.page.fill('#ask-question textarea', question);
  await waitForText(a, 'ask-counter', `${question.length} / 2000`);
  await a.page.click('#ask-submit');
  await waitForText(a, 'thread-question', question);
  expect(await textOf(a, 'thread-status')).toBe('待答复');
  expect(await textOf(a, 'thread-tier')).toBe('村级办理');

  const mine = await api<ConsultationListReply>(stack.baseUrl, 'GET', '/api/consultations/mine', villagerSession.token);
  const asked = mine.items.filter((c) => c.preview === question.slice(0, 60));
  expect(asked).toHaveLength(1);
  const id = asked[0]!.id;

  // --- 王建国, in a second browser context, hands it to the township ---------------------------
  const b = await staffBrowser(counsel);
  await openEntry(b, 'link-inbox');
  await visible(b, `consult-${id}`).waitFor({ timeout: 20000 });
  expect(await textOf(b, `consult-who-${id}`)).toBe(`${VILLAGER} 170****0102`);
  expect(await textOf(b, `consult-due-${id}`)).toMatch(/^剩余 \d+ (小时|分钟|天)答复$/);
  await b.page.click(`#consult-${id}`);
  await visible(b, 'escalate-reason').waitFor({ timeout: 20000 });
  expect(await textOf(b, 'thread-question')).toBe(question);
  await b.page.fill('#escalate-reason input', reason);
  await b.page.click('#escalate-submit');
  await waitForText(b, 'ok-message', '已提交乡镇司法所');
  expect(await textOf(b, 'thread-tier')).toBe('乡镇级办理');

  // --- 王志强 answers from his inbox -----------------------------------------------------------
  const c = await staffBrowser(townshipStaff);
  await openEntry(c, 'link-inbox');
  await visible(c, `consult-${id}`).waitFor({ timeout: 20000 });
  expect(await textOf(c, `consult-tier-${id}`)).toBe('乡镇级');
  await c.page.click(`#consult-${id}`);
  await visible(c, 'answer-text').waitFor({ timeout: 20000 });
  await c.page.fill('#answer-text textarea', answer);
  await c.page.click('#answer-submit');
  await waitForText(c, 'ok-message', '已答复');

  // --- back to 林红霞: her list, the answer and the trail ----------------------------------------
  await a.page.goto(`${stack.baseUrl}/`);
  await openEntry(a, 'link-my-consultations');
  await visible(a, `consult-${id}`).waitFor({ timeout: 20000 });
  expect(await textOf(a, `consult-status-${id}`)).toBe('已答复');
  expect(await textOf(a, `consult-handler-${id}`)).toBe(`经办人：${TOWNSHIP_STAFF}`);
  await a.page.click(`#consult-${id}`);
  await waitForText(a, 'thread-question', question);
  expect(await textOf(a, 'step-title-1')).toBe('提出咨询');
  expect(await textOf(a, 'step-title-2')).toBe('提交乡镇（转乡镇司法所）');
  expect(await textOf(a, 'step-by-2')).toBe(`${COUNSEL}（村（居）法律顾问）`);
  expect(await textOf(a, 'step-reason-2')).toBe(`原因：${reason}`);
  expect(await textOf(a, 'step-title-3')).toBe('答复');
  expect(await textOf(a, 'step-by-3')).toBe(`${TOWNSHIP_STAFF}（司法所工作人员）`);
  expect(await textOf(a, 'step-text-3')).toBe(answer);

  // she closes it and rates it 5 / 4 / 5
  await a.page.click('#close-submit');
  expect(await answerConfirm(a)).toContain('办结后不能再追问');
  await waitForText(a, 'ok-message', '已办结');
  expect(await textOf(a, 'thread-status')).toBe('已办结');
  await visible(a, 'rate-box').waitFor({ timeout: 20000 });
  await a.page.click('#rate-submit');
  await waitForText(a, 'error-message', '请为服务态度、办事效率、专业水平分别打分');
  await dismissError(a);
  await a.page.click('#rate-attitude-5');
  await a.page.click('#rate-efficiency-4');
  await a.page.click('#rate-competence-5');
  await a.page.fill('#rate-comment textarea', '答复及时，讲得清楚');
  await a.page.click('#rate-submit');
  await waitForText(a, 'ok-message', '感谢您的评价');
  expect(await textOf(a, 'rating-attitude-value')).toBe('5 分');
  expect(await textOf(a, 'rating-efficiency-value')).toBe('4 分');
  expect(await textOf(a, 'rating-competence-value')).toBe('5 分');
  expect(await textOf(a, 'rating-comment')).toContain('答复及时，讲得清楚');
  expect(await a.page.locator('#rate-box:visible').count()).toBe(0);

  // --- the server agrees -------------------------------------------------------------------------
  const path = `/api/consultations/${id}`;
  const held = await api<Consultation>(stack.baseUrl, 'GET', path, villagerSession.token);
  expect(held.steps.map((s) => s.kind)).toEqual(['asked', 'escalated', 'answered', 'closed', 'rated']);
  expect(held.steps.filter((s) => s.kind === 'rated')).toHaveLength(1);
  expect(held.steps[1]).toMatchObject({ byName: COUNSEL, reason, fromTier: 'village', toTier: 'township' });
  expect(held.steps[2]).toMatchObject({ byName: TOWNSHIP_STAFF, text: answer });
  expect(held).toMatchObject({ status: 'closed', rated: true, tier: 'township', handlerName: TOWNSHIP_STAFF });
  expect(held.rating).toMatchObject({ attitude: 5, efficiency: 4, competence: 5, comment: '答复及时，讲得清楚' });
  expect(held.can.rate).toBe(false);

  const ratePath = fillPath(PATHS.rateConsultation.path, { consultationId: id });
  const again = await api(stack.baseUrl, 'POST', ratePath, villagerSession.token, {
    attitude: 1,
    efficiency: 1,
    competence: 1,
  }).catch((e: unknown) => e);
  expect(again).toBeInstanceOf(HttpError);
  expect((again as HttpError).status).toBe(409);
  expect((again as HttpError).body).toMatchObject({ error: { code: 'CONSULTATION_ALREADY_RATED' } });
  const after = await api<Consultation>(stack.baseUrl, 'GET', path, villagerSession.token);
  expect(after.rating).toEqual(held.rating);
  expect(after.steps).toHaveLength(5);
});
