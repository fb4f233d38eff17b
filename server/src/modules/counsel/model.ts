import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import { IMAGE_CHECK_STATES } from '@vc/types';

/**
 * A counsel serving a village. Never deleted: ending an assignment records when, who and why.
 *
 * The limit of villages per counsel is enforced by unique indexes, the one guard that holds under
 * concurrency on every backend (FerretDB 1.24 does not serialise conditional updates):
 * - `activeSlot` is a numbered seat 'slot-1'..'slot-N' while the assignment lasts, so at most N
 *   active assignments per counsel can exist;
 * - `activeVillage` is the village code while it lasts, so a counsel holds a village once.
 * Both become the record's own id when it ends (partial indexes are outside the portable subset).
 */
const assignmentFields = {
  counselId: { type: Schema.Types.ObjectId, required: true },
  villageCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  townshipCode: { type: String, required: true },
  startedAt: { type: Date, default: () => new Date() },
  startedBy: { type: Schema.Types.ObjectId, default: null },
  endedAt: { type: Date, default: null },
  endedBy: { type: Schema.Types.ObjectId, default: null },
  endReason: { type: String, default: null },
  activeSlot: { type: String, required: true },
  activeVillage: { type: String, required: true },
};
const assignmentSchema = new Schema(assignmentFields, { collection: 'counsel_assignments', versionKey: false });
assignmentSchema.index({ counselId: 1, activeSlot: 1 }, { unique: true });
assignmentSchema.index({ counselId: 1, activeVillage: 1 }, { unique: true });
assignmentSchema.index({ villageCode: 1, endedAt: 1 });
assignmentSchema.index({ countyCode: 1, endedAt: 1 });
assignmentSchema.index({ townshipCode: 1, endedAt: 1 });
assignmentSchema.index({ counselId: 1, endedAt: 1 });
export const AssignmentModel = model('CounselAssignment', assignmentSchema);
/** As `.lean()` reads it, derived from the schema. */
export type AssignmentDoc = Stored<typeof assignmentFields>;

/** Who saw a counsel's full phone number, and when (privacy: reveal only with a reason, and leave a trace). */
const contactRevealSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    counselId: { type: Schema.Types.ObjectId, required: true },
    villageCode: { type: String, required: true },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'contact_reveals', versionKey: false },
);
contactRevealSchema.index({ counselId: 1, at: 1 });
export const ContactRevealModel = model('ContactReveal', contactRevealSchema);

/**
 * Every change of a counsel's profile, append-only: who (the counsel, or county staff correcting
 * it), when, how (the form, a photo upload, WeChat's phone button), and each field before and after
 * as stored (a phone in full: it is masked when read back).
 */
const profileChangeFields = {
  counselId: { type: Schema.Types.ObjectId, required: true },
  countyCode: { type: String, required: true },
  by: { type: Schema.Types.ObjectId, required: true },
  byCounty: { type: Boolean, required: true },
  via: { type: String, enum: ['edit', 'photo', 'wechat_phone'] as const, required: true },
  changes: {
    type: [{ _id: false, field: { type: String, required: true }, before: Schema.Types.Mixed, after: Schema.Types.Mixed }],
    default: [],
  },
  at: { type: Date, default: () => new Date() },
};
const profileChangeSchema = new Schema(profileChangeFields, { collection: 'counsel_profile_changes', versionKey: false });
profileChangeSchema.index({ counselId: 1, at: -1 });
export const ProfileChangeModel = model('CounselProfileChange', profileChangeSchema);
export type ProfileChangeDoc = Stored<typeof profileChangeFields>;

/**
 * Profile photos as stored after the resize (like consultation photos, in the database), shown once
 * WeChat's check passed them. Kept when replaced: the history names them. Served publicly, as on the
 * paper board.
 */
const counselPhotoSchema = new Schema(
  {
    counselId: { type: Schema.Types.ObjectId, required: true },
    contentType: { type: String, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, default: () => new Date() },
    /** WeChat's check (content-check/image.ts): shown on the board only once passed; older photos read as passed */
    check: { type: String, enum: IMAGE_CHECK_STATES, default: 'pass' },
    checkReason: { type: String, default: null },
  },
  { collection: 'counsel_photos', versionKey: false },
);
counselPhotoSchema.index({ counselId: 1 });
export const CounselPhotoModel = model('CounselPhoto', counselPhotoSchema);
