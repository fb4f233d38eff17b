import { Schema, Types, model } from 'mongoose';
import { clipChars, type Consultation } from '@vc/types';
import { inBeijing } from '../../shared/periods';
import { isDuplicateKey } from '../../store/duplicates';
import { userById } from '../users/queries';
import type { WechatClient } from '../wechat/client';
import { sendNotice } from '../notices/gate';
import { ConsultationModel } from './model';

/** One notice per answer (consultation, step): sent, failed with WeChat's errcode, or skipped (not subscribed). */
const noticeSchema = new Schema(
  {
    consultationId: { type: Schema.Types.ObjectId, required: true },
    step: { type: Number, required: true },
    status: { type: String, enum: ['claimed', 'sent', 'failed', 'skipped'], required: true },
    errcode: { type: Number, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'consultation_notices', versionKey: false },
);
noticeSchema.index({ consultationId: 1, step: 1 }, { unique: true });
export const ConsultationNoticeModel = model('ConsultationNotice', noticeSchema);

/** WeChat's "thing" fields take at most 20 characters (counted, as every limit here, in code points) */
const clip = (text: string, max = 20) => clipChars(text, max);

/**
 * Tells the asker their question was answered (subscribe message to the thread page). Not
 * subscribed (skipped) or refused by WeChat (e.g. 43101) is recorded, never thrown: the answer is saved either way.
 */
export async function notifyAnswered(wechat: WechatClient, templateId: string, consultation: Consultation): Promise<void> {
  const answer = [...consultation.steps].reverse().find((s) => s.kind === 'answered');
  if (!answer) return;
  const doc = await ConsultationModel.findById(consultation.id, { askerId: 1 }).lean();
  const asker = doc ? await userById(doc.askerId) : null;
  if (!asker) return;
  const key = { consultationId: new Types.ObjectId(consultation.id), step: answer.n };
  // the claim: a retried (or concurrently resent) answer is not announced twice
  try {
    await ConsultationNoticeModel.create({ ...key, status: 'claimed' });
  } catch (err) {
    if (isDuplicateKey(err)) return;
    throw err;
  }
  // through the notices gate: sent only with a send the asker accepted on their phone
  const { status, errcode } = await sendNotice(wechat, {
    key: 'consultationAnswered',
    templateId,
    userId: String(asker._id),
    openid: asker.openid,
    ref: `consultation:${consultation.id}:${answer.n}`,
    page: `consult/thread/index?id=${consultation.id}`,
    data: {
      thing1: { value: clip(consultation.preview) },
      name2: { value: clip(answer.byName, 10) },
      time3: { value: inBeijing(answer.at).format('YYYY-MM-DD HH:mm') },
    },
  });
  await ConsultationNoticeModel.updateOne(key, { $set: { status, errcode } });
}
