import { Schema, model } from 'mongoose';
import { ROLES } from '@vc/types';
import type { Stored } from '../../store/documents';

/**
 * Someone named in a record, with the name they had then (records are kept for good, so a later
 * change of name does not rewrite them); `id` null is the operator at the server's command line.
 */
const personFields = { id: { type: Schema.Types.ObjectId, default: null }, name: { type: String, required: true } };
const personSchema = new Schema(personFields, { _id: false });

/**
 * The levels a place belongs to, stored with every record so that "everything at this place and
 * inside it" is one top-level equality (store/README.md, rule 1): provinceCode for a province,
 * countyCode for a county, townshipCode for a township, placeCode for a village. null where the
 * record's place is above that level.
 */
const placeLevelFields = {
  placeCode: { type: String, default: '' },
  provinceCode: { type: String, default: '' },
  countyCode: { type: String, default: null },
  townshipCode: { type: String, default: null },
};
function indexPlaceLevels(schema: Schema, extra: Record<string, 1 | -1> = {}) {
  for (const field of Object.keys(placeLevelFields)) schema.index({ [field]: 1, ...extra });
}

/** An invitation to hold `role` at `placeCode`; never deleted. How many used it is counted from redemptions. */
const invitationFields = {
  /** the short code people type, also the QR code's scene */
  code: { type: String, required: true, unique: true },
  role: { type: String, enum: ROLES, required: true },
  ...placeLevelFields,
  uses: { type: Number, required: true },
  note: { type: String, default: null },
  issuedBy: { type: personSchema, required: true },
  createdAt: { type: Date, default: () => new Date() },
  expiresAt: { type: Date, required: true },
  withdrawnAt: { type: Date, default: null },
  withdrawnBy: { type: personSchema, default: null },
  withdrawReason: { type: String, default: null },
};
const invitationSchema = new Schema(invitationFields, { collection: 'invitations', versionKey: false });
indexPlaceLevels(invitationSchema);
export const InvitationModel = model('Invitation', invitationSchema);
export type InvitationDoc = Stored<typeof invitationFields>;

/**
 * One use of an invitation. Exactly `uses` of them can exist: each takes a numbered seat under the
 * unique (invitationId, seat) index (store/seats.ts), and a person uses an invitation once
 * (unique (invitationId, userId)). The place fields let a list of invitations count its uses in one read.
 */
const redemptionFields = {
  invitationId: { type: Schema.Types.ObjectId, required: true },
  seat: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  ...placeLevelFields,
  at: { type: Date, default: () => new Date() },
};
const redemptionSchema = new Schema(redemptionFields, { collection: 'invitation_redemptions', versionKey: false });
redemptionSchema.index({ invitationId: 1, seat: 1 }, { unique: true });
redemptionSchema.index({ invitationId: 1, userId: 1 }, { unique: true });
indexPlaceLevels(redemptionSchema);
export const RedemptionModel = model('InvitationRedemption', redemptionSchema);
export type RedemptionDoc = Stored<typeof redemptionFields>;

/**
 * A role given by invitation, while it is held and after: when and by whose invitation, and when,
 * by whom and why it was withdrawn. Unique indexes keep it exact under concurrency:
 * - `liveKey` is `userId:role:placeCode` while held, the record's own id once withdrawn, so a
 *   person holds a role at a place through one live record;
 * - `seat` is a numbered seat under (`capKey` = role:placeCode) for roles with a limit per place
 *   (legal-literate residents per village), else the record's own id; withdrawing frees it.
 */
const holdingFields = {
  userId: { type: Schema.Types.ObjectId, required: true },
  role: { type: String, enum: ROLES, required: true },
  ...placeLevelFields,
  invitationId: { type: Schema.Types.ObjectId, default: null },
  grantedBy: { type: personSchema, default: null },
  grantedAt: { type: Date, default: () => new Date() },
  liveKey: { type: String, required: true, unique: true },
  capKey: { type: String, required: true },
  seat: { type: String, required: true },
  endedAt: { type: Date, default: null },
  endedBy: { type: personSchema, default: null },
  endReason: { type: String, default: null },
};
const holdingSchema = new Schema(holdingFields, { collection: 'role_holdings', versionKey: false });
holdingSchema.index({ capKey: 1, seat: 1 }, { unique: true });
holdingSchema.index({ userId: 1 });
indexPlaceLevels(holdingSchema);
export const RoleHoldingModel = model('RoleHolding', holdingSchema);
export type RoleHoldingDoc = Stored<typeof holdingFields>;

/**
 * The record of role changes: append-only (nothing here updates or deletes one). `key` makes each
 * event written once, whatever retries or restarts happen around it.
 */
const roleChangeFields = {
  key: { type: String, required: true, unique: true },
  kind: { type: String, enum: ['invited', 'invitation_withdrawn', 'granted', 'withdrawn'] as const, required: true },
  role: { type: String, enum: ROLES, required: true },
  ...placeLevelFields,
  actor: { type: personSchema, required: true },
  subject: { type: personSchema, default: null },
  invitationId: { type: Schema.Types.ObjectId, default: null },
  invitedBy: { type: personSchema, default: null },
  reason: { type: String, default: null },
  at: { type: Date, default: () => new Date() },
};
const roleChangeSchema = new Schema(roleChangeFields, { collection: 'role_changes', versionKey: false });
indexPlaceLevels(roleChangeSchema, { at: -1 });
// append-only: the model refuses every change or removal of a written record
for (const op of [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const) {
  roleChangeSchema.pre(op, () => {
    throw new Error('the record of role changes is append-only');
  });
}
export const RoleChangeModel = model('RoleChange', roleChangeSchema);
export type RoleChangeDoc = Stored<typeof roleChangeFields>;
