import { Schema, model } from 'mongoose';

/**
 * How a session was made: the mini-program's wx.login code (`wechat`) or its cloud function
 * (`cloud`), a demo identity (`demo`, never in production), WeChat web authorisation in WeChat's
 * browser (`web`), or a PC's scan-to-login confirmed in the mini-program (`scan`).
 */
export const SESSION_VIAS = ['wechat', 'cloud', 'demo', 'web', 'scan'] as const;
export type SessionVia = (typeof SESSION_VIAS)[number];

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
    /** how the session was made (SESSION_VIAS) */
    via: { type: String, enum: SESSION_VIAS, required: true },
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

/*
 * Web login (web-login.ts, scan-login.ts). Everything here is short-lived and carries `window`
 * (floor(createdAt / LOGIN_WINDOW_MS)), by which old documents are purged with an equality.
 */

/** A `state` of WeChat web authorisation, issued by the server (CSRF); spent once in `login_uses`. */
const loginStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    window: { type: Number, required: true, index: true },
  },
  { collection: 'login_states', versionKey: false },
);
export const LoginStateModel = model('LoginState', loginStateSchema);

/** A PC's scan-to-login ticket (its mini-program code's scene); decided in `scan_decisions`, used in `login_uses`. */
const scanTicketSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** the PC's browser and system, shown on the phone before confirming */
    device: { type: String, required: true },
    /** the PC's address as the server saw it */
    ip: { type: String, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    /** the confirm page was opened on a phone (shown on the PC; decides nothing) */
    scannedAt: { type: Date, default: null },
    window: { type: Number, required: true, index: true },
  },
  { collection: 'scan_tickets', versionKey: false },
);
export const ScanTicketModel = model('ScanTicket', scanTicketSchema);

/**
 * The phone's decision on a ticket, keyed by the ticket: the unique `_id` lets exactly one
 * decision in, whoever and however many confirm or decline at once.
 */
const scanDecisionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    decision: { type: String, enum: ['confirm', 'decline'], required: true },
    at: { type: Date, required: true },
    window: { type: Number, required: true, index: true },
  },
  { collection: 'scan_decisions', versionKey: false },
);
export const ScanDecisionModel = model('ScanDecision', scanDecisionSchema);

/**
 * Single uses, by unique `_id`: `state:<state>` (a web login state spent) and `ticket:<ticket>`
 * (a confirmed ticket's session handed to the PC). The engine does not serialise conditional
 * updates, so "exactly once" is which insert the index lets through.
 */
const loginUseSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    window: { type: Number, required: true, index: true },
  },
  { collection: 'login_uses', versionKey: false },
);
export const LoginUseModel = model('LoginUse', loginUseSchema);
