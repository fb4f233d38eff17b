import { z } from '../zod';
import { text } from '../text';
import { GroupCode } from '../groups/schemas';
import { CountyCode, ObjectId, TownshipCode } from '../roles';

/**
 * Reports (举报, issue 13): anyone who can read a group message or a consultation reply may report
 * it; the report reaches the moderators of the township it belongs to, who dismiss it or remove
 * the content, with a reason, on record.
 */
export const REPORT_REASONS = ['illegal', 'fraud', 'abuse', 'privacy', 'spam', 'other'] as const;
export const ReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof ReportReason>;
export const REPORT_STATUSES = ['open', 'dismissed', 'removed'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const ReportBody = z
  .object({
    reason: ReportReason,
    /** what the reporter wants the moderator to know */
    text: text({ max: 200, tooLong: '补充说明不能超过200字' }).optional(),
  })
  .strict()
  .openapi('ReportBody');
export type ReportBody = z.infer<typeof ReportBody>;

export const Report = z
  .object({
    id: ObjectId,
    target: z.enum(['group_message', 'consultation_reply']),
    /** the group (group_message) */
    groupCode: GroupCode.nullable(),
    seq: z.number().int().nullable(),
    /** the consultation and its step (consultation_reply) */
    consultationId: ObjectId.nullable(),
    n: z.number().int().nullable(),
    /** the reported text as it was when reported */
    excerpt: z.string(),
    authorName: z.string(),
    reason: ReportReason,
    text: z.string().nullable(),
    status: ReportStatus,
    /** the moderator's reason, once decided */
    decisionReason: z.string().nullable(),
    at: z.string().datetime(),
    decidedAt: z.string().datetime().nullable(),
  })
  .openapi('Report');
export type Report = z.infer<typeof Report>;
export const ReportListReply = z.object({ items: z.array(Report) }).openapi('ReportListReply');

export const ReportGroupMessageParams = z.object({ groupCode: GroupCode, seq: z.coerce.number().int().min(1).max(1e9) }).strict();
export const ReportConsultationStepParams = z
  .object({ consultationId: ObjectId, n: z.coerce.number().int().min(1).max(1e6) })
  .strict();
export const TownshipReportsParams = z.object({ townshipCode: TownshipCode }).strict();
export const TownshipReportsQuery = z.object({ status: ReportStatus.default('open') }).strict();
export const ReportDecisionParams = z.object({ townshipCode: TownshipCode, reportId: ObjectId }).strict();
/** A county work group has no township: its reports reach the county's staff, its moderators. */
export const CountyReportsParams = z.object({ countyCode: CountyCode }).strict();
export const CountyReportDecisionParams = z.object({ countyCode: CountyCode, reportId: ObjectId }).strict();
export const ReportDecisionBody = z
  .object({
    decision: z.enum(['dismiss', 'remove']),
    reason: text({ min: 2, max: 200, tooShort: '请填写处理原因', tooLong: '原因不能超过200字' }),
  })
  .strict()
  .openapi('ReportDecisionBody');
export type ReportDecisionBody = z.infer<typeof ReportDecisionBody>;
