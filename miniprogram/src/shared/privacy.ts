/**
 * WeChat's privacy guide (用户隐私保护指引, since 2023): the interfaces this app uses that WeChat lists
 * under it, what each is for, and how a refusal shows. The README's console checklist declares the
 * same interfaces with these purposes. A refused interface fails with
 * "<api>:fail privacy permission is not authorized" (errno 104).
 */

import common from '@vc/types/src/i18n/locales/zh-Hans/common.json';

/** A use's key in the 'common' resources (privacy.uses.<key>.info / .purpose). */
export type PrivacyUseKey = keyof typeof common.privacy.uses;

/** What the person is asked for, by the interface (eventInfo.referrer) that needs the agreement. */
const USE_OF: Record<string, PrivacyUseKey> = {
  getLocation: 'location',
  chooseImage: 'photo',
  chooseMedia: 'photo',
  getPhoneNumber: 'phone',
  chooseAvatar: 'avatar',
  nickname: 'nickname',
  setClipboardData: 'clipboard',
};

/**
 * The uses in Chinese, by interface: what the WeChat console declares (the README's checklist, whose
 * test reads this); the pop-up shows them in the person's language.
 */
export const PRIVACY_USES: Record<string, { info: string; purpose: string }> = {};
for (const [api, key] of Object.entries(USE_OF)) PRIVACY_USES[api] = common.privacy.uses[key];

/** The use behind a referrer such as "getLocation" or "button.getPhoneNumber". */
export function privacyUse(referrer: string | undefined): PrivacyUseKey | null {
  const name = (referrer ?? '').replace(/^(button|input)\./, '');
  return USE_OF[name] ?? null;
}

/** Whether a failed interface call was refused under the privacy guide (the person tapped 拒绝). */
export function isPrivacyRefusal(err: unknown): boolean {
  const e = err as { errMsg?: unknown; errno?: unknown } | null;
  return !!e && (e.errno === 104 || (typeof e.errMsg === 'string' && e.errMsg.includes('privacy permission is not authorized')));
}
