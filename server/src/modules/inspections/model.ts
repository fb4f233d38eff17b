import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';

/**
 * A county's draw for a month (issue 16 item 6): made on the month's first read and never changed.
 * (countyCode, month) is unique: two first reads at once both draw, one insert wins and both
 * answer its draw (store/duplicates.ts). The seed is kept so the draw can be re-checked
 * (policy.ts drawGroups over the county's village groups then, with the share then).
 */
const drawFields = {
  countyCode: { type: String, required: true },
  month: { type: String, required: true },
  seed: { type: String, required: true },
  sharePercent: { type: Number, required: true },
  villageGroups: { type: Number, required: true },
  groupCodes: { type: [String], default: [] },
  drawnAt: { type: Date, required: true },
};
const drawSchema = new Schema(drawFields, { collection: 'inspection_draws', versionKey: false });
drawSchema.index({ countyCode: 1, month: 1 }, { unique: true });
export const InspectionDrawModel = model('InspectionDraw', drawSchema);
export type InspectionDrawDoc = Stored<typeof drawFields>;

/**
 * One drawn group of a month: what a record is made against. Written from the draw (all at once,
 * again after a crash in between: the unique index keeps each group once).
 */
const inspectionFields = {
  countyCode: { type: String, required: true },
  month: { type: String, required: true },
  groupCode: { type: String, required: true },
  townshipCode: { type: String, required: true },
  drawnAt: { type: Date, required: true },
};
const inspectionSchema = new Schema(inspectionFields, { collection: 'inspections', versionKey: false });
inspectionSchema.index({ countyCode: 1, month: 1, groupCode: 1 }, { unique: true });
inspectionSchema.index({ countyCode: 1, month: 1 });
export const InspectionModel = model('Inspection', inspectionSchema);
export type InspectionDoc = Stored<typeof inspectionFields>;

/**
 * What the inspector found: once per inspection (inspectionId is unique, so of two records at once
 * one is stored and the other refused), never changed. The inspector's name is copied, as on group
 * messages, so lists need no lookup of people.
 */
const recordFields = {
  inspectionId: { type: Schema.Types.ObjectId, required: true, unique: true },
  countyCode: { type: String, required: true },
  month: { type: String, required: true },
  groupCode: { type: String, required: true },
  active: { type: Boolean, required: true },
  privateDataFound: { type: Boolean, required: true },
  improperContentFound: { type: Boolean, required: true },
  actionTaken: { type: String, default: null },
  notes: { type: String, default: null },
  by: { type: Schema.Types.ObjectId, required: true },
  byName: { type: String, required: true },
  byRole: { type: String, required: true },
  at: { type: Date, required: true },
};
const recordSchema = new Schema(recordFields, { collection: 'inspection_records', versionKey: false });
recordSchema.index({ countyCode: 1, month: 1 });
export const InspectionRecordModel = model('InspectionRecord', recordSchema);
export type InspectionRecordDoc = Stored<typeof recordFields>;
