import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import { CALLBACK_SOURCES } from '@vc/types';

/**
 * One sampled service of a township's month (回访抽样). What is needed to call and count is kept
 * with it when drawn (who was served, who handled it, when it finished); the title is read from
 * the service when shown. (townshipCode, month, sourceId) is unique: two first reads at once draw
 * the same items and the index lets each in once; drawn items are never changed or removed.
 */
const callbackFields = {
  townshipCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  month: { type: String, required: true },
  source: { type: String, enum: CALLBACK_SOURCES, required: true },
  sourceId: { type: String, required: true },
  kind: { type: String, required: true },
  villageCode: { type: String, required: true },
  personId: { type: Schema.Types.ObjectId, required: true },
  handlerId: { type: Schema.Types.ObjectId, default: null },
  handlerIds: { type: [Schema.Types.ObjectId], default: [] },
  finishedAt: { type: Date, required: true },
  drawnAt: { type: Date, required: true },
};
const callbackSchema = new Schema(callbackFields, { collection: 'callbacks', versionKey: false });
callbackSchema.index({ townshipCode: 1, month: 1, sourceId: 1 }, { unique: true });
// a township's month, and a county's months (coverage, assessment): equalities, indexed
callbackSchema.index({ townshipCode: 1, month: 1 });
callbackSchema.index({ countyCode: 1, month: 1 });
export const CallbackModel = model('Callback', callbackSchema);
export type CallbackDoc = Stored<typeof callbackFields>;

/**
 * The recorded call: one per sampled item (callbackId unique), so a second record — even at the
 * same moment — is refused, never silently replacing the first. Never changed.
 */
const callFields = {
  callbackId: { type: Schema.Types.ObjectId, required: true, unique: true },
  townshipCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  month: { type: String, required: true },
  reached: { type: Boolean, required: true },
  satisfied: { type: Boolean, default: null },
  notes: { type: String, default: null },
  by: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
};
const callSchema = new Schema(callFields, { collection: 'callback_calls', versionKey: false });
callSchema.index({ townshipCode: 1, month: 1 });
callSchema.index({ countyCode: 1, month: 1 });
export const CallbackCallModel = model('CallbackCall', callSchema);
export type CallbackCallDoc = Stored<typeof callFields>;

/** Who saw a served person's full number, and when (privacy: every reveal is logged). */
const revealSchema = new Schema(
  {
    callbackId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'callback_phone_reveals', versionKey: false },
);
revealSchema.index({ callbackId: 1 });
export const CallbackPhoneRevealModel = model('CallbackPhoneReveal', revealSchema);
