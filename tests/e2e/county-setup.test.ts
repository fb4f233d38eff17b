/**
 * Putting a county into service, end to end from an EMPTY production-mode database (issue 12), in
 * headless Chromium against the real server, the operator's real command line and the fake WeChat:
 *
 *   the operator imports Fumeng county and prints the first invitation (npm run admin)
 *   → county staff redeem it on the phone and log in on a PC by scanning
 *   → on the PC they invite a township staff member and a counsel, who redeem on their phones
 *   → the counsel fills in the profile with a photo
 *   → county staff assign the counsel to a village
 *   → a villager logs in inside WeChat's browser, binds to the village and sees that real profile.
 *
 * The phones' mini-program sessions are made as the mini-program makes them (a wx.login code sent to
 * /api/auth/wechat) and the pages are the H5 build of the same pages. Screenshots of each screen are
 * saved to .cache/screenshots/county-setup (looked at by people, not compared pixel by pixel).
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import sharp from 'sharp';
import type { Session } from '@vc/types';
import { TEST_PUSH_TOKEN, startStack, type Stack } from '../support/stack';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { api } from '../support/http';
import { openBrowser, type Browser } from './support/browser';
import { WECHAT_AGENT, answerConfirm } from './support/page';

const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, '.cache/screenshots/county-setup');
const COUNTY = '210921';
const TOWNSHIP = '210921001';
const VILLAGE = '210921001001';
const VILLAGE_NAME = '富民社区';
const CLOUD_SECRET = 'e2e-production-cloud-secret-0123456789';

let wechat: FakeWechat;
let stack: Stack;
let env: Record<string, string>;
const browsers: Browser[] = [];
let shot = 0;

async function screenshot(b: Browser, name: string): Promise<void> {
  shot += 1;
  await b.page.screenshot({ path: path.join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** The operator's command exactly as the README gives it, against this stack's database. */
async function admin(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)('npm', ['run', 'admin', '--silent', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    timeout: 300000,
  });
}

async function open(options: { pc?: boolean; wechatBrowser?: boolean } = {}): Promise<Browser> {
  const b = await openBrowser();
  browsers.push(b);
  if (options.pc) await b.page.setViewportSize({ width: 1280, height: 800 });
  if (options.wechatBrowser) {
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Network.setUserAgentOverride', { userAgent: WECHAT_AGENT });
  }
  return b;
}

/** A phone with the mini-program: its login (a wx.login code for this person), its session kept as the app keeps it. */
let codes = 0;
async function phone(openid: string): Promise<{ browser: Browser; session: Session }> {
  codes += 1;
  wechat.issueCode(`e2e-setup-code-${codes}`, { openid, unionid: `union-${openid}` });
  const login = await api(stack.baseUrl)('wechatLogin', { body: { code: `e2e-setup-code-${codes}` } });
  expect(login.status).toBe(200);
  const session = login.body as Session;
  const browser = await open();
  await browser.page.goto(`${stack.baseUrl}/`);
  await browser.page.evaluate((s) => localStorage.setItem('vc.session', JSON.stringify({ data: s })), session);
  return { browser, session };
}

/** Redeems an invitation on the redeem page, as the invitation's QR code opens it (scene = the code). */
async function redeem(b: Browser, code: string, shotName: string): Promise<void> {
  await b.page.goto(`${stack.baseUrl}/#/account/redeem/index?scene=${code}`);
  await b.page.locator('#redeem-preview:visible').waitFor({ timeout: 30000 });
  await screenshot(b, `${shotName}-preview`);
  await b.page.click('#redeem-confirm:visible');
  await b.page.locator('#redeem-result:visible').waitFor({ timeout: 30000 });
  await screenshot(b, `${shotName}-done`);
}

