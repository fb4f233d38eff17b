import { Schema, model } from 'mongoose';
import { NOTICE_KEYS, SUBSCRIBE_RESULTS } from '@vc/types';
import type { Stored } from '../../store/documents';

/**
 * What a person's tap on wx.requestSubscribeMessage returned, one record per template and tap,
 * kept as it came (who, when, template, result). An `accept` is one send WeChat will let through:
 * the quota is the accepts not yet used (NoticeUseModel), never a counter (the embedded engine does
 * not serialise `$inc`, docs/toolchain.md "Atomicity").
 */
const consentFields = {
  userId: { type: Schema.Types.ObjectId, required: true },
  clientKey: { type: String, required: true },
  templateId: { type: String, required: true },
  result: { type: String, enum: SUBSCRIBE_RESULTS, required: true },
  at: { type: Date, required: true },
};
const consentSchema = new Schema(consentFields, { collection: 'notice_consents', versionKey: false });
// a resent request (same tap) records nothing twice
consentSchema.index({ userId: 1, clientKey: 1, templateId: 1 }, { unique: true });
consentSchema.index({ userId: 1 });
export const NoticeConsentModel = model('NoticeConsent', consentSchema);
export type NoticeConsentDoc = Stored<typeof consentFields>;

/**
 * An accept used up: `_id` is the accept's id, so of any number of concurrent sends exactly one
 * takes it (the unique `_id` is what the engine serialises). `cleared`: WeChat answered 43101.
 */
const useFields = {
  _id: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  templateId: { type: String, required: true },
  reason: { type: String, enum: ['send', 'cleared'] as const, required: true },
  at: { type: Date, required: true },
};
const useSchema = new Schema(useFields, { collection: 'notice_uses', versionKey: false });
useSchema.index({ userId: 1 });
export const NoticeUseModel = model('NoticeUse', useSchema);
export type NoticeUseDoc = Stored<typeof useFields>;

/** Every notice the server meant to send: sent, failed (WeChat's errcode) or skipped (not subscribed). */
const sendSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, enum: NOTICE_KEYS, required: true },
    templateId: { type: String, required: true },
    /** what the notice is about, e.g. `consultation:<id>:<step>` */
    ref: { type: String, required: true },
    status: { type: String, enum: ['sent', 'failed', 'skipped'] as const, required: true },
    errcode: { type: Number, default: null },
    reason: { type: String, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'notice_sends', versionKey: false },
);
sendSchema.index({ userId: 1 });
export const NoticeSendModel = model('NoticeSend', sendSchema);
