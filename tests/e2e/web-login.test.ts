/**
 * Logging in on the H5 build for real, in headless Chromium against the real server and the fake
 * WeChat: a PC's login page shows a scan-to-login code, a second browser (the phone, logged in)
 * opens the confirm page from the code's ticket and confirms, and the PC lands on the home page as
 * that person; and a browser that says it is WeChat's logs in through WeChat web authorisation (the
 * fake's authorize redirect). Needs `npm run build:h5 -w miniprogram` first.
 */
import { startStack, type Stack } from '../support/stack';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { api } from '../support/http';
import { openBrowser, type Browser } from './support/browser';
import { WECHAT_AGENT, storedSession } from './support/page';

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

afterEach(async () => {
  for (const b of browsers.splice(0)) {
    if (b.errors.length) console.warn('browser errors:\n' + b.errors.join('\n'));
    await b.close();
  }
});

afterAll(async () => {
  await stack?.stop();
  await wechat?.stop();
});

async function open(): Promise<Browser> {
  const b = await openBrowser();
  browsers.push(b);
  return b;
}

it('a PC shows a login code; the phone confirms it; the PC lands on the home page as that person', async () => {
  const pc = await open();
  await pc.page.goto(`${stack.baseUrl}/`);
  // not logged in, not in WeChat: the login page shows the scan-to-login code
  const qr = pc.page.locator('#scan-login-qr');
  await qr.waitFor({ timeout: 30000 });
  const ticket = await qr.getAttribute('data-ticket');
  expect(ticket).toMatch(/^[A-Za-z0-9_-]{24}$/);
  // the code's picture is the mini-program code WeChat made for this ticket and the confirm page
  await pc.page.waitForFunction(
    () => {
      const img = document.querySelector('#scan-login-qr img');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    },
    undefined,
    { timeout: 20000 },
  );
  const asked = wechat.calls.filter((c) => c.path === '/wxa/getwxacodeunlimit').map((c) => c.body);
  expect(asked).toContainEqual(expect.objectContaining({ scene: ticket, page: 'account/scan-login/index' }));

  // the phone: logged in (a demo identity stands in for the mini-program outside production)
  const phone = await open();
  await phone.page.goto(`${stack.baseUrl}/`);
  await phone.page.waitForSelector('#demo-identities', { timeout: 30000 });
  const identities = (await api(stack.baseUrl)('demoIdentities')).body.items as { id: string; name: string }[];
  const staff = identities.find((i) => i.name === '赵振华')!;
  await phone.page.click(`#demo-${staff.id}`);
  await phone.page.waitForSelector('#home-user-name', { timeout: 30000 });

  // …opens the confirm page as the code would (scene = the ticket)
  await phone.page.goto(`${stack.baseUrl}/#/account/scan-login/index?scene=${ticket}`);
  await phone.page.waitForSelector('#scan-login-request', { timeout: 30000 });
  expect((await phone.page.locator('#scan-login-title').textContent())?.trim()).toBe('在电脑上登录？');
  expect(await phone.page.locator('#scan-login-user').textContent()).toContain('赵振华');
  expect(await phone.page.locator('#scan-login-device').textContent()).toContain('电脑');
  expect(await phone.page.locator('#scan-login-ip').textContent()).toContain('127.0.0.*');

  // the PC learns it was scanned
  await pc.page.waitForSelector('#scan-login-scanned', { timeout: 20000 });

  await phone.page.click('#scan-login-confirm');
  await phone.page.waitForSelector('#scan-login-confirmed', { timeout: 20000 });

  // the PC's next poll collects the session: home page, as 赵振华
  const name = pc.page.locator('#home-user-name');
  await name.waitFor({ timeout: 30000 });
  expect((await name.textContent())?.trim()).toBe('赵振华');
  const session = await storedSession(pc);
  expect(session?.user.id).toBe(staff.id);
  const phoneSession = await storedSession(phone);
  expect(session?.token).not.toBe(phoneSession?.token);
  const me = await api(stack.baseUrl)('me', { token: session!.token });
  expect(me.body.id).toBe(staff.id);

  // the code is spent: opening it again on the phone says so in Chinese
  await phone.page.goto(`${stack.baseUrl}/#/account/scan-login/index?scene=${ticket}&again=1`);
  const error = phone.page.locator('#error-message');
  await error.waitFor({ timeout: 20000 });
  expect((await error.textContent())?.trim()).toBe('该登录二维码已使用过，请在电脑上刷新二维码后重新扫码');
});

it('inside WeChat’s browser the login page goes through WeChat web authorisation and logs the person in', async () => {
  // the person already uses the mini-program; the Official Account gives the same unionid
  wechat.issueCode('e2e-mp-code', { openid: 'e2e-mp-openid', unionid: 'e2e-union' });
  const mp = await api(stack.baseUrl)('wechatLogin', { body: { code: 'e2e-mp-code' } });
  expect(mp.status).toBe(200);
  wechat.webUser = { openid: 'e2e-web-openid', unionid: 'e2e-union' };

  const b = await open();
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send('Network.setUserAgentOverride', { userAgent: WECHAT_AGENT });
  const visited: string[] = [];
  const redirects: string[] = [];
  b.page.on('request', (r) => {
    if (r.isNavigationRequest()) visited.push(r.url());
  });
  b.page.on('response', (r) => {
    if (r.status() === 302) redirects.push(r.headers()['location'] ?? '');
  });

  await b.page.goto(`${stack.baseUrl}/`);
  // logged in, without a village yet: the app goes on to binding a village
  await b.page.waitForSelector('#village-query', { timeout: 40000 });

  const authorize = visited.find((u) => u.startsWith(`${wechat.baseUrl}/connect/oauth2/authorize?`));
  expect(authorize).toBeDefined();
  const query = new URL(authorize!).searchParams;
  expect(query.get('appid')).toBe(wechat.webAppid);
  expect(query.get('scope')).toBe('snsapi_base');
  expect(query.get('redirect_uri')).toBe(`${stack.baseUrl}/#/pages/login/index`);
  // WeChat came back to the login page with a code and the same state
  const back = new URL(redirects.find((u) => u.startsWith(`${stack.baseUrl}/?code=`))!);
  expect(back.searchParams.get('state')).toBe(query.get('state'));
  expect(back.hash).toBe('#/pages/login/index');
  // the used code is taken off the address
  expect(b.page.url()).not.toContain('code=');

  const session = await storedSession(b);
  expect(session?.user.id).toBe(mp.body.user.id);
  expect(wechat.calls.filter((c) => c.path === '/sns/oauth2/access_token')).toHaveLength(1);
});
