/**
 * WeChat's privacy guide (用户隐私保护指引, since 2023): the interfaces this app uses that WeChat lists
 * under it, what each is for, and how a refusal shows. The README's console checklist declares the
 * same interfaces with these purposes. A refused interface fails with
 * "<api>:fail privacy permission is not authorized" (errno 104).
 */

/** What the person is asked for, by the interface (eventInfo.referrer) that needs the agreement. */
export const PRIVACY_USES: Record<string, { info: string; purpose: string }> = {
  getLocation: { info: '位置信息', purpose: '法律顾问开始驻点时记录签到位置，供司法所核实驻村服务' },
  chooseImage: { info: '您选中的照片', purpose: '随咨询问题发给法律顾问的材料照片，或法律顾问在公示栏上的照片' },
  chooseMedia: { info: '您选中的照片', purpose: '随咨询问题发给法律顾问的材料照片，或法律顾问在公示栏上的照片' },
  getPhoneNumber: { info: '手机号', purpose: '登记工作联系电话（村民联系时使用，公示时只显示部分号码）' },
  chooseAvatar: { info: '头像', purpose: '设置您在本小程序中显示的头像' },
  nickname: { info: '微信昵称', purpose: '设置您在本小程序中显示的名字' },
  setClipboardData: { info: '剪切板', purpose: '复制邀请码，方便转发给被邀请人' },
};

/** The use behind a referrer such as "getLocation" or "button.getPhoneNumber". */
export function privacyUse(referrer: string | undefined): { info: string; purpose: string } | null {
  const name = (referrer ?? '').replace(/^(button|input)\./, '');
  return PRIVACY_USES[name] ?? null;
}

/** Whether a failed interface call was refused under the privacy guide (the person tapped 拒绝). */
export function isPrivacyRefusal(err: unknown): boolean {
  const e = err as { errMsg?: unknown; errno?: unknown } | null;
  return !!e && (e.errno === 104 || (typeof e.errMsg === 'string' && e.errMsg.includes('privacy permission is not authorized')));
}
