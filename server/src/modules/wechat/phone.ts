/**
 * The phone number behind a code of WeChat's phone-number button (getuserphonenumber), verified by
 * WeChat: used by the counsel's profile and by 我的资料 (accounts/phone.ts). WeChat's refusal of the
 * code and WeChat being busy are told apart, so the person knows whether to tap again or wait.
 */
import { AppError } from '../../shared/errors';
import { phoneFromWechat } from '../counsel/profile-policy';
import type { WechatClient } from './client';

export async function verifiedPhone(wechat: WechatClient, code: string): Promise<string> {
  let phone: string | null;
  try {
    const reply = await wechat.getUserPhoneNumber(code);
    phone = reply.phone_info ? phoneFromWechat(reply.phone_info) : null;
  } catch (err) {
    const errcode = (err as { code?: unknown }).code;
    // 40029: a code WeChat did not issue, or one already used (single use, 5 minutes)
    if (errcode === 40029) throw new AppError('WECHAT_PHONE_CODE_INVALID');
    throw new AppError('WECHAT_UNAVAILABLE', '微信服务繁忙，暂时无法获取手机号，请稍后重试或手动填写');
  }
  if (!phone) throw new AppError('WECHAT_UNAVAILABLE', '微信未返回手机号，请稍后重试或手动填写');
  return phone;
}
