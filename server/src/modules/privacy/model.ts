import { Schema, model } from 'mongoose';
import { CONSENT_VIAS } from '@vc/types';
import type { Stored } from '../../store/documents';

/**
 * Consents to the privacy policy, append-only and kept for good (also after the person cancels:
 * they show the policy was agreed to). One per person and version: the unique index lets a
 * repeated or concurrent agreement in once.
 */
const consentFields = {
  userId: { type: Schema.Types.ObjectId, required: true },
  version: { type: String, required: true },
  via: { type: String, enum: CONSENT_VIAS, required: true },
  at: { type: Date, required: true },
};
const consentSchema = new Schema(consentFields, { collection: 'privacy_consents', versionKey: false });
consentSchema.index({ userId: 1, version: 1 }, { unique: true });
export const ConsentModel = model('PrivacyConsent', consentSchema);
export type ConsentDoc = Stored<typeof consentFields>;

/**
 * Account cancellations, kept for good: the person's (now anonymous) id as `_id`, so however many
 * requests cancel at once exactly one record is written (the unique _id is what the engine serialises).
 */
const cancellationSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'privacy_cancellations', versionKey: false },
);
export const CancellationModel = model('PrivacyCancellation', cancellationSchema);
