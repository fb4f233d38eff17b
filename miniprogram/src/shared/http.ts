/**
 * What every request to the server shares, whichever way it is made (Taro.request in call(),
 * Taro.uploadFile / downloadFile and fetch for photos and the ledger export): the API origin, the
 * session header, how a failed reply becomes an ApiError (a 401 also ends the stored session), and
 * the Chinese message to show for anything thrown.
 */
import { t } from './i18n';
import { storedLanguage } from './language';
import { clearSession, getToken } from './session';
import { readText } from './storage';

/** Storage key that overrides the build-time API base at run time (used by tests). */
export const API_BASE_KEY = 'vc.apiBase';

/** Every failed request rejects with this: HTTP status (0 = no response), stable code, Chinese message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    // keep instanceof working after down-levelling to ES5
    Object.setPrototypeOf(this, ApiError.prototype);
  }
}

/**
 * No reply at all (offline, timed out, DNS). Said plainly, with what was kept: nothing typed on the
 * page is lost when a request fails.
 */
export const networkError = (): ApiError => new ApiError(0, 'NETWORK', t('common:network.offline'));

export function apiBase(): string {
  const base = readText(API_BASE_KEY) || VC_API_BASE;
  return base.replace(/\/+$/, '');
}

/**
 * The headers of every request: the session (none when logged out) and the language the person reads,
 * so the server's error messages come back in it (the account's language when the header is absent).
 */
export function authHeader(): Record<string, string> {
  const token = getToken();
  const language = { 'X-VC-Language': storedLanguage() };
  return token ? { Authorization: `Bearer ${token}`, ...language } : language;
}

/** Chinese messages for replies without an error body, by status; `other` for any other status. */
export type FallbackMessages = Partial<Record<number, string>> & { other?: string };

// the message is read when the error is made, so it follows the language chosen since the start
const DEFAULTS: Partial<Record<number, [code: string, message: () => string]>> = {
  401: ['UNAUTHORIZED', () => t('common:network.unauthorized')],
  403: ['FORBIDDEN', () => t('common:network.forbidden')],
  404: ['NOT_FOUND', () => t('common:network.notFound')],
};

/**
 * The ApiError for a reply with a status outside 2xx: the server's { error: { code, message } } when
 * the body holds one (JSON text is parsed), else a message by status. A 401 means the stored session
 * is no longer valid: it is cleared (so pages send the person to login), except for the login calls
 * themselves (`keepSession`), whose 401 only says the credentials were refused.
 */
export function replyError(
  status: number,
  data: unknown,
  options: { messages?: FallbackMessages; keepSession?: boolean } = {},
): ApiError {
  if (status === 401 && !options.keepSession) clearSession();
  let body = data;
  if (typeof body === 'string' && body) {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      /* not JSON */
    }
  }
  // plain || chains: this module is in the main package, and ?. / ?? compile to long ES5
  const err = body ? (body as { error?: { code?: unknown; message?: unknown } }).error : undefined;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') return new ApiError(status, err.code, err.message);
  const known = DEFAULTS[status];
  const messages = options.messages || {};
  const message = messages[status] || (known && known[1]()) || messages.other || t('common:network.unavailable');
  return new ApiError(status, known ? known[0] : `HTTP_${status}`, message);
}

/** A message fit to show the user for anything a request (or a page) may throw. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e && typeof e === 'object' && 'message' in e && typeof e.message === 'string') {
    return (e as { message: string }).message;
  }
  return t('common:network.failed');
}
