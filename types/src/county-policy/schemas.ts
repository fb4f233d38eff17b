import { z } from '../zod';
import { CountyCode } from '../roles';

export const CountyPolicy = z
  .object({
    countyCode: CountyCode,
    maxVillagesPerCounsel: z.number().int().min(1).max(20),
    supervisionPhone: z.string(),
    /** R2: on-site hours per village per month (000: 4) */
    minOnSiteHoursPerMonth: z.number().min(0).max(200),
    /** R3: lectures per village per quarter (000: 1) */
    minLecturesPerQuarter: z.number().int().min(0).max(50),
    /** R2: service hours per village per year (004: 50) */
    minHoursPerYear: z.number().min(0).max(2000),
    /** R8 限时办结: first response to a consultation within this many hours (default 24) */
    firstResponseHours: z.number().int().min(1).max(720),
    /** R8 限时办结: a consultation is closed within this many days (default 7) */
    closureDays: z.number().int().min(1).max(90),
  })
  .openapi('CountyPolicy');
export type CountyPolicy = z.infer<typeof CountyPolicy>;

export const UpdateCountyPolicyBody = z
  .object({
    maxVillagesPerCounsel: z.number().int().min(1, '至少为1').max(20, '不应超过20').optional(),
    supervisionPhone: z
      .string()
      .regex(/^[\d-]{5,20}$/, '监督电话格式不正确')
      .optional(),
    minOnSiteHoursPerMonth: z.number().min(0).max(200).optional(),
    minLecturesPerQuarter: z.number().int().min(0).max(50).optional(),
    minHoursPerYear: z.number().min(0).max(2000).optional(),
    firstResponseHours: z.number().int().min(1, '至少为1小时').max(720, '不应超过720小时').optional(),
    closureDays: z.number().int().min(1, '至少为1天').max(90, '不应超过90天').optional(),
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
  })
  .openapi('CountyPolicyChange');
export type CountyPolicyChange = z.infer<typeof CountyPolicyChange>;
export const CountyPolicyHistoryReply = z.object({ items: z.array(CountyPolicyChange) }).openapi('CountyPolicyHistoryReply');
export type CountyPolicyHistoryReply = z.infer<typeof CountyPolicyHistoryReply>;
