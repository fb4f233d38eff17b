import { Schema, model } from 'mongoose';

/** Every decision on a person's residence (confirmed or declined, by whom, why). Append-only. */
const decisionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    villageCode: { type: String, required: true, index: true },
    decision: { type: String, enum: ['confirmed', 'declined'] as const, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'resident_decisions', versionKey: false },
);
export const ResidentDecisionModel = model('ResidentDecision', decisionSchema);
