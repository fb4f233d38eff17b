import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';

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
