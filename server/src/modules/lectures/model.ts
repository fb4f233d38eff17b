import { Schema, model } from 'mongoose';
import { LECTURE_STATUSES } from '@vc/types';
import type { Stored } from '../../store/documents';

/**
 * A lecture a counsel announced in a village they serve (issue 17 item 1). Its time and place may
 * change (moved) until it is recorded in the ledger; cancelled, it stays on record.
 */
const lectureFields = {
  counselId: { type: Schema.Types.ObjectId, required: true },
  clientKey: { type: String, required: true },
  villageCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  topic: { type: String, required: true },
  startAt: { type: Date, required: true },
  endAt: { type: Date, required: true },
  durationMinutes: { type: Number, required: true },
  /** the Beijing date of startAt (YYYY-MM-DD): the day-before reminder finds tomorrow's by equality */
  day: { type: String, required: true },
  place: { type: String, required: true },
  audience: { type: String, required: true },
  /** the secret the check-in QR code carries */
  checkinCode: { type: String, required: true },
  status: { type: String, enum: LECTURE_STATUSES, default: 'scheduled' },
  cancelReason: { type: String, default: null },
  moved: { type: Boolean, default: false },
  /** names the counsel added by hand (people present without a phone) */
  addedNames: { type: [{ _id: false, name: { type: String, required: true }, at: { type: Date, required: true } }], default: [] },
  /** the ledger entry it was recorded as (ledger module), once recorded */
  ledgerEntryId: { type: Schema.Types.ObjectId, default: null },
  createdAt: { type: Date, default: () => new Date() },
};
const lectureSchema = new Schema(lectureFields, { collection: 'lectures', versionKey: false });
// a retried announcement finds its first copy
lectureSchema.index({ counselId: 1, clientKey: 1 }, { unique: true });
lectureSchema.index({ villageCode: 1 });
lectureSchema.index({ day: 1 });
export type LectureDoc = Stored<typeof lectureFields>;
export const LectureModel = model('Lecture', lectureSchema);

/** One sign-up per person and lecture (the unique index makes signing up idempotent). */
const signupFields = {
  lectureId: { type: Schema.Types.ObjectId, required: true },
  /** the lecture's village: a list of the village's lectures reads their sign-ups by this one equality */
  villageCode: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, default: () => new Date() },
};
const signupSchema = new Schema(signupFields, { collection: 'lecture_signups', versionKey: false });
signupSchema.index({ lectureId: 1, userId: 1 }, { unique: true });
signupSchema.index({ lectureId: 1 });
signupSchema.index({ villageCode: 1 });
export type LectureSignupDoc = Stored<typeof signupFields>;
export const LectureSignupModel = model('LectureSignup', signupSchema);

/** One check-in per person and lecture, with the name they had then. */
const checkinFields = {
  lectureId: { type: Schema.Types.ObjectId, required: true },
  villageCode: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  name: { type: String, required: true },
  at: { type: Date, default: () => new Date() },
};
const checkinSchema = new Schema(checkinFields, { collection: 'lecture_checkins', versionKey: false });
checkinSchema.index({ lectureId: 1, userId: 1 }, { unique: true });
checkinSchema.index({ lectureId: 1 });
checkinSchema.index({ villageCode: 1 });
export type LectureCheckinDoc = Stored<typeof checkinFields>;
export const LectureCheckinModel = model('LectureCheckin', checkinSchema);

/** One claim per notice (a move, a cancellation, the day before) and person: sent once. */
const noticeSchema = new Schema(
  {
    ref: { type: String, required: true, unique: true },
    lectureId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['claimed', 'sent', 'failed', 'skipped'], required: true },
    errcode: { type: Number, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'lecture_notices', versionKey: false },
);
export const LectureNoticeModel = model('LectureNotice', noticeSchema);
