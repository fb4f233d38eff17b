/**
 * Cancelling the account (注销). Not through call(): a refusal for duties still held lists them in
 * the error's `details`, which call()'s ApiError does not carry.
 */
import Taro from '@tarojs/taro';
import type { CancelAccountReply } from '@vc/types';
import { apiBase, authHeader, networkError, replyError } from '../../shared/http';

/**
 * The word the server's schema requires (CANCEL_CONFIRMATION = 注销 in types/src/privacy/policy.ts,
 * which the mini-program may not import at run time). It is data, not a display text, so it does
 * not follow the language; spelled by code points to keep the source free of Han text.
 */
const CANCEL_CONFIRMATION = String.fromCodePoint(0x6ce8, 0x9500);

export class DutiesError extends Error {
  constructor(
    message: string,
    readonly duties: string[],
  ) {
    super(message);
    Object.setPrototypeOf(this, DutiesError.prototype);
  }
}

export async function cancelAccount(): Promise<CancelAccountReply> {
  let res: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject | string>;
  try {
    res = await Taro.request({
      url: apiBase() + VC_ROUTES.cancelAccount.path,
      method: 'POST',
      header: { 'Content-Type': 'application/json', Accept: 'application/json', ...authHeader() },
      data: { confirm: CANCEL_CONFIRMATION },
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw networkError();
  }
  const status = res?.statusCode ?? 0;
  if (!status) throw networkError();
  if (status >= 200 && status < 300) return res.data as CancelAccountReply;
  const body = res.data as { error?: { code?: string; message?: string; details?: { message: string }[] } } | null;
  if (body?.error?.code === 'ACCOUNT_HAS_DUTIES') {
    throw new DutiesError(
      body.error.message ?? '',
      (body.error.details ?? []).map((d) => d.message),
    );
  }
  throw replyError(status, res.data);
}
