/** Tells the counsel their ledger entry was approved or returned (through the notices gate). */
import { clipChars, LEDGER_KIND_LABELS, type LedgerEntry } from '@vc/types';
import type { Config } from '../../config';
import type { Logger } from '../../shared/log';
import { inBeijing } from '../../shared/periods';
import { userById } from '../users/queries';
import { sendNotice } from '../notices/gate';
import type { WechatClient } from '../wechat/client';

export function reviewNotifier(wechat: WechatClient, config: Pick<Config, 'noticeTemplates' | 'wechat'>, log: Logger) {
  return async (entry: LedgerEntry): Promise<void> => {
    // without a real app id (local demo) there is no WeChat to tell anybody through
    if (!entry.review || !config.wechat.configured) return;
    try {
      const counsel = await userById(entry.counselId);
      if (!counsel) return;
      await sendNotice(wechat, {
        key: 'ledgerReviewed',
        templateId: config.noticeTemplates.ledgerReviewed,
        userId: entry.counselId,
        openid: counsel.openid,
        ref: `ledger-review:${entry.id}`,
        page: 'ledger/entries/index',
        data: {
          thing1: { value: clipChars(`${entry.villageName}·${LEDGER_KIND_LABELS[entry.kind]}`, 20) },
          phrase2: { value: entry.review.decision === 'approve' ? '已通过' : '已退回' },
          thing3: { value: clipChars(entry.review.reason ?? '无', 20) },
          time4: { value: inBeijing(new Date(entry.review.at)).format('YYYY-MM-DD HH:mm') },
        },
      });
    } catch (err) {
      // the review is recorded; a notice that could not even be recorded must not undo that
      log.warn({ err, entryId: entry.id }, 'ledger review notice failed');
    }
  };
}
