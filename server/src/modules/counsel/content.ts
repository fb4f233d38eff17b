/**
 * What goes on the notice board passes WeChat's content checks first, like a group post: text by
 * msg_sec_check (content-check/text.ts, the same check), photos by img_sec_check. A board has no
 * moderator to hold things for, so anything but a clear pass is refused, and nothing unchecked is
 * shown: WeChat unreachable means "try again later".
 */
import type { Config } from '../../config';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/log';
import type { WechatClient } from '../wechat/client';

/** WeChat's verdict on an image (img_sec_check in production). */
export type ImageCheck = (image: Buffer, contentType: string) => Promise<'pass' | 'risky' | 'check_unavailable'>;

const IMAGE_CHECK_TIMEOUT_MS = 10000;
/** img_sec_check's errcode for risky content */
const RISKY = 87014;

export function makeImageCheck(config: Config, wechat: WechatClient, log: Logger): ImageCheck {
  if (config.contentCheck === 'off') return () => Promise.resolve('pass');
  return async (image, contentType) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('img_sec_check timed out')), IMAGE_CHECK_TIMEOUT_MS);
      });
      await Promise.race([wechat.imgSecCheck(image, contentType), timeout]);
      return 'pass';
    } catch (err) {
      if ((err as { code?: unknown }).code === RISKY) return 'risky';
      log.warn({ err }, 'image check unavailable, photo refused for now');
      return 'check_unavailable';
    } finally {
      clearTimeout(timer);
    }
  };
}

export async function requirePublishableImage(check: ImageCheck, image: Buffer, contentType: string): Promise<void> {
  const verdict = await check(image, contentType);
  if (verdict === 'pass') return;
  if (verdict === 'check_unavailable') throw new AppError('CONTENT_CHECK_UNAVAILABLE');
  throw new AppError('PROFILE_PHOTO_RISKY');
}
