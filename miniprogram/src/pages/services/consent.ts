/**
 * Consent given on the login page (「我已阅读并同意《隐私政策》」, ticked before logging in): recorded
 * on the server right after login, for the policy version in force, unless the person already
 * agreed to it. A failure here does not undo the login: the home page's ConsentGate asks again.
 */
import type { Session } from '@vc/types';
import { call } from '../../shared/api';

const via = process.env.TARO_ENV === 'h5' ? ('h5' as const) : ('miniprogram' as const);

export async function recordLoginConsent(session: Session): Promise<void> {
  try {
    const policy = await call('privacyPolicy');
    if (session.user.privacyVersion === policy.version) return;
    await call('privacyConsent', { body: { version: policy.version, via } });
  } catch {
    // the ConsentGate on the home page asks for what could not be recorded here
  }
}