/** On the PC: an invitation for a role (at a place picked in the list when the role needs one); answers its code. */
async function invite(pc: Browser, role: string, placeCode: string | null): Promise<string> {
  await pc.page.goto(`${stack.baseUrl}/#/staff/invite/index?code=${COUNTY}`);
  await pc.page.click(`#invite-role-${role}:visible`, { timeout: 30000 });
  if (placeCode) await pc.page.click(`#invite-place-${placeCode}:visible`, { timeout: 30000 });
  await pc.page.click('#invite-create:visible');
  const code = pc.page.locator('#invite-code:visible');
  await code.waitFor({ timeout: 30000 });
  await screenshot(pc, `invite-${role}`);
  return ((await code.textContent()) ?? '').replace(/\s/g, '');
}

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  wechat = await startFakeWechat();
  const wechatEnv = {
    WECHAT_APPID: wechat.appid,
    WECHAT_SECRET: wechat.secret,
    WECHAT_API_BASE: wechat.baseUrl,
    WECHAT_WEB_APPID: wechat.webAppid,
    WECHAT_WEB_SECRET: wechat.webSecret,
    WECHAT_OPEN_BASE: wechat.baseUrl,
  };
  stack = await startStack({
    seedDemo: false,
    env: {
      ...wechatEnv,
      NODE_ENV: 'production',
      // the stack connects to its own database; production only insists that one is named
      MONGODB_URI: 'mongodb://127.0.0.1:1/unused',
      CLOUD_SHARED_SECRET: CLOUD_SECRET,
    },
  });
  // WeChat pushes its image verdicts to the server (message push, signed with the console's token)
  wechat.pushUrl = `${stack.baseUrl}/api/wechat/push`;
  wechat.pushToken = TEST_PUSH_TOKEN;
  env = {
    ...wechatEnv,
    NODE_ENV: 'production',
    MONGODB_URI: stack.db.uri,
    CLOUD_SHARED_SECRET: CLOUD_SECRET,
    WECHAT_PUSH_TOKEN: TEST_PUSH_TOKEN,
    PUBLIC_BASE_URL: stack.baseUrl,
  };
}, 180000);

afterAll(async () => {
  for (const b of browsers) {
    if (b.errors.length) console.warn('browser errors:\n' + b.errors.join('\n'));
    await b.close();
  }
  await stack?.stop();
  await wechat?.stop();
});

