/** What a person sees on 提醒设置: each notice that concerns them, on (with sends left) or off. */
import { Types } from 'mongoose';
import { NOTICES, type NoticeStatus } from '@vc/types';
import type { Config } from '../../config';
import type { Grant } from '../../shared/scope';
import { relevantNotices } from './catalogue';
import { NoticeConsentModel, type NoticeConsentDoc } from './model';
import { quotas } from './quota';

export async function noticeStatus(
  userId: string,
  grants: readonly Grant[],
  config: Pick<Config, 'noticeTemplates'>,
): Promise<NoticeStatus[]> {
  const [left, refusals] = await Promise.all([
    quotas(userId),
    NoticeConsentModel.find({ userId: new Types.ObjectId(userId), result: { $ne: 'accept' } }).lean<NoticeConsentDoc[]>(),
  ]);
  const lastRefused = new Map<string, Date>();
  for (const r of refusals) {
    const seen = lastRefused.get(r.templateId);
    if (!seen || seen < r.at) lastRefused.set(r.templateId, r.at);
  }
  return relevantNotices(grants).map((key) => {
    const templateId = config.noticeTemplates[key];
    const quota = left.get(templateId) ?? 0;
    return {
      key,
      label: NOTICES[key].label,
      when: NOTICES[key].when,
      templateId,
      status: quota > 0 ? 'on' : 'off',
      quota,
      lastRefusedAt: lastRefused.get(templateId)?.toISOString() ?? null,
    };
  });
}
