/**
 * 我的资料's phone-number button (issue 13 item 6): people whose work needs a phone (PHONE_ROLES)
 * set theirs from WeChat's verified number; a villager is never asked for one. A counsel's number
 * goes through the counsel profile, so its change history and "verified by WeChat" mark stay right.
 */
import { PHONE_ROLES, type Me } from '@vc/types';
import { AppError } from '../../shared/errors';
import { ownProfile, phoneFromWechatCode } from '../counsel/profile';
import { setProfile, userById } from '../users/queries';
import type { WechatClient } from '../wechat/client';
import { verifiedPhone } from '../wechat/phone';
import { me } from './service';

const needsPhone = (roles: readonly { role: string }[]) => roles.some((r) => (PHONE_ROLES as readonly string[]).includes(r.role));

export async function setPhoneFromWechat(userId: string, code: string, wechat: WechatClient): Promise<Me> {
  const user = await userById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  // decided before asking WeChat, so a villager's code is never exchanged for their number
  if (!needsPhone(user.roles)) throw new AppError('PHONE_NOT_NEEDED');
  if (user.roles.some((r) => r.role === 'counsel')) {
    await phoneFromWechatCode(await ownProfile(userId), code, wechat);
  } else {
    await setProfile(userId, { phone: await verifiedPhone(wechat, code) });
  }
  return me(userId);
}
