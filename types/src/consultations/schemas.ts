import { z } from '../zod';
import { text } from '../text';
import { MAX_PHOTOS, QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH } from '../constants';
import { CONSULTATION_STATUS_LABELS, CONSULTATION_STEP_LABELS } from '../labels';
import { ClientKey, GroupTier } from '../groups/schemas';
import { ObjectId, TownshipCode, VillageCode } from '../roles';
import { ImageCheckState } from '../media/schemas';

export { CONSULTATION_STATUS_LABELS, CONSULTATION_STEP_LABELS };

/** Consultations move village → township → county (docs/domain.md R8, R9); the tier names who handles them. */
export const ConsultationTier = GroupTier;
export type ConsultationTier = z.infer<typeof ConsultationTier>;

export const CONSULTATION_STATUSES = ['open', 'answered', 'closed'] as const;
export const ConsultationStatus = z.enum(CONSULTATION_STATUSES);
export type ConsultationStatus = z.infer<typeof ConsultationStatus>;

export const CONSULTATION_STEPS = ['asked', 'claimed', 'answered', 'followed_up', 'escalated', 'closed', 'rated'] as const;
export const ConsultationStepKind = z.enum(CONSULTATION_STEPS);
export type ConsultationStepKind = z.infer<typeof ConsultationStepKind>;

/**
 * Why a text is shown only to its writer (content checks, issue 13): held for the township's
 * moderators, rejected by them, or removed after a report. Null: everyone who sees the
 * consultation reads it.
 */
export const TEXT_REVIEW_STATES = ['held', 'rejected', 'removed'] as const;
export const TextReview = z.enum(TEXT_REVIEW_STATES);
export type TextReview = z.infer<typeof TextReview>;
/** A moderator's queue item: held, then approved or rejected; or removed after a report. */
export const REVIEW_STATUSES = ['held', 'approved', 'rejected', 'removed'] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ConsultationStep = z
  .object({
    n: z.number().int().min(1),
    kind: ConsultationStepKind,
    byName: z.string(),
    byRole: z.string(),
    text: z.string().nullable(),
    reason: z.string().nullable(),
    fromTier: ConsultationTier.nullable(),
    toTier: ConsultationTier.nullable(),
    at: z.string().datetime(),
    /** not null: `text` and `reason` are shown only to the step's writer (null for others) */
    review: TextReview.nullable(),
    /** written by the person looking at it (a reply of someone else's may be reported) */
    mine: z.boolean(),
  })
  .openapi('ConsultationStep');
export type ConsultationStep = z.infer<typeof ConsultationStep>;

export const Rating = z
  .object({
    attitude: z.number().int().min(1, '评分为1至5分').max(5, '评分为1至5分'),
    efficiency: z.number().int().min(1, '评分为1至5分').max(5, '评分为1至5分'),
    competence: z.number().int().min(1, '评分为1至5分').max(5, '评分为1至5分'),
    comment: text({ max: 500, tooLong: '评价不能超过500字' }).optional(),
  })
  .strict()
  .openapi('RateConsultationBody');
export type Rating = z.infer<typeof Rating>;

/**
 * A rating as recorded. Its own object, not `Rating.extend`: the request schema is closed
 * (additionalProperties false), and the document rendered the extension as an allOf of two
 * closed objects, which no reply could match.
 */
export const ConsultationRating = z
  .object({ ...Rating.shape, at: z.string().datetime(), commentReview: TextReview.nullable() })
  .openapi('ConsultationRating');
export type ConsultationRating = z.infer<typeof ConsultationRating>;

export const Deadlines = z.object({
  firstResponseDueAt: z.string().datetime(),
  closeDueAt: z.string().datetime(),
  firstResponseAt: z.string().datetime().nullable(),
  closedAt: z.string().datetime().nullable(),
  /** the first response or the closure is late (限时办结) */
  overdue: z.boolean(),
});

export const ConsultationSummary = z
  .object({
    id: ObjectId,
    askerName: z.string(),
    askerPhoneMasked: z.string().nullable(),
    villageCode: VillageCode,
    villageName: z.string(),
    /** the first 60 characters */
    preview: z.string(),
    tier: ConsultationTier,
    status: ConsultationStatus,
    handlerName: z.string().nullable(),
    source: z.enum(['direct', 'group']),
    rated: z.boolean(),
    updatedAt: z.string().datetime(),
  })
  .merge(Deadlines)
  .openapi('ConsultationSummary');
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;

export const Consultation = ConsultationSummary.extend({
  question: z.string(),
  /** the question's review: only the asker sees a consultation whose question is not null here */
  review: TextReview.nullable(),
  /** photos sent with the question; fetched from consultationPhoto (only by those who may see the consultation) */
  photoIds: z.array(ObjectId),
  /**
   * WeChat's check of each photo listed in photoIds: others are listed only photos that passed; the
   * asker sees their own pending (审核中) and withdrawn ones too
   */
  photoChecks: z.array(z.object({ photoId: ObjectId, check: ImageCheckState })),
  steps: z.array(ConsultationStep),
  rating: ConsultationRating.nullable(),
  /** what the viewer may do now */
  can: z.object({
    answer: z.boolean(),
    escalate: z.boolean(),
    close: z.boolean(),
    followUp: z.boolean(),
    rate: z.boolean(),
  }),
}).openapi('Consultation');
export type Consultation = z.infer<typeof Consultation>;

