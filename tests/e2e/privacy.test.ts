/**
 * The privacy promises end to end (issue 13) on the H5 build served by the real server, in headless
 * Chromium, against the fake WeChat: a new villager logs in through WeChat web authorisation, reads
 * the privacy policy from the consent card, agrees (the server keeps the consent record), asks her
 * counsel a question, and cancels her account from 我的 by typing 注销. Afterwards her counsel
 * (王建国, in his own browser) still finds the consultation, asked by 已注销用户, with her question
 * intact; her name and phone are gone from the server and her old session no longer works.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import type { Consultation, ConsultationListReply, PrivacyStatus } from '@vc/types';
import { CANCELLED_NAME } from '../../types/src/privacy/policy';
import { HttpError, api as call, demoLogin } from '../miniprogram/support/http';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startStack, type Stack } from '../support/stack';
import { openBrowser, type Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { WECHAT_AGENT, storedSession, textOf, visible, waitForText, openEntry, tapTab, answerConfirm } from './support/page';

const VILLAGE = '210921001001';

let wechat: FakeWechat;
let stack: Stack;
const browsers: Browser[] = [];

beforeAll(async () => {
  wechat = await startFakeWechat();
  stack = await startStack({
    seedDemo: true,
    env: {
      WECHAT_APPID: wechat.appid,
      WECHAT_SECRET: wechat.secret,
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_WEB_APPID: wechat.webAppid,
      WECHAT_WEB_SECRET: wechat.webSecret,
      WECHAT_OPEN_BASE: wechat.baseUrl,
    },
  });
}, 120000);

afterAll(async () => {
  for (const b of browsers) {
    if (b.errors.length) console.warn('browser errors:\n' + b.errors.join('\n'));
    await b.close();
  }
  await stack?.stop();
  await wechat?.stop();
});

it('a villager reads the policy, agrees, asks, cancels her account; her counsel still sees the question by 已注销用户', async () => {
  const question = `村里收回我家的承包地，没有给补偿，我该找谁？（e2e ${Date.now()}）`;
  wechat.webUser = { openid: `e2e-privacy-${Date.now()}` };

  // --- a new person logs in inside WeChat's browser, and is bound to the village -------------
  const v = await openBrowser();
  browsers.push(v);
  const cdp = await v.context.newCDPSession(v.page);
  await cdp.send('Network.setUserAgentOverride', { userAgent: WECHAT_AGENT });
  await v.page.goto(`${stack.baseUrl}/`);
  await v.page.waitForSelector('#village-query', { timeout: 40000 });
  const session = (await storedSession(v))!;
  expect(session.token).toBeTruthy();
  // her name and phone, so the test can show they are gone afterwards
  await call(stack.baseUrl, 'PUT', '/api/me', session.token, { name: '测试村民', phone: '13800138000' });
  const village = await call<{ name: string }>(stack.baseUrl, 'GET', `/api/places/villages/${VILLAGE}`, session.token);
  await v.page.fill('#village-query input', village.name);
  await v.page.click('#village-search');
  await v.page.click(`#village-${VILLAGE}`, { timeout: 20000 });
  // binding says the village and its township before it binds
  expect(await answerConfirm(v)).toContain(village.name);
  const before = await call<PrivacyStatus>(stack.baseUrl, 'GET', '/api/me/privacy', session.token);
  expect(before.consentNeeded).toBe(true);

  // --- bound, the home page asks for consent; she reads the policy first ----------------------
  await visible(v, 'privacy-gate').waitFor({ timeout: 30000 });
  await v.page.click('#privacy-gate-read');
  expect(await textOf(v, 'privacy-title')).toContain('隐私政策');
  expect(await textOf(v, 'privacy-version')).toContain(before.currentVersion);
  // back home (a fresh load: under CI load the page left by history.back was seen hidden mid-click)
  await v.page.goto(`${stack.baseUrl}/`);
  await visible(v, 'privacy-agree').click({ timeout: 30000 });
  await visible(v, 'privacy-gate').waitFor({ state: 'detached', timeout: 20000 });
  const agreed = await call<PrivacyStatus>(stack.baseUrl, 'GET', '/api/me/privacy', session.token);
  expect(agreed.consentNeeded).toBe(false);
  expect(agreed.consents[0]).toMatchObject({ version: before.currentVersion, via: 'h5' });

  // --- she asks her counsel -------------------------------------------------------------------
  await openEntry(v, 'link-ask');
  await visible(v, 'ask-question').waitFor({ timeout: 20000 });
  await v.page.fill('#ask-question textarea', question);
  await v.page.click('#ask-submit');
  await waitForText(v, 'thread-question', question);
  const mine = await call<ConsultationListReply>(stack.baseUrl, 'GET', '/api/consultations/mine', session.token);
  const id = mine.items.find((c) => c.preview === question.slice(0, 60))!.id;

  // --- and cancels her account from 我的 ------------------------------------------------------
  await v.page.goto(`${stack.baseUrl}/`);
  await tapTab(v, '我的');
  await v.page.click('#me-cancel', { timeout: 20000 });
  await visible(v, 'cancel-step1').waitFor({ timeout: 20000 });
  expect(await textOf(v, 'cancel-keeps')).toContain('咨询');
  await v.page.click('#cancel-next');
  await visible(v, 'cancel-step2').waitFor({ timeout: 20000 });
  await v.page.fill('#cancel-input input', '注销');
  await v.page.click('#cancel-confirm');
  await visible(v, 'cancel-done').waitFor({ timeout: 20000 });
  expect(await storedSession(v)).toBeNull();
  const gone = await call(stack.baseUrl, 'GET', '/api/me', session.token).catch((e: unknown) => e);
  expect(gone).toBeInstanceOf(HttpError);
  expect((gone as HttpError).status).toBe(401);

  // --- her counsel still has the consultation, asked by 已注销用户 ------------------------------
  const counsel = await findIdentity(stack.baseUrl, '王建国', 'counsel');
  const c = await openAs(stack.baseUrl, counsel);
  browsers.push(c);
  await openEntry(c, 'link-inbox');
  await visible(c, `consult-${id}`).waitFor({ timeout: 20000 });
  expect(await textOf(c, `consult-who-${id}`)).toBe(CANCELLED_NAME);
  await c.page.click(`#consult-${id}`);
  await waitForText(c, 'thread-question', question);

  // the server agrees: the question and its trail stay, nothing of her person does
  const counselSession = await demoLogin(stack.baseUrl, counsel.id);
  const held = await call<Consultation>(stack.baseUrl, 'GET', `/api/consultations/${id}`, counselSession.token);
  expect(held.steps[0]).toMatchObject({ kind: 'asked', byName: CANCELLED_NAME, text: question });
  expect(JSON.stringify(held)).not.toContain('测试村民');
  expect(JSON.stringify(held)).not.toContain('13800138000');
  expect(JSON.stringify(held)).not.toContain('0138000');
});
