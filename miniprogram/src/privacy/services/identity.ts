/**
 * 我的资料 (issue 13 item 6): WeChat no longer gives the avatar and nickname through getUserProfile;
 * the person chooses them with the chooseAvatar button and the nickname input, and the
 * phone-number button gives a code the server exchanges for the number WeChat verified.
 */
import Taro from '@tarojs/taro';
import type { AvatarReply, Me } from '@vc/types';
import { call } from '../../shared/api';
import { t } from '../../shared/i18n';
import { ApiError, apiBase, authHeader, networkError, replyError } from '../../shared/http';

/** The name others see; the server checks it with WeChat (msg_sec_check) and refuses what does not pass. */
export const saveName = (name: string): Promise<Me> => call('updateProfile', { body: { name } });

/** The number behind a code of WeChat's phone-number button (roles whose work needs a phone). */
export const phoneFromWechat = (code: string): Promise<Me> => call('myWechatPhone', { body: { code } });

/** An avatar's URL as an <Image> can load it (the server answers a path on its own origin). */
export const avatarSource = (url: string): string => (url.startsWith('/') ? apiBase() + url : url);

/** Uploads the avatar chosen with the chooseAvatar button (a local temp file) as multipart field `file`. */
export async function uploadAvatar(filePath: string): Promise<AvatarReply['avatar']> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({ url: apiBase() + VC_ROUTES.uploadAvatar.path, filePath, name: 'file', header: authHeader() });
  } catch {
    throw networkError();
  }
  if (res.statusCode !== 200)
    throw replyError(res.statusCode, res.data, { messages: { other: t('privacy:avatarUploadFailed') } });
  const body = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as AvatarReply | null;
  if (!body?.avatar?.url) throw new ApiError(res.statusCode, 'BAD_REPLY', t('privacy:avatarUploadFailed'));
  return body.avatar;
}
