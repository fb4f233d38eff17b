/**
 * H5 inside WeChat's browser: WeChat web authorisation (snsapi_base). The server issues a one-time
 * `state`; this browser keeps it too, so a callback carrying another state (a login forced on this
 * browser from elsewhere) is refused before anything is sent. WeChat comes back to the login page
 * with `?code=…&state=…`; the code is single-use, so it is taken off the address before it is sent.
 * Only called in the H5 build (window, location and localStorage are the browser's).
 */
import type { Session } from '@vc/types';
import { call } from '../../shared/api';
import { ApiError } from '../../shared/http';
import { t } from '../../shared/i18n';
import { PAGES } from '../../shared/nav';

const STATE_KEY = 'vc.webLoginState';

/** WeChat's own browser (phone or PC client) says so in its user agent. */
export function isWechatBrowser(): boolean {
  return typeof navigator !== 'undefined' && /MicroMessenger/i.test(navigator.userAgent);
}

export interface WebCallback {
  code: string;
  state: string;
}

/** The `code` and `state` WeChat sent back, if this page load is WeChat's redirect. */
export function webCallback(): WebCallback | null {
  const query = new URLSearchParams(window.location.search);
  const code = query.get('code');
  const state = query.get('state');
  return code && state ? { code, state } : null;
}

/**
 * Off to WeChat's authorisation page. WeChat comes back to the login page: it puts `code` and
 * `state` in the query, before the #route (with no #route of its own the address would keep
 * WeChat's `#wechat_redirect`, which the hash router cannot open).
 */
export async function goToWechat(): Promise<void> {
  const redirectUri = `${window.location.origin}${window.location.pathname}#${PAGES.login}`;
  const start = await call('webLoginStart', { body: { redirectUri } });
  window.localStorage.setItem(STATE_KEY, start.state);
  window.location.replace(start.authorizeUrl);
}

export function finishWebLogin(back: WebCallback): Promise<Session> {
  const expected = window.localStorage.getItem(STATE_KEY);
  window.localStorage.removeItem(STATE_KEY);
  // a reload or a shared link must not send the used code again
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  if (!expected || expected !== back.state) {
    return Promise.reject(new ApiError(400, 'WEB_LOGIN_STATE_INVALID', t('login:stateInvalid')));
  }
  return call('webLogin', { body: back });
}
