import { z } from '../zod';
import { text } from '../text';
import { CountyCode, ObjectId } from '../roles';
import { LEGAL_AID_MATTER_LABELS } from '../labels';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../i18n/languages';
import { COUNTY_BOARD_TEXT_LIMITS as T, COUNTY_POLICY_LIMITS, LEGAL_AID_MATTERS, type CountyPolicyNumberKey } from '../constants';

const UNITS: Record<CountyPolicyNumberKey, string> = {
  maxVillagesPerCounsel: '个村',
  minOnSiteHoursPerMonth: '小时',
  minLecturesPerQuarter: '次',
  minHoursPerYear: '小时',
  firstResponseHours: '小时',
  closureDays: '天',
  minimumLivingAllowance: '元',
  legalAidIncomeMultiple: '倍',
  legalAidPrescreenDays: '天',
  legalAidDecisionDays: '天',
  mediationDays: '天',
  bookingConfirmHours: '小时',
  complaintAnswerDays: '天',
  callbackSharePercent: '%',
  callbackMinimum: '件',
  inspectionSharePercent: '%',
  legalLiterateTarget: '名',
};

export { LEGAL_AID_MATTER_LABELS };
export const LegalAidMatter = z.enum(LEGAL_AID_MATTERS);
/** Chinese is always offered: a county may switch off only the translations. */
const TRANSLATED_LANGUAGES = LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE) as ['mn-Mong', 'bo'];
const TranslatedLanguage = z.enum(TRANSLATED_LANGUAGES);
export type LegalAidMatter = z.infer<typeof LegalAidMatter>;

/** A policy figure within the range both sides share (types/src/constants.ts), refused in Chinese. */
function figure(key: CountyPolicyNumberKey) {
  const { min, max, integer } = COUNTY_POLICY_LIMITS[key];
  const n = integer ? z.number().int('须为整数') : z.number();
  return n.min(min, `至少为${min}${UNITS[key]}`).max(max, `不应超过${max}${UNITS[key]}`);
}

export const CountyPolicy = z
  .object({
    countyCode: CountyCode,
    maxVillagesPerCounsel: figure('maxVillagesPerCounsel'),
    supervisionPhone: z.string(),
    /** R2: on-site hours per village per month (000: 4) */
    minOnSiteHoursPerMonth: figure('minOnSiteHoursPerMonth'),
    /** R3: lectures per village per quarter (000: 1) */
    minLecturesPerQuarter: figure('minLecturesPerQuarter'),
    /** R2: service hours per village per year (004: 50) */
    minHoursPerYear: figure('minHoursPerYear'),
    /** R8 限时办结: first response to a consultation within this many hours (default 24) */
    firstResponseHours: figure('firstResponseHours'),
    /** R8 限时办结: a consultation is closed within this many days (default 7) */
    closureDays: figure('closureDays'),
    /** a village cadre confirms that a person who binds to a village lives there (residents module) */
    confirmResidents: z.boolean(),
    /** R11: the procedures on the county's notice boards (办事流程), one step per line */
    procedures: z.array(z.string()),
    /** R11: how to complain or give feedback (监督), shown beside the supervision phone */
    supervisionText: z.string(),
    /** R12: the local minimum living allowance (低保标准), yuan per person per month */
    minimumLivingAllowance: figure('minimumLivingAllowance'),
    /** R12: legal aid's economic test, household income per person ≤ this × the allowance (default 2) */
    legalAidIncomeMultiple: figure('legalAidIncomeMultiple'),
    /** the matters legal aid covers in this county (default: all of LEGAL_AID_MATTERS) */
    legalAidMatters: z.array(LegalAidMatter),
    /** the township's pre-screen (初审) of a legal-aid application, in days */
    legalAidPrescreenDays: figure('legalAidPrescreenDays'),
    /** the legal aid centre's decision after forwarding, in days (法律援助法 art. 43: 7 days) */
    legalAidDecisionDays: figure('legalAidDecisionDays'),
    /** a mediation is finished within this many days (人民调解: 30 days as a rule) */
    mediationDays: figure('mediationDays'),
    /** a booking is confirmed (or another time proposed) within this many hours */
    bookingConfirmHours: figure('bookingConfirmHours'),
    /** the county answers a complaint or suggestion within this many days */
    complaintAnswerDays: figure('complaintAnswerDays'),
    /** call-backs (回访): the share of a township's finished cases drawn each month, in percent */
    callbackSharePercent: figure('callbackSharePercent'),
    /** call-backs: at least this many cases a month (all, when fewer finished) */
    callbackMinimum: figure('callbackMinimum'),
    /** group inspection (抽查): the share of village groups drawn each month, in percent */
    inspectionSharePercent: figure('inspectionSharePercent'),
    /** legal-literate residents (法律明白人) each village should have (default 3; docs/domain.md: 3–5) */
    legalLiterateTarget: figure('legalLiterateTarget'),
    /** the languages other than Chinese this county does not offer (issue 17); none by default */
    languagesOff: z.array(TranslatedLanguage),
  })
  .openapi('CountyPolicy');
export type CountyPolicy = z.infer<typeof CountyPolicy>;

