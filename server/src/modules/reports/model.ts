import { Schema, model } from 'mongoose';
import { REPORT_REASONS, REPORT_STATUSES } from '@vc/types';
import type { Stored } from '../../store/documents';

/**
 * Reports (举报). One per reporter and reported text (`targetKey` = group:<code>:<seq> or
 * consultation:<id>:<n>), so a repeated tap records nothing new. The reported text is copied
 * (`excerpt`) so the moderator and the record keep it even after removal. Never deleted.
 */
const reportFields = {
  reporterId: { type: Schema.Types.ObjectId, required: true },
  targetKey: { type: String, required: true },
  target: { type: String, enum: ['group_message', 'consultation_reply'] as const, required: true },
  groupCode: { type: String, default: null },
  seq: { type: Number, default: null },
  consultationId: { type: Schema.Types.ObjectId, default: null },
  n: { type: Number, default: null },
  /** the moderators' township; null for a county group's message (no township) */
  townshipCode: { type: String, default: null },
  countyCode: { type: String, required: true },
  authorId: { type: Schema.Types.ObjectId, default: null },
  authorName: { type: String, required: true },
  excerpt: { type: String, required: true },
  reason: { type: String, enum: REPORT_REASONS, required: true },
  text: { type: String, default: null },
  status: { type: String, enum: REPORT_STATUSES, required: true },
  decidedBy: { type: Schema.Types.ObjectId, default: null },
  decidedAt: { type: Date, default: null },
  decisionReason: { type: String, default: null },
  at: { type: Date, default: () => new Date() },
};
const reportSchema = new Schema(reportFields, { collection: 'reports', versionKey: false });
reportSchema.index({ reporterId: 1, targetKey: 1 }, { unique: true });
reportSchema.index({ townshipCode: 1, status: 1 });
reportSchema.index({ countyCode: 1, status: 1 });
export const ReportModel = model('Report', reportSchema);
export type ReportDoc = Stored<typeof reportFields>;
