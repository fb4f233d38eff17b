/**
 * The pure rules of logging in on the web (web-login.ts, scan-login.ts): how long a login state
 * and a scan ticket live, what state a ticket is in, which sessions may confirm a PC's login, and
 * how the PC is described to the person confirming.
 */
import Bowser from 'bowser';
import type { SessionVia } from './model';

/** A web authorisation `state` is good this long (WeChat's code itself lives 5 minutes). */
export const WEB_STATE_TTL_MS = 10 * 60 * 1000;
/** A scan-to-login ticket can be confirmed this long after the PC asked for it. */
export const SCAN_TICKET_TTL_MS = 3 * 60 * 1000;
/** A ticket confirmed in time is still handed over this long after its expiry (the PC polls every few seconds). */
export const SCAN_CLAIM_GRACE_MS = 30 * 1000;
/** How often the PC's login page asks. */
export const SCAN_POLL_INTERVAL_MS = 2000;
/** The mini-program page a scan ticket's code opens (scene = the ticket); no leading slash (getwxacodeunlimit). */
export const SCAN_LOGIN_PAGE = 'account/scan-login/index';
/** Login states, tickets, decisions and uses are purged by this window, two windows after their own. */
export const LOGIN_WINDOW_MS = 10 * 60 * 1000;

export const loginWindowOf = (atMs: number): number => Math.floor(atMs / LOGIN_WINDOW_MS);

/**
 * Where a ticket stands, folded from what is recorded:
 * - `used`: its session was handed to the PC (once, ever);
 * - `declined`: refused on the phone;
 * - `confirmed`: confirmed on the phone, the PC has not collected it yet (until a short grace past expiry);
 * - `expired`: not decided in time, or confirmed but never collected;
 * - `scanned` / `waiting`: undecided, the confirm page opened on a phone or not yet.
 */
export type ScanTicketState = 'waiting' | 'scanned' | 'confirmed' | 'declined' | 'expired' | 'used';

export function scanTicketState(
  ticket: { expiresAt: Date; scannedAt: Date | null },
  decision: { decision: 'confirm' | 'decline' } | null,
  used: boolean,
  now: Date,
): ScanTicketState {
  if (used) return 'used';
  if (decision?.decision === 'decline') return 'declined';
  const expiry = ticket.expiresAt.getTime();
  if (decision?.decision === 'confirm') return now.getTime() <= expiry + SCAN_CLAIM_GRACE_MS ? 'confirmed' : 'expired';
  if (now.getTime() > expiry) return 'expired';
  return ticket.scannedAt ? 'scanned' : 'waiting';
}

/**
 * Only a session of the mini-program confirms a PC's login: one made from a PC (`web`, `scan`)
 * must not open further PCs. Demo sessions stand in for the phone in development and tests
 * (demo login is refused in production).
 */
export function mayConfirmScan(via: SessionVia): boolean {
  return via === 'wechat' || via === 'cloud' || via === 'demo';
}

const PLATFORMS: Record<string, string> = { desktop: '电脑', mobile: '手机', tablet: '平板' };
const BROWSERS: Record<string, string> = { WeChat: '微信浏览器', 'QQ Browser': 'QQ浏览器', 'UC Browser': 'UC浏览器' };

/** The PC as the phone shows it, e.g. "Windows 电脑 · Chrome 浏览器", from its user agent. */
export function deviceLabel(userAgent: string | undefined): string {
  if (!userAgent) return '未知设备';
  const parsed = Bowser.parse(userAgent.slice(0, 512));
  const kind = PLATFORMS[parsed.platform.type ?? ''] ?? '';
  const system = [parsed.os.name, kind].filter(Boolean).join(' ');
  const name = parsed.browser.name;
  const browser = name ? (BROWSERS[name] ?? `${name} 浏览器`) : '';
  return [system, browser].filter(Boolean).join(' · ').slice(0, 60) || '未知设备';
}

/** An address with its last part hidden: 203.0.113.* or 2001:db8:85a3:8d3:*; null when unknown. */
export function maskIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.*`;
  if (ip.includes(':')) {
    const groups = ip.split(':').filter(Boolean).slice(0, 4);
    return groups.length ? `${groups.join(':')}:*` : null;
  }
  return null;
}
