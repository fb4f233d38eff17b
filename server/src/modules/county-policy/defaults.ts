import { DEFAULT_LEGAL_LITERATE_TARGET } from '@vc/types';
/**
 * What a county's policy is when it stores nothing (docs/domain.md: where documents differ, the stricter
 * value is the default).
 *
 * docs/domain.md R1 (002): one counsel may serve at most 5 villages; a county may set a stricter limit. */
export const DEFAULT_MAX_VILLAGES_PER_COUNSEL = 5;
export const DEFAULT_SUPERVISION_PHONE = '12348';

/** R2, R3: 4 h on site per village per month and a lecture per quarter (000), 50 h a year (004). */
export const DEFAULT_SERVICE_TARGETS = { minOnSiteHoursPerMonth: 4, minLecturesPerQuarter: 1, minHoursPerYear: 50 } as const;

/** Time limits of consultations (R8 限时办结): first response within 24 hours, closed within 7 days. */
export const DEFAULT_CONSULTATION_LIMITS = { firstResponseHours: 24, closureDays: 7 } as const;

/** R8, R11, R12: the procedures on a county's notice boards until the county writes its own. */
export const DEFAULT_PROCEDURES: readonly string[] = [
  '在线咨询：在小程序中向本村法律顾问提问，顾问在承诺时限内答复',
  '当面咨询：在驻村服务时间到村委会找法律顾问，也可在小程序“服务大厅”预约时间',
  '纠纷调解：向村调委会或法律顾问提出调解申请，也可在“服务大厅”在线申请调解',
  '法律援助：经济困难群众可在“服务大厅”先自测再申请，由司法所初审、县法律援助中心审批',
  '监督评价：每次服务后可评价；对服务不满意可在“服务大厅”投诉建议，或拨打监督电话、12348',
];

/** R11: how to complain, beside the supervision phone, until the county writes its own. */
export const DEFAULT_SUPERVISION_TEXT =
  '对法律顾问的服务有意见或建议，可拨打监督电话向县（区）司法局反映，也可拨打 12348 公共法律服务热线。';

/**
 * The service hall (issue 16). The minimum living allowance is a placeholder until the county
 * enters its own (Liaoning's rural 低保 was about 600 yuan a month in 2024); legal aid's economic
 * test is 2 × the allowance (R12). Time limits: the legal aid centre decides within 7 days (法律援助法
 * art. 43) and the township pre-screens within 3; a mediation ends within 30 days (人民调解 practice);
 * the county answers complaints within 7 days (the stricter of the documents' 7 and 15).
 * Call-backs draw 10 % of a township's finished cases a month, at least 5; inspections a third
 * of the village groups (issue 16 item 6).
 */
export const DEFAULT_SERVICE_HALL = {
  minimumLivingAllowance: 600,
  legalAidIncomeMultiple: 2,
  legalAidPrescreenDays: 3,
  legalAidDecisionDays: 7,
  mediationDays: 30,
  bookingConfirmHours: 24,
  complaintAnswerDays: 7,
  callbackSharePercent: 10,
  callbackMinimum: 5,
  inspectionSharePercent: 34,
} as const;

/**
 * The legal-literate roster (issue 17 item 3): residents per village the county aims for. The
 * documents ask for 3–5 per village (docs/domain.md); the lower bound is the default.
 */
export const DEFAULT_ROSTER = { legalLiterateTarget: DEFAULT_LEGAL_LITERATE_TARGET } as const;