export const ConsultationListReply = z.object({ items: z.array(ConsultationSummary) }).openapi('ConsultationListReply');
export type ConsultationListReply = z.infer<typeof ConsultationListReply>;

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PhotoUploadReply = z.object({ photoId: ObjectId }).openapi('PhotoUploadReply');
export type PhotoUploadReply = z.infer<typeof PhotoUploadReply>;
export const PhotoParams = z.object({ consultationId: ObjectId, photoId: ObjectId }).strict();

export const AskBody = z
  .object({
    clientKey: ClientKey,
    question: text({
      min: QUESTION_MIN_LENGTH,
      max: QUESTION_MAX_LENGTH,
      tooShort: `请把问题写清楚（至少${QUESTION_MIN_LENGTH}个字）`,
      tooLong: `问题不能超过${QUESTION_MAX_LENGTH}字`,
    }),
    /** photos uploaded first with uploadConsultationPhoto */
    photoIds: z.array(ObjectId).max(MAX_PHOTOS, `最多附${MAX_PHOTOS}张照片`).optional(),
  })
  .strict()
  .openapi('AskBody');
export type AskBody = z.infer<typeof AskBody>;

const Text = text({ min: 2, max: 2000, tooShort: '请填写内容', tooLong: '内容不能超过2000字' });
export const AnswerBody = z.object({ clientKey: ClientKey, text: Text }).strict().openapi('AnswerBody');
export type AnswerBody = z.infer<typeof AnswerBody>;
export const FollowUpBody = AnswerBody;
export const EscalateBody = z
  .object({ reason: text({ min: 2, max: 500, tooShort: '请填写提交上级的原因', tooLong: '原因不能超过500字' }) })
  .strict()
  .openapi('EscalateBody');
export type EscalateBody = z.infer<typeof EscalateBody>;
export const CloseBody = z
  .object({ note: text({ max: 500 }).optional() })
  .strict()
  .openapi('CloseBody');

export const ConsultationParams = z.object({ consultationId: ObjectId }).strict();
export const InboxQuery = z.object({ status: z.enum(['active', 'closed']).default('active') }).strict();
export const OverdueParams = z.object({ townshipCode: TownshipCode }).strict();

/** Evaluation figures of consultations (docs/domain.md R10, 003 §10): served, timeliness, satisfaction. */
export const ConsultationFigures = z.object({
  asked: z.number().int(),
  answered: z.number().int(),
  closed: z.number().int(),
  /** handled above the village (escalated, or the village had no counsel) */
  escalated: z.number().int(),
  overdue: z.number().int(),
  /** share answered and closed within the time limits, 0–1; null when nothing was asked */
  onTimeRate: z.number().nullable(),
  medianFirstResponseHours: z.number().nullable(),
  ratings: z.number().int(),
  attitude: z.number().nullable(),
  efficiency: z.number().nullable(),
  competence: z.number().nullable(),
  /** share of ratings averaging 4 or more (满意率), 0–1 */
  satisfaction: z.number().nullable(),
});
export type ConsultationFigures = z.infer<typeof ConsultationFigures>;
export const ConsultationStatsQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
      .optional(),
  })
  .strict();
export const ConsultationStatsReply = z
  .object({
    month: z.string(),
    summary: ConsultationFigures,
    byTownship: z.array(ConsultationFigures.extend({ code: TownshipCode, name: z.string() })),
  })
  .openapi('ConsultationStatsReply');
export type ConsultationStatsReply = z.infer<typeof ConsultationStatsReply>;

/** A consultation's text held for (or decided by) the township's moderators (content checks, issue 13). */
export const HeldConsultationText = z
  .object({
    id: ObjectId,
    consultationId: ObjectId,
    villageName: z.string(),
    /** the step's kind, or `rated` for a rating's comment; `asked` is the question */
    kind: ConsultationStepKind,
    authorName: z.string(),
    text: z.string(),
    cause: z.enum(['risky', 'review', 'check_unavailable', 'report']),
    status: ReviewStatus,
    reason: z.string().nullable(),
    at: z.string().datetime(),
    decidedAt: z.string().datetime().nullable(),
  })
  .openapi('HeldConsultationText');
export type HeldConsultationText = z.infer<typeof HeldConsultationText>;
export const HeldConsultationTextsReply = z
  .object({ items: z.array(HeldConsultationText) })
  .openapi('HeldConsultationTextsReply');
export const HeldConsultationTextsQuery = z.object({ status: ReviewStatus.default('held') }).strict();
export const HeldConsultationTextParams = z.object({ townshipCode: TownshipCode, reviewId: ObjectId }).strict();
export const DecideHeldConsultationTextBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    /** required to reject: the writer is told why */
    reason: text({ min: 2, max: 200, tooShort: '请填写原因', tooLong: '原因不能超过200字' }).optional(),
  })
  .strict()
  .openapi('DecideHeldConsultationTextBody');
export type DecideHeldConsultationTextBody = z.infer<typeof DecideHeldConsultationTextBody>;
