/**
 * The pure rules of web login (server/src/modules/accounts/web-login-policy.ts) and the
 * authorisation address the wechat-oauth client builds (server/src/modules/wechat/web-oauth.ts).
 */
import {
  SCAN_CLAIM_GRACE_MS,
  SCAN_LOGIN_PAGE,
  SCAN_TICKET_TTL_MS,
  deviceLabel,
  loginWindowOf,
  LOGIN_WINDOW_MS,
  mayConfirmScan,
  maskIp,
  scanTicketState,
} from '../../server/src/modules/accounts/web-login-policy';
import { SESSION_VIAS } from '../../server/src/modules/accounts/model';
import { createWebOAuthClient } from '../../server/src/modules/wechat/web-oauth';

describe('scanTicketState', () => {
  const created = new Date('2026-05-01T08:00:00Z');
  const expiresAt = new Date(created.getTime() + SCAN_TICKET_TTL_MS);
  const at = (ms: number) => new Date(created.getTime() + ms);
  const fresh = { expiresAt, scannedAt: null };
  const scanned = { expiresAt, scannedAt: at(10_000) };

  it.each([
    ['waiting before anyone scanned', fresh, null, false, at(1000), 'waiting'],
    ['scanned once the confirm page was opened', scanned, null, false, at(20_000), 'scanned'],
    ['still open at the last millisecond', fresh, null, false, expiresAt, 'waiting'],
    ['expired a millisecond later', scanned, null, false, at(SCAN_TICKET_TTL_MS + 1), 'expired'],
    ['confirmed, waiting for the PC', scanned, { decision: 'confirm' }, false, at(30_000), 'confirmed'],
    [
      'confirmed, collected just within the grace',
      scanned,
      { decision: 'confirm' },
      false,
      at(SCAN_TICKET_TTL_MS + SCAN_CLAIM_GRACE_MS),
      'confirmed',
    ],
    [
      'confirmed, never collected',
      scanned,
      { decision: 'confirm' },
      false,
      at(SCAN_TICKET_TTL_MS + SCAN_CLAIM_GRACE_MS + 1),
      'expired',
    ],
    ['declined, even after expiry', scanned, { decision: 'decline' }, false, at(SCAN_TICKET_TTL_MS * 5), 'declined'],
    ['used once collected, whatever else', scanned, { decision: 'confirm' }, true, at(30_000), 'used'],
    ['used, long after', scanned, { decision: 'confirm' }, true, at(SCAN_TICKET_TTL_MS * 5), 'used'],
  ] as const)('%s', (_label, ticket, decision, used, now, expected) => {
    expect(scanTicketState(ticket, decision, used, now)).toBe(expected);
  });
});

describe('mayConfirmScan', () => {
  it('lets only mini-program sessions (and demo stand-ins) confirm a PC login', () => {
    const allowed = SESSION_VIAS.filter((via) => mayConfirmScan(via));
    expect(allowed).toEqual(['wechat', 'cloud', 'demo']);
    expect(mayConfirmScan('web')).toBe(false);
    expect(mayConfirmScan('scan')).toBe(false);
  });
});

describe('deviceLabel', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      'Windows 电脑 · Chrome 浏览器',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      'macOS 电脑 · Safari 浏览器',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.138 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090a13)',
      'Windows 电脑 · 微信浏览器',
    ],
  ])('%s → %s', (agent, label) => {
    expect(deviceLabel(agent)).toBe(label);
  });

  it('says the device is unknown rather than guessing, and stays short whatever it is sent', () => {
    expect(deviceLabel(undefined)).toBe('未知设备');
    expect(deviceLabel('')).toBe('未知设备');
    expect(deviceLabel('x'.repeat(10_000)).length).toBeLessThanOrEqual(60);
  });
});

describe('maskIp', () => {
  it.each([
    ['203.0.113.45', '203.0.113.*'],
    ['::ffff:127.0.0.1', '127.0.0.*'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:8d3:*'],
    ['', null],
    [null, null],
    ['not an address', null],
  ])('%s → %s', (ip, masked) => {
    expect(maskIp(ip)).toBe(masked);
  });
});

describe('login windows', () => {
  it('number every moment by its ten-minute window', () => {
    expect(LOGIN_WINDOW_MS).toBe(600_000);
    expect(loginWindowOf(0)).toBe(0);
    expect(loginWindowOf(599_999)).toBe(0);
    expect(loginWindowOf(600_000)).toBe(1);
  });

  it('outlast a ticket and its grace, so nothing still usable is purged (two windows are kept)', () => {
    expect(SCAN_TICKET_TTL_MS + SCAN_CLAIM_GRACE_MS).toBeLessThan(LOGIN_WINDOW_MS);
  });
});

describe('the web authorisation address (wechat-oauth, rebased)', () => {
  const client = createWebOAuthClient({
    appid: 'wx-web',
    secret: 's',
    apiBase: 'http://127.0.0.1:9/',
    openBase: 'http://127.0.0.1:9/',
  });

  it('is WeChat’s documented form: appid, redirect_uri, response_type=code, scope=snsapi_base, state, #wechat_redirect', () => {
    const url = client.authorizeUrl('https://h5.example.cn/?x=1', 'STATE_abcdefghijklmnopqr');
    expect(url).toBe(
      'http://127.0.0.1:9/connect/oauth2/authorize?appid=wx-web&redirect_uri=https%3A%2F%2Fh5.example.cn%2F%3Fx%3D1' +
        '&response_type=code&scope=snsapi_base&state=STATE_abcdefghijklmnopqr#wechat_redirect',
    );
  });

  it('points at open.weixin.qq.com by default', () => {
    const real = createWebOAuthClient({
      appid: 'wx-web',
      secret: 's',
      apiBase: 'https://api.weixin.qq.com',
      openBase: 'https://open.weixin.qq.com',
    });
    expect(real.authorizeUrl('https://h5.example.cn/', 'S')).toMatch(
      /^https:\/\/open\.weixin\.qq\.com\/connect\/oauth2\/authorize\?/,
    );
  });

  it('the scan code opens the mini-program page of the account subpackage', () => {
    expect(SCAN_LOGIN_PAGE).toBe('account/scan-login/index');
  });
});