it('an operator, county staff, a township office, a counsel and a villager take a county from an empty server to its notice board', async () => {
  const db = mongoose.connection;
  expect(stack.config.env).toBe('production');
  expect(await db.collection('places').countDocuments()).toBe(0);
  expect(await db.collection('users').countDocuments()).toBe(0);

  // 1. the operator: the county's places, then the first county-staff invitation with its QR code
  const imported = await admin('import-places', COUNTY);
  expect(imported.stdout).toContain('390');
  expect(await db.collection('places').countDocuments({ countyCode: COUNTY, level: 'village' })).toBe(390);
  const qrFile = path.join(SHOTS, '00-first-invitation-qr.png');
  const first = await admin('invite', '--role', 'county_staff', '--place', COUNTY, '--qr', qrFile);
  const firstCode = /邀请码 code：([A-Z0-9]{8})/.exec(first.stdout)?.[1];
  expect(firstCode).toBeDefined();
  expect((await sharp(readFileSync(qrFile)).metadata()).format).toBe('png');

  // 2. county staff redeem it on their phone…
  const staffPhone = await phone('mp-county-staff');
  await redeem(staffPhone.browser, firstCode!, 'county-staff-redeem');
  expect(await staffPhone.browser.page.locator('#redeem-result:visible').textContent()).toContain('县（区）司法局工作人员');

  // …and log in on a PC by scanning the login page's code with the mini-program and confirming
  const pc = await open({ pc: true });
  await pc.page.goto(`${stack.baseUrl}/`);
  const qr = pc.page.locator('#scan-login-qr');
  await qr.waitFor({ timeout: 30000 });
  expect(await pc.page.$('#demo-identities')).toBeNull(); // production: no demo picker
  await screenshot(pc, 'pc-login-qr');
  const ticket = await qr.getAttribute('data-ticket');
  await staffPhone.browser.page.goto(`${stack.baseUrl}/#/account/scan-login/index?scene=${ticket}`);
  await staffPhone.browser.page.locator('#scan-login-request:visible').waitFor({ timeout: 30000 });
  await screenshot(staffPhone.browser, 'phone-confirm-pc-login');
  await staffPhone.browser.page.click('#scan-login-confirm:visible');
  await pc.page.waitForSelector('#home-user-name', { timeout: 30000 });
  await screenshot(pc, 'pc-county-staff-home');

  // 3. on the PC: invitations for a township office and a counsel, redeemed on their phones
  const townshipCode = await invite(pc, 'township_staff', TOWNSHIP);
  const counselCode = await invite(pc, 'counsel', null);
  const office = await phone('mp-township-staff');
  await redeem(office.browser, townshipCode, 'township-staff-redeem');
  const counsel = await phone('mp-counsel');
  await redeem(counsel.browser, counselCode, 'counsel-redeem');
  const roles = async (token: string) =>
    (await api(stack.baseUrl)('me', { token })).body.roles as { role: string; placeCode: string }[];
  expect(await roles(office.session.token)).toContainEqual(
    expect.objectContaining({ role: 'township_staff', placeCode: TOWNSHIP }),
  );

  // 4. the counsel fills in the profile, with a photo
  const photo = await sharp({ create: { width: 900, height: 1200, channels: 3, background: { r: 70, g: 120, b: 180 } } })
    .jpeg()
    .toBuffer();
  const c = counsel.browser.page;
  await c.goto(`${stack.baseUrl}/#/counsel/profile/index`);
  await c.locator('#profile-title input:visible').waitFor({ timeout: 30000 });
  const [chooser] = await Promise.all([c.waitForEvent('filechooser', { timeout: 30000 }), c.click('#profile-photo:visible')]);
  await chooser.setFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: photo });
  // uploaded, checked and resized by the server: the page shows the 480-pixel-wide photo
  await c.waitForFunction(
    () => {
      const img = document.querySelector<HTMLImageElement>('#profile-photo-image img');
      return !!img && img.complete && img.naturalWidth === 480;
    },
    undefined,
    { timeout: 30000 },
  );
  await c.fill('#profile-name input', '韩立新');
  await c.fill('#profile-title input', '律师');
  await c.fill('#profile-organization input', '辽宁阜新正信律师事务所');
  await c.fill('#profile-certificate input', '12109201910123456');
  await c.fill('#profile-phone input', '13904181234');
  await c.click('#profile-save:visible');
  await c.locator('#ok-message:visible').waitFor({ timeout: 30000 });
  await screenshot(counsel.browser, 'counsel-profile');

  // 5. county staff assign the counsel to the village, on the PC
  await pc.page.goto(`${stack.baseUrl}/#/counsel/assign/index?countyCode=${COUNTY}`);
  // counsel are found by name (a county has ~130), not scrolled for
  await pc.page.fill('#counsel-query input:visible', '韩立新', { timeout: 30000 });
  await pc.page.click('#counsel-search:visible');
  await pc.page.click(`#counsel-item-${counsel.session.user.id}:visible`, { timeout: 30000 });
  await pc.page.fill('#village-query input:visible', VILLAGE_NAME);
  await pc.page.click('#village-search:visible');
  await pc.page.click(`#village-${VILLAGE}:visible`, { timeout: 30000 });
  // a new county: the village says it has no counsel yet, so nothing to warn about or confirm
  expect((await pc.page.locator(`#village-counsel-${VILLAGE}:visible`).textContent())?.trim()).toBe('法律顾问：暂无');
  expect(await pc.page.locator('#village-warning').count()).toBe(0);
  await pc.page.click('#assign-button:visible');
  const assigned = pc.page.locator('#ok-message:visible');
  await assigned.waitFor({ timeout: 30000 });
  expect(await assigned.textContent()).toContain('已指派 韩立新 服务');
  expect(await assigned.textContent()).toContain(VILLAGE_NAME);
  await screenshot(pc, 'pc-assign');

  // 6. a villager, inside WeChat's browser: web authorisation, binds to the village, sees the real profile
  wechat.webUser = { openid: 'web-villager', unionid: 'union-villager' };
  const villager = await open({ wechatBrowser: true });
  const v = villager.page;
  await v.goto(`${stack.baseUrl}/`);
  await v.waitForSelector('#village-query', { timeout: 40000 });
  await v.fill('#village-query input', VILLAGE_NAME);
  await v.click('#village-search');
  await v.click(`#village-${VILLAGE}`, { timeout: 30000 });
  expect(await answerConfirm(villager)).toContain(VILLAGE_NAME);
  const card = v.locator(`#counsel-name-${counsel.session.user.id}`);
  await card.waitFor({ timeout: 30000 });
  expect((await card.textContent())?.trim()).toBe('韩立新');
  const board = (await v.textContent('body')) ?? '';
  expect(board).toContain('辽宁阜新正信律师事务所');
  expect(board).toContain('139****1234');
  expect(board).not.toContain('13904181234');
  // the photo is the counsel's, resized by the server
  await v.waitForFunction(
    (id) => {
      const img = document.querySelector<HTMLImageElement>(`#counsel-photo-${id} img`);
      return !!img && img.complete && img.naturalWidth === 480;
    },
    counsel.session.user.id,
    { timeout: 30000 },
  );
  await screenshot(villager, 'villager-notice-board');
});
