/**
 * The one way a subscribe message leaves this server (issue 13 item 5): only with a send the person
 * accepted on their phone, each accept spent once. Without one nothing goes to WeChat and the
 * notice is recorded as skipped; WeChat's 43101 (not subscribed) voids what we thought was left.
 * Never throws for WeChat's answer: the caller's own work is done either way.
 */
import { Types } from 'mongoose';
import type { NoticeKey } from '@vc/types';
import type { WechatClient } from '../wechat/client';
import { NoticeSendModel } from './model';
import { clear, giveBack, takeOne } from './quota';

export interface Notice {
  key: NoticeKey;
  templateId: string;
  userId: string;
  openid: string;
  /** what the notice is about (for the record), e.g. `consultation:<id>:<step>` */
  ref: string;
  page: string;
  data: Record<string, { value: string }>;
}

export type NoticeOutcome =
  { status: 'sent'; errcode: null } | { status: 'failed'; errcode: number } | { status: 'skipped'; errcode: null };

/** WeChat: the person has not subscribed to this template (or used every send). */
export const NOT_SUBSCRIBED = 43101;

export async function sendNotice(wechat: WechatClient, notice: Notice): Promise<NoticeOutcome> {
  const { key, templateId, userId, ref } = notice;
  const record = (outcome: NoticeOutcome, reason: string | null = null) =>
    NoticeSendModel.create({ userId: new Types.ObjectId(userId), key, templateId, ref, ...outcome, reason }).then(() => outcome);

  const use = await takeOne(userId, templateId);
  if (!use) return record({ status: 'skipped', errcode: null }, 'not subscribed');
  try {
    await wechat.sendSubscribeMessage({ touser: notice.openid, template_id: templateId, page: notice.page, data: notice.data });
  } catch (err) {
    const errcode = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1;
    // 43101: WeChat holds no send for us (refused since, or used elsewhere); other failures
    // (busy, network) did not reach the person, so the accept stays for the next notice
    await (errcode === NOT_SUBSCRIBED ? clear(userId, templateId) : giveBack(use));
    return record({ status: 'failed', errcode });
  }
  return record({ status: 'sent', errcode: null });
}
