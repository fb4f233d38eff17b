import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import { LEDGER_KINDS, LEDGER_STATUSES } from '@vc/types';

/**
 * A ledger entry (工作台账, R4). Append-only: the facts (who, where, what, when) are never changed
 * after submission; a correction is a new entry pointing at the one it corrects. Only the review
 * outcome is written onto the entry, once, after its review record won the unique index.
 */
const entryFields = {
  counselId: { type: Schema.Types.ObjectId, required: true },
  clientKey: { type: String, required: true },
  villageCode: { type: String, required: true },
  townshipCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  kind: { type: String, enum: LEDGER_KINDS, required: true },
  mode: { type: String, enum: ['on_site', 'remote'] as const, required: true },
  startAt: { type: Date, required: true },
  endAt: { type: Date, required: true },
  minutes: { type: Number, required: true },
  /** the Beijing months the session touched, for period queries */
  months: { type: [String], required: true },
  summary: { type: String, required: true },
  attendees: { type: Number, default: null },
  location: { type: { latitude: Number, longitude: Number, accuracy: Number }, default: null, _id: false },
  viaTimer: { type: Boolean, default: false },
  correctsEntryId: { type: Schema.Types.ObjectId, default: null },
  /** the villager served (issue 16 item 5), who may rate the service once */
  servedUserId: { type: Schema.Types.ObjectId, default: null },
  /** a lecture recorded from its announcement (lectures module): the announcement, and who attended */
  lectureId: { type: Schema.Types.ObjectId, default: null },
  attendeeNames: { type: [String], default: [] },
  /** the served villager rated it (served.ts; the rating itself is in ledger_service_ratings) */
  rated: { type: Boolean, default: false },
  late: { type: Boolean, default: false },
  lateReason: { type: String, default: null },
  status: { type: String, enum: LEDGER_STATUSES, default: 'pending' },
  review: {
    type: {
      decision: { type: String, enum: ['approve', 'return'] as const, required: true },
      reason: { type: String, default: null },
      by: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
    },
    default: null,
    _id: false,
  },
  createdAt: { type: Date, default: () => new Date() },
};
const entrySchema = new Schema(entryFields, { collection: 'ledger_entries', versionKey: false });
// Idempotency: a retried or re-synced submission finds its first copy.
entrySchema.index({ counselId: 1, clientKey: 1 }, { unique: true });
entrySchema.index({ townshipCode: 1, status: 1, startAt: 1 });
entrySchema.index({ counselId: 1, villageCode: 1, months: 1 });
entrySchema.index({ correctsEntryId: 1 });
// a county's entries of a month (the export) by an indexed equality
entrySchema.index({ countyCode: 1 });
// the services a villager was named in (served.ts)
entrySchema.index({ servedUserId: 1 });

/** As `.lean()` reads it, derived from the schema. */
export type LedgerEntryDoc = Stored<typeof entryFields>;
export const LedgerEntryModel = model('LedgerEntry', entrySchema);

/** One review per entry: the unique index makes the first decision the only one, also under concurrency. */
const reviewSchema = new Schema(
  {
    entryId: { type: Schema.Types.ObjectId, required: true, unique: true },
    decision: { type: String, enum: ['approve', 'return'] as const, required: true },
    reason: { type: String, default: null },
    by: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'ledger_reviews', versionKey: false },
);
export const LedgerReviewModel = model('LedgerReview', reviewSchema);

/**
 * A township's month closed after review; later entries need a reason and are flagged late. The
 * month's archive (export.ts) is the ledger as it stood at `lockedAt`, judged by the county's
 * targets of that moment, kept here so a later policy change cannot rewrite it.
 */
const lockFields = {
  townshipCode: { type: String, required: true },
  /** the township's county: an export finds the county's locks of a month by this equality */
  countyCode: { type: String, default: null },
  month: { type: String, required: true },
  lockedAt: { type: Date, default: () => new Date() },
  lockedBy: { type: Schema.Types.ObjectId, required: true },
  targets: {
    type: { minOnSiteHoursPerMonth: Number, minLecturesPerQuarter: Number, minHoursPerYear: Number },
    default: null,
    _id: false,
  },
};
const lockSchema = new Schema(lockFields, { collection: 'ledger_locks', versionKey: false });
lockSchema.index({ townshipCode: 1, month: 1 }, { unique: true });
lockSchema.index({ countyCode: 1, month: 1 });
/** As `.lean()` reads it, derived from the schema. */
export type LedgerLockDoc = Stored<typeof lockFields>;
export const LedgerLockModel = model('LedgerLock', lockSchema);

/**
 * Approved service per counsel, village and Beijing month, so reports read one document per
 * village and month instead of every entry. Rewritten from the entries under a lease (see
 * shared/lease.ts), because FerretDB 1.24 loses concurrent $inc updates.
 */
const rollupFields = {
  key: { type: String, required: true, unique: true },
  counselId: { type: Schema.Types.ObjectId, required: true },
  villageCode: { type: String, required: true },
  townshipCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  /** the village's province (first two digits): a province report reads its rollups by this equality */
  provinceCode: { type: String, required: true },
  month: { type: String, required: true },
  onSiteMinutes: { type: Number, required: true },
  remoteMinutes: { type: Number, required: true },
  lectures: { type: Number, required: true },
  mediations: { type: Number, default: 0 },
  entries: { type: Number, required: true },
  computedAt: { type: Date, required: true },
};
const rollupSchema = new Schema(rollupFields, { collection: 'ledger_rollups', versionKey: false });
rollupSchema.index({ countyCode: 1, month: 1 });
rollupSchema.index({ counselId: 1, month: 1 });
rollupSchema.index({ provinceCode: 1, month: 1 });
/** As `.lean()` reads it, derived from the schema. */
export type RollupDoc = Stored<typeof rollupFields>;
export const LedgerRollupModel = model('LedgerRollup', rollupSchema);

/** Reminders sent (or tried) per counsel and period: the unique claim makes it once per period. */
const reminderSchema = new Schema(
  {
    counselId: { type: Schema.Types.ObjectId, required: true },
    period: { type: String, required: true },
    missing: { type: [String], default: [] },
    status: { type: String, enum: ['claimed', 'sent', 'failed'] as const, default: 'claimed' },
    errcode: { type: Number, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'ledger_reminders', versionKey: false },
);
// The claim: one reminder per counsel and period, whoever inserts first.
reminderSchema.index({ counselId: 1, period: 1 }, { unique: true });
export const LedgerReminderModel = model('LedgerReminder', reminderSchema);

/** One rating per served service (R10 服务一次、评价一次), by the villager named; never changed. */
const serviceRatingFields = {
  entryId: { type: Schema.Types.ObjectId, required: true, unique: true },
  servedUserId: { type: Schema.Types.ObjectId, required: true },
  counselId: { type: Schema.Types.ObjectId, required: true },
  townshipCode: { type: String, required: true },
  countyCode: { type: String, required: true },
  attitude: { type: Number, required: true },
  efficiency: { type: Number, required: true },
  competence: { type: Number, required: true },
  comment: { type: String, default: null },
  at: { type: Date, default: () => new Date() },
};
const serviceRatingSchema = new Schema(serviceRatingFields, { collection: 'ledger_service_ratings', versionKey: false });
serviceRatingSchema.index({ countyCode: 1 });
export const ServiceRatingModel = model('LedgerServiceRating', serviceRatingSchema);
export type ServiceRatingDoc = Stored<typeof serviceRatingFields>;
