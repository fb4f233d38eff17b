/** Tells a person their request to join a group was decided (through the notices gate). */
import { clipChars } from '@vc/types';
import type { Config } from '../../config';
import type { Logger } from '../../shared/log';
import { inBeijing } from '../../shared/periods';
import { sendNotice } from '../notices/gate';
import type { WechatClient } from '../wechat/client';

export interface JoinDecided {
  userId: string;
  openid: string;
  groupCode: string;
  groupName: string;
  decision: 'approve' | 'refuse';
  reason: string | null;
  at: Date;
}

export function joinNotifier(wechat: WechatClient, config: Pick<Config, 'noticeTemplates' | 'wechat'>, log: Logger) {
  return async (decided: JoinDecided): Promise<void> => {
    // without a real app id (local demo) there is no WeChat to tell anybody through
    if (!config.wechat.configured) return;
    try {
      await sendNotice(wechat, {
        key: 'joinDecided',
        templateId: config.noticeTemplates.joinDecided,
        userId: decided.userId,
        openid: decided.openid,
        ref: `join:${decided.groupCode}:${decided.userId}:${decided.at.getTime()}`,
        page: decided.decision === 'approve' ? `groups/chat/index?code=${decided.groupCode}` : 'groups/list/index',
        data: {
          thing1: { value: clipChars(decided.groupName, 20) },
          phrase2: { value: decided.decision === 'approve' ? '已通过' : '未通过' },
          thing3: { value: clipChars(decided.reason ?? (decided.decision === 'approve' ? '欢迎加入' : '无'), 20) },
          time4: { value: inBeijing(decided.at).format('YYYY-MM-DD HH:mm') },
        },
      });
    } catch (err) {
      // the decision is recorded; a notice that could not even be recorded must not undo that
      log.warn({ err, groupCode: decided.groupCode }, 'join decision notice failed');
    }
  };
}
