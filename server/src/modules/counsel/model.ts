import { Schema, model } from 'mongoose';

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
const assignmentSchema = new Schema(
  {
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
  },
  { collection: 'counsel_assignments', versionKey: false },
);
assignmentSchema.index({ counselId: 1, activeSlot: 1 }, { unique: true });
assignmentSchema.index({ counselId: 1, activeVillage: 1 }, { unique: true });
assignmentSchema.index({ villageCode: 1, endedAt: 1 });
assignmentSchema.index({ countyCode: 1, endedAt: 1 });
assignmentSchema.index({ townshipCode: 1, endedAt: 1 });
assignmentSchema.index({ counselId: 1, endedAt: 1 });
export const AssignmentModel = model('CounselAssignment', assignmentSchema);

/** Per-county policy settings (DOMAIN: where documents differ, the stricter value is the default). */
const countyPolicySchema = new Schema(
  {
    countyCode: { type: String, required: true, unique: true },
    /** the county's province (its first two digits), so a province report reads its counties' policies in one query */
    provinceCode: { type: String, required: true },
    maxVillagesPerCounsel: { type: Number, required: true },
    supervisionPhone: { type: String, required: true },
    minOnSiteHoursPerMonth: { type: Number, default: null },
    minLecturesPerQuarter: { type: Number, default: null },
    minHoursPerYear: { type: Number, default: null },
    firstResponseHours: { type: Number, default: null },
    closureDays: { type: Number, default: null },
    updatedAt: { type: Date, default: () => new Date() },
    updatedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: 'county_policies', versionKey: false },
);
countyPolicySchema.index({ provinceCode: 1 });
export const CountyPolicyModel = model('CountyPolicy', countyPolicySchema);

/** Every policy change, with who and when: an assessment may depend on the setting in force. */
const policyChangeSchema = new Schema(
  {
    countyCode: { type: String, required: true, index: true },
    changes: { type: Schema.Types.Mixed, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'county_policy_changes', versionKey: false },
);
export const PolicyChangeModel = model('CountyPolicyChange', policyChangeSchema);

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
