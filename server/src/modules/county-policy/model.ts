import { Schema, model } from 'mongoose';

/** Per-county policy settings (docs/domain.md: where documents differ, the stricter value is the default). */
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
    confirmResidents: { type: Boolean, default: null },
    /** R11: the county's own procedures and supervision text; absent until the county writes them (defaults.ts) */
    procedures: { type: [String], default: undefined },
    supervisionText: { type: String, default: null },
    // the service hall (issue 16); null: the default (defaults.ts DEFAULT_SERVICE_HALL)
    minimumLivingAllowance: { type: Number, default: null },
    legalAidIncomeMultiple: { type: Number, default: null },
    legalAidMatters: { type: [String], default: undefined },
    languagesOff: { type: [String], default: undefined },
    legalAidPrescreenDays: { type: Number, default: null },
    legalAidDecisionDays: { type: Number, default: null },
    mediationDays: { type: Number, default: null },
    bookingConfirmHours: { type: Number, default: null },
    complaintAnswerDays: { type: Number, default: null },
    callbackSharePercent: { type: Number, default: null },
    callbackMinimum: { type: Number, default: null },
    inspectionSharePercent: { type: Number, default: null },
    /** the legal-literate roster's target per village; null: the default (defaults.ts DEFAULT_ROSTER) */
    legalLiterateTarget: { type: Number, default: null },
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
    /** lowering the villages-per-counsel limit: the counsel it left over, as they stood then, acknowledged by `by` */
    acknowledgedOverLimit: {
      type: [
        {
          _id: false,
          counselId: { type: String, required: true },
          name: { type: String, default: '' },
          villagesServed: { type: Number, required: true },
          limit: { type: Number, required: true },
        },
      ],
      default: [],
    },
    by: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'county_policy_changes', versionKey: false },
);
export const PolicyChangeModel = model('CountyPolicyChange', policyChangeSchema);
