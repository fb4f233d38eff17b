import { Schema, Types, model } from 'mongoose';
import { clipChars, sliceChars, type Consultation } from '@vc/types';
import { inBeijing } from '../../shared/periods';
import { isDuplicateKey } from '../../store/duplicates';
import { userById } from '../users/queries';
import type { WechatClient } from '../wechat/client';
import { sendNotice } from '../notices/gate';
import { ConsultationModel, ConsultationStepModel } from './model';

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

/** What an answer's notice says, and to whom. */
interface Announced {
  consultationId: string;
  askerId: Types.ObjectId;
  preview: string;
  n: number;
  byName: string;
  at: Date | string;
}

/**
 * Tells the asker their question was answered (subscribe message to the thread page). Not
 * subscribed (skipped) or refused by WeChat (e.g. 43101) is recorded, never thrown: the answer is saved either way.
 */
export async function notifyAnswered(wechat: WechatClient, templateId: string, consultation: Consultation): Promise<void> {
  const answer = [...consultation.steps].reverse().find((s) => s.kind === 'answered');
  if (!answer) return;
  const doc = await ConsultationModel.findById(consultation.id, { askerId: 1 }).lean();
  if (!doc) return;
  await announce(wechat, templateId, {
    consultationId: consultation.id,
    askerId: doc.askerId,
    preview: consultation.preview,
    n: answer.n,
    byName: answer.byName,
    at: answer.at,
  });
}

/**
 * An answer the township approved after its content check held it: the asker can read it only now,
 * so it is announced now, as a clear answer is when it is given (once per answer, as always).
 */
export async function notifyApprovedAnswer(
  wechat: WechatClient,
  templateId: string,
  consultationId: Types.ObjectId,
  n: number,
): Promise<void> {
  const [doc, step] = await Promise.all([
    ConsultationModel.findById(consultationId, { askerId: 1, question: 1 }).lean(),
    ConsultationStepModel.findOne({ consultationId, n }).lean(),
  ]);
  if (!doc || !step || step.kind !== 'answered' || step.review !== null) return;
  const by = await userById(step.by);
  await announce(wechat, templateId, {
    consultationId: String(consultationId),
    askerId: doc.askerId,
    preview: sliceChars(doc.question, 60),
    n,
    byName: by?.name ?? '',
    at: step.at,
  });
}

async function announce(wechat: WechatClient, templateId: string, a: Announced): Promise<void> {
  const asker = await userById(a.askerId);
  if (!asker) return;
  const key = { consultationId: new Types.ObjectId(a.consultationId), step: a.n };
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
    ref: `consultation:${a.consultationId}:${a.n}`,
    page: `consult/thread/index?id=${a.consultationId}`,
    data: {
      thing1: { value: clip(a.preview) },
      name2: { value: clip(a.byName, 10) },
      time3: { value: inBeijing(a.at).format('YYYY-MM-DD HH:mm') },
    },
  });
  await ConsultationNoticeModel.updateOne(key, { $set: { status, errcode } });
}
