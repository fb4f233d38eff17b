import type { Config } from '../../config';
import type { Logger } from '../../shared/log';
import type { WechatClient } from '../wechat/client';

/** The text check a visible post must pass (WeChat msg_sec_check in production). */
export type ContentCheck = (openid: string, text: string) => Promise<'pass' | 'risky' | 'review' | 'check_unavailable'>;

const CONTENT_CHECK_TIMEOUT_MS = 5000;

/**
 * WeChat's text check (msg_sec_check v2). Anything but a clear "pass" holds the post for a
 * moderator, including WeChat being unreachable: nothing unchecked becomes visible.
 */
export function makeContentCheck(config: Config, wechat: WechatClient, log: Logger): ContentCheck {
  if (config.contentCheck === 'off') return () => Promise.resolve('pass');
  return async (openid, text) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('msg_sec_check timed out')), CONTENT_CHECK_TIMEOUT_MS);
      });
      const reply = await Promise.race([wechat.msgSecCheck(openid, text), timeout]);
      const suggest = reply.result?.suggest;
      return suggest === 'pass' ? 'pass' : suggest === 'risky' ? 'risky' : 'review';
    } catch (err) {
      // the post is held, not lost: a warning for the operator, never the text or who wrote it
      log.warn({ err }, 'content check unavailable, post held for a moderator');
      return 'check_unavailable';
    } finally {
      clearTimeout(timer);
    }
  };
}
