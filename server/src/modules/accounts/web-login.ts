/**
 * Login inside WeChat's browser by WeChat web authorisation (OAuth 2.0, snsapi_base): the server
 * issues a one-time `state`, the page goes to WeChat's authorisation page, WeChat sends it back with
 * `code` and `state`, and the server spends the state once and exchanges the code for the person's
 * web openid (and unionid, which makes them the same person as in the mini-program).
 */
import type { Session, WebLoginStart } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/log';
import type { WebOAuthClient } from '../wechat/web-oauth';
import { findOrCreateWebUser } from '../users/queries';
import { LoginStateModel } from './model';
import { createSession } from './service';
import { newLoginNonce, purgeOldLogins, spendOnce } from './login-store';
import { WEB_STATE_TTL_MS, loginWindowOf } from './web-login-policy';

/** errcodes of sns/oauth2/access_token that mean the code itself is bad: invalid (40029), used (40163) */
const BAD_CODE_ERRCODES = new Set([40029, 40163]);

export async function startWebLogin(client: WebOAuthClient, redirectUri: string, now = Date.now()): Promise<WebLoginStart> {
  const state = newLoginNonce();
  const expiresAt = new Date(now + WEB_STATE_TTL_MS);
  await purgeOldLogins(loginWindowOf(now));
  await LoginStateModel.create({ _id: state, expiresAt, window: loginWindowOf(now) });
  // WeChat puts code and state in the address's query, before a #route (the H5 app's login page)
  return { state, authorizeUrl: client.authorizeUrl(redirectUri, state), expiresAt: expiresAt.toISOString() };
}

/** A state this server issued, not expired, and spent now by this request only. */
async function spendState(state: string, now: number): Promise<void> {
  const issued = await LoginStateModel.findById(state).lean();
  if (!issued || issued.expiresAt.getTime() <= now) throw new AppError('WEB_LOGIN_STATE_INVALID');
  if (!(await spendOnce(`state:${state}`, now))) throw new AppError('WEB_LOGIN_STATE_INVALID');
}

export async function webLogin(
  client: WebOAuthClient,
  input: { code: string; state: string },
  ttlMs: number,
  log: Logger,
): Promise<Session> {
  await spendState(input.state, Date.now());
  let identity;
  try {
    identity = await client.exchangeCode(input.code);
  } catch (err) {
    const errcode = (err as { code?: unknown }).code;
    if (typeof errcode === 'number' && BAD_CODE_ERRCODES.has(errcode)) throw new AppError('WECHAT_CODE_INVALID');
    // a wrong app id or secret (40013, 40125) is ours to fix: say so in the log, without the code
    log.warn(
      { errcode: typeof errcode === 'number' ? errcode : null, failure: (err as Error).name },
      'web authorisation code exchange failed',
    );
    throw new AppError('WECHAT_UNAVAILABLE');
  }
  const user = await findOrCreateWebUser(identity.openid, identity.unionid);
  return createSession(user, 'web', ttlMs);
}
