/**
 * WeChat's text check (msg_sec_check v2), shared by every module whose users write text that
 * others read: group posts, consultations, ratings, names, counsel profiles, the county's notice
 * board. Each caller decides what a verdict other than "pass" means for its text: held for a
 * moderator (group posts, consultations) or refused (names and profile text, where only the
 * writer sees the refusal).
 */
import type { Config } from '../../config';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/log';
import type { WechatClient } from '../wechat/client';

/** msg_sec_check's scenes, as WeChat documents them (场景枚举值). */
export const SCENE = {
  /** 资料: names, profiles, notice-board text */
  profile: 1,
  /** 评论: consultations, answers, follow-ups, rating comments */
  comment: 2,
  /** 论坛: posts to a work group */
  forum: 3,
  /** 社交日志 */
  socialLog: 4,
} as const;
export type Scene = (typeof SCENE)[keyof typeof SCENE];

export type Verdict = 'pass' | 'risky' | 'review' | 'check_unavailable';

/** The check a text must pass before others may read it. */
export type ContentCheck = (openid: string, text: string, scene: Scene) => Promise<Verdict>;

const CONTENT_CHECK_TIMEOUT_MS = 5000;

/**
 * Anything but a clear "pass" is a verdict against showing the text, including WeChat being
 * unreachable or refusing the call (an invalid openid, errcode 40003): nothing unchecked is shown.
 */
export function makeContentCheck(config: Config, wechat: WechatClient, log: Logger): ContentCheck {
  if (config.contentCheck === 'off') return () => Promise.resolve('pass');
  return async (openid, text, scene) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('msg_sec_check timed out')), CONTENT_CHECK_TIMEOUT_MS);
      });
      const reply = await Promise.race([wechat.msgSecCheck(openid, text, scene), timeout]);
      const suggest = reply.result?.suggest;
      return suggest === 'pass' ? 'pass' : suggest === 'risky' ? 'risky' : 'review';
    } catch (err) {
      // the text is held or refused, not lost: a warning for the operator, never the text or who wrote it
      log.warn({ err }, 'content check unavailable, text not shown');
      return 'check_unavailable';
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Refuses text that WeChat does not clearly pass (risky or for review), or that could not be
 * checked: for text only its writer sees refused (names, profiles), where nobody would review it.
 */
export async function requirePublishableText(
  check: ContentCheck,
  openid: string,
  text: string,
  what: string,
  scene: Scene = SCENE.profile,
): Promise<void> {
  if (!text.trim()) return;
  const verdict = await check(openid, text, scene);
  if (verdict === 'pass') return;
  if (verdict === 'check_unavailable') throw new AppError('CONTENT_CHECK_UNAVAILABLE');
  throw new AppError('TEXT_CONTENT_RISKY', `${what}中含有不适宜公示的内容，请修改后再保存`);
}
