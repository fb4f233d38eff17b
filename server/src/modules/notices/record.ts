/** Recording what a tap on wx.requestSubscribeMessage returned (POST /api/me/notices). */
import { Types } from 'mongoose';
import type { RecordNoticesBody } from '@vc/types';
import type { Config } from '../../config';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import { knownTemplates } from './catalogue';
import { NoticeConsentModel } from './model';

export async function recordResults(
  userId: string,
  body: RecordNoticesBody,
  config: Pick<Config, 'noticeTemplates'>,
): Promise<void> {
  const known = knownTemplates(config);
  const results = Object.entries(body.results);
  // all or nothing: one unknown template refuses the request before anything is written
  if (results.some(([templateId]) => !known.has(templateId))) throw new AppError('NOTICE_TEMPLATE_UNKNOWN');
  const at = new Date();
  for (const [templateId, result] of results) {
    await NoticeConsentModel.create({
      userId: new Types.ObjectId(userId),
      clientKey: body.clientKey,
      templateId,
      result,
      at,
    }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err; // the same tap sent again
    });
  }
}
