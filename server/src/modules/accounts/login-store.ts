/**
 * What web-login.ts and scan-login.ts share: random one-time ids, single uses by unique `_id`,
 * and purging what they leave behind by window (equality on `window`, an index).
 */
import { randomBytes } from 'node:crypto';
import { isDuplicateKey } from '../../store/duplicates';
import { windowPurger } from '../../store/window-count';
import { LoginStateModel, LoginUseModel, ScanDecisionModel, ScanTicketModel } from './model';
import { loginWindowOf } from './web-login-policy';

/** 144 random bits as 24 URL-safe characters (a mini-program code's scene takes at most 32). */
export const newLoginNonce = (): string => randomBytes(18).toString('base64url');

/**
 * Spends a single use (`state:<state>`, `ticket:<ticket>`): true for the one request whose insert
 * the unique `_id` let through, false for every other, whatever the interleaving.
 */
export async function spendOnce(key: string, now = Date.now()): Promise<boolean> {
  try {
    await LoginUseModel.create({ _id: key, at: new Date(now), window: loginWindowOf(now) });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Whether `key` was spent (read only). */
export async function wasSpent(key: string): Promise<boolean> {
  return (await LoginUseModel.findById(key).lean()) !== null;
}

/** Every document of the web logins is at most minutes long-lived: windows older than two are removed. */
export const purgeOldLogins = windowPurger(
  (window) =>
    Promise.all([
      LoginStateModel.deleteMany({ window }),
      ScanTicketModel.deleteMany({ window }),
      ScanDecisionModel.deleteMany({ window }),
      LoginUseModel.deleteMany({ window }),
    ]),
  2,
);
