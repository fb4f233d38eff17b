import { Schema, model } from 'mongoose';

const sessionSchema = new Schema(
  {
    /**
     * The token's hash again: every request finds its session, and `_id` equality is the one
     * filter every engine serves from its primary index.
     */
    _id: { type: String, required: true },
    /** sha256 of the bearer token: a leaked database does not leak usable tokens */
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    via: { type: String, enum: ['wechat', 'cloud', 'demo'], required: true },
    createdAt: { type: Date, default: () => new Date() },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'sessions', versionKey: false },
);
export const SessionModel = model('Session', sessionSchema);

/** Nonces of HMAC-signed cloud calls, to refuse replays; purged after the signature window. */
const nonceSchema = new Schema(
  {
    nonce: { type: String, required: true, unique: true },
    at: { type: Date, required: true },
    /** floor(at / signature window): purged by equality (login.ts) */
    window: { type: Number, required: true, index: true },
  },
  { collection: 'cloud_nonces', versionKey: false },
);
export const CloudNonceModel = model('CloudNonce', nonceSchema);