/** A counsel who serves more villages than the county's limit (it was lowered after they were assigned). */
export const OverLimitCounsel = z
  .object({
    counselId: ObjectId,
    name: z.string(),
    /** villages (communities) the counsel serves now */
    villagesServed: z.number().int(),
    /** the county's limit they exceed */
    limit: z.number().int(),
  })
  .openapi('OverLimitCounsel');
export type OverLimitCounsel = z.infer<typeof OverLimitCounsel>;

/**
 * The policy as the policy routes return it, with the counsel now over its villages-per-counsel
 * limit: their assignments stay, new ones are refused (docs/domain.md R1), so county staff can act.
 */
export const CountyPolicyReply = z
  .object({
    // one flat object in the document (an extend would be an allOf of CountyPolicy)
    ...CountyPolicy.shape,
    /** most villages first; empty when nobody is over */
    overLimitCounsel: z.array(OverLimitCounsel),
  })
  .openapi('CountyPolicyReply');
export type CountyPolicyReply = z.infer<typeof CountyPolicyReply>;

export const UpdateCountyPolicyBody = z
  .object({
    languagesOff: z
      .array(TranslatedLanguage)
      .max(TRANSLATED_LANGUAGES.length)
      .refine((list) => new Set(list).size === list.length, '语言不能重复')
      .openapi({ uniqueItems: true })
      .optional(),
    maxVillagesPerCounsel: figure('maxVillagesPerCounsel').optional(),
    supervisionPhone: z
      .string()
      .regex(/^[\d-]{5,20}$/, '监督电话格式不正确')
      .optional(),
    minOnSiteHoursPerMonth: figure('minOnSiteHoursPerMonth').optional(),
    minLecturesPerQuarter: figure('minLecturesPerQuarter').optional(),
    minHoursPerYear: figure('minHoursPerYear').optional(),
    firstResponseHours: figure('firstResponseHours').optional(),
    closureDays: figure('closureDays').optional(),
    confirmResidents: z.boolean().optional(),
    minimumLivingAllowance: figure('minimumLivingAllowance').optional(),
    legalAidIncomeMultiple: figure('legalAidIncomeMultiple').optional(),
    legalAidMatters: z
      .array(LegalAidMatter)
      .min(1, '请至少选择一类法律援助事项')
      .max(LEGAL_AID_MATTERS.length)
      .refine((list) => new Set(list).size === list.length, '法律援助事项不能重复')
      // the refinement, said in the document (JSON Schema's uniqueItems), so clients know it
      .openapi({ uniqueItems: true })
      .optional(),
    legalAidPrescreenDays: figure('legalAidPrescreenDays').optional(),
    legalAidDecisionDays: figure('legalAidDecisionDays').optional(),
    mediationDays: figure('mediationDays').optional(),
    bookingConfirmHours: figure('bookingConfirmHours').optional(),
    complaintAnswerDays: figure('complaintAnswerDays').optional(),
    callbackSharePercent: figure('callbackSharePercent').optional(),
    callbackMinimum: figure('callbackMinimum').optional(),
    inspectionSharePercent: figure('inspectionSharePercent').optional(),
    legalLiterateTarget: figure('legalLiterateTarget').optional(),
    /**
     * Lowering maxVillagesPerCounsel below what some counsel serve now is refused (409
     * COUNSEL_OVER_NEW_LIMIT, the counsel in `details`) unless this is true: their assignments stay,
     * new ones are refused until they are within the limit. Recorded with the change, not stored as a setting.
     */
    acknowledgeOverLimit: z.boolean().optional().openapi({
      description:
        '降低每名顾问最多服务村数、使部分法律顾问超出新上限时须为 true（已知悉：现有指派保留，不再新增），否则返回 409 COUNSEL_OVER_NEW_LIMIT，details 逐一列出超出上限的顾问（path 为顾问编号）',
    }),
    procedures: z
      .array(
        text({ min: 2, max: T.procedure, tooShort: '每条办事流程至少2个字', tooLong: `每条办事流程不能超过${T.procedure}个字` }),
      )
      .min(1, '请至少填写一条办事流程')
      .max(T.procedures, `办事流程最多${T.procedures}条`)
      .optional(),
    supervisionText: text({
      min: 2,
      max: T.supervisionText,
      tooShort: '请填写监督说明',
      tooLong: `监督说明不能超过${T.supervisionText}个字`,
    }).optional(),
  })
  .strict()
  .openapi('UpdateCountyPolicyBody');
export type UpdateCountyPolicyBody = z.infer<typeof UpdateCountyPolicyBody>;

/** One recorded change of a county's policy: who, when, and the settings they changed. */
export const CountyPolicyChange = z
  .object({
    at: z.string().datetime(),
    byName: z.string(),
    changes: UpdateCountyPolicyBody,
    /** the counsel over the new limit whom the editor acknowledged when lowering it (empty otherwise) */
    acknowledgedOverLimit: z.array(OverLimitCounsel),
  })
  .openapi('CountyPolicyChange');
export type CountyPolicyChange = z.infer<typeof CountyPolicyChange>;
export const CountyPolicyHistoryReply = z.object({ items: z.array(CountyPolicyChange) }).openapi('CountyPolicyHistoryReply');
export type CountyPolicyHistoryReply = z.infer<typeof CountyPolicyHistoryReply>;
