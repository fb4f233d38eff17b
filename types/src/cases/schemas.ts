import { z } from '../zod';
import { text } from '../text';
import { MAX_PHOTOS } from '../constants';
import { CASE_ACT_LABELS, CASE_KIND_LABELS, CASE_OUTCOME_LABELS, CASE_STATUS_LABELS, DISPUTE_KIND_LABELS } from '../labels';
import { ClientKey, GroupTier } from '../groups/schemas';
import { Rating } from '../consultations/schemas';
import { LegalAidMatter } from '../county-policy/schemas';
import { ObjectId, TownshipCode, VillageCode } from '../roles';
import { ImageCheckState } from '../media/schemas';

export { CASE_ACT_LABELS, CASE_KIND_LABELS, CASE_OUTCOME_LABELS, CASE_STATUS_LABELS, DISPUTE_KIND_LABELS };

/**
 * The service hall's cases (issue 16; docs/domain.md R5, R8, R12): legal aid, people's mediation,
 * a booking with the counsel, a complaint or suggestion. One model with a kind; each kind's rules
 * are a pure policy on the server (server/src/modules/cases/kinds). Consultations keep their own
 * model (they came first and carry group posts and escalation).
 */
export const CASE_KINDS = ['legal_aid', 'mediation', 'booking', 'complaint'] as const;
export const CaseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKind>;

/**
 * open: waiting for a first contact at its tier; handling: owned by its first contact;
 * waiting: on the applicant (more material, a proposed time); confirmed: a booking agreed;
 * done: finished with an outcome.
 */
export const CASE_STATUSES = ['open', 'handling', 'waiting', 'confirmed', 'done'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** What people do to a case; each is recorded as a step of that kind. */
export const CASE_ACTS = [
  'take',
  'ask_material',
  'supply',
  'forward',
  'refuse',
  'decide',
  'session',
  'settle',
  'confirm',
  'propose',
  'accept',
  'cancel',
  'no_show',
  'complete',
  'answer',
] as const;
export const CaseAct = z.enum(CASE_ACTS);
export type CaseAct = z.infer<typeof CaseAct>;

export const CASE_STEP_KINDS = ['opened', ...CASE_ACTS, 'rated'] as const;
export const CaseStepKind = z.enum(CASE_STEP_KINDS);
export type CaseStepKind = z.infer<typeof CaseStepKind>;

export const CASE_OUTCOMES = [
  'granted',
  'denied',
  'refused',
  'agreement',
  'no_agreement',
  'referred',
  'kept',
  'no_show',
  'cancelled',
  'answered',
] as const;
export const CaseOutcome = z.enum(CASE_OUTCOMES);
export type CaseOutcome = z.infer<typeof CaseOutcome>;

export const DISPUTE_KINDS = ['neighbours', 'family', 'land', 'debt', 'labour', 'damage', 'other'] as const;
export const DisputeKind = z.enum(DISPUTE_KINDS);
export type DisputeKind = z.infer<typeof DisputeKind>;

const Text = (what: string, max = 2000) => text({ min: 2, max, tooShort: `请填写${what}`, tooLong: `${what}不能超过${max}字` });
const Photos = z.array(ObjectId).max(MAX_PHOTOS, `最多附${MAX_PHOTOS}张照片`);
const DateTime = (what: string) => z.string().datetime({ offset: true, message: `${what}格式不正确` });

/** Legal aid's eligibility check (R12): the matter, the household and its income. */
export const LegalAidCheckBody = z
  .object({
    matter: LegalAidMatter,
    householdSize: z.number().int('家庭人口须为整数').min(1, '家庭人口至少1人').max(20, '家庭人口不应超过20人'),
    /** the household's income in yuan a month, all members together */
    monthlyIncome: z.number().min(0, '收入不能为负数').max(1_000_000, '收入数额过大'),
    /** receives the minimum living allowance or other social assistance: no economic test (法律援助法 art. 42) */
    receivesAssistance: z.boolean().default(false),
  })
  .strict()
  .openapi('LegalAidCheckBody');
export type LegalAidCheckBody = z.infer<typeof LegalAidCheckBody>;

export const LegalAidCheckReply = z
  .object({
    likely: z.boolean(),
    matterCovered: z.boolean(),
    incomeEligible: z.boolean(),
    /** income per person a month, yuan, rounded */
    incomePerPerson: z.number(),
    /** the county's threshold per person a month, yuan */
    threshold: z.number(),
    /** why, in plain Chinese, one line each */
    reasons: z.array(z.string()),
  })
  .openapi('LegalAidCheckReply');
export type LegalAidCheckReply = z.infer<typeof LegalAidCheckReply>;

export const LegalAidTermsReply = z
  .object({
    countyCode: z.string(),
    matters: z.array(z.object({ key: LegalAidMatter, label: z.string() })),
    minimumLivingAllowance: z.number(),
    legalAidIncomeMultiple: z.number(),
    threshold: z.number(),
  })
  .openapi('LegalAidTermsReply');
export type LegalAidTermsReply = z.infer<typeof LegalAidTermsReply>;

const Base = { clientKey: ClientKey, photoIds: Photos.optional() };

/** Opening a case: the kind and what that kind asks for. */
export const OpenCaseBody = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('legal_aid'),
        ...Base,
        ...LegalAidCheckBody.shape,
        account: Text('事情经过'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('mediation'),
        ...Base,
        disputeKind: DisputeKind,
        account: Text('纠纷经过'),
        otherPartyName: text({ min: 1, max: 20, tooShort: '请填写对方姓名', tooLong: '对方姓名不能超过20字' }),
        /** the other party's village, when in this county */
        otherPartyVillageCode: VillageCode.optional(),
        /** seen only by the applicant and whoever mediates (never overseeing staff) */
        otherPartyPhone: z
          .string()
          .regex(/^1\d{10}$/, '对方手机号格式不正确')
          .optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('booking'),
        ...Base,
        /** the time asked for, within the counsel's on-site hours at the village */
        at: DateTime('预约时间'),
        topic: Text('预约事由', 500),
      })
      .strict(),
    z
      .object({
        kind: z.literal('complaint'),
        ...Base,
        /** a complaint about a service or a counsel, or a suggestion (意见建议) */
        about: z.enum(['service', 'counsel', 'suggestion']),
        /** the counsel complained about (about = counsel) */
        counselId: ObjectId.optional(),
        account: Text('投诉或建议内容'),
      })
      .strict(),
  ])
  .openapi('OpenCaseBody');
export type OpenCaseBody = z.infer<typeof OpenCaseBody>;

/** One act on a case: what it is and what that act asks for. */
export const CaseStepBody = z
  .discriminatedUnion('act', [
    z.object({ act: z.literal('take'), clientKey: ClientKey }).strict(),
    z
      .object({
        act: z.literal('ask_material'),
        clientKey: ClientKey,
        text: Text('需补充的材料', 500),
        /** the applicant supplies it by this day (YYYY-MM-DD) */
        dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '补充期限格式应为 YYYY-MM-DD'),
      })
      .strict(),
    z
      .object({ act: z.literal('supply'), clientKey: ClientKey, text: Text('补充说明', 500), photoIds: Photos.optional() })
      .strict(),
    z.object({ act: z.literal('forward'), clientKey: ClientKey, text: Text('初审意见', 500) }).strict(),
    z.object({ act: z.literal('refuse'), clientKey: ClientKey, text: Text('不予受理的原因', 500) }).strict(),
    z
      .object({
        act: z.literal('decide'),
        clientKey: ClientKey,
        outcome: z.enum(['granted', 'denied']),
        text: Text('审批意见', 500),
        /** the lawyer assigned when granted */
        lawyer: text({ min: 2, max: 40, tooShort: '请填写指派的律师', tooLong: '律师信息不能超过40字' }).optional(),
      })
      .strict(),
    z
      .object({
        act: z.literal('session'),
        clientKey: ClientKey,
        text: Text('调解记录'),
        startAt: DateTime('开始时间'),
        endAt: DateTime('结束时间'),
      })
      .strict(),
    z
      .object({
        act: z.literal('settle'),
        clientKey: ClientKey,
        outcome: z.enum(['agreement', 'no_agreement', 'referred']),
        /** the agreement's terms, or why none was reached, or where it was referred */
        text: Text('调解结果'),
        startAt: DateTime('开始时间').optional(),
        endAt: DateTime('结束时间').optional(),
      })
      .strict(),
    z.object({ act: z.literal('confirm'), clientKey: ClientKey }).strict(),
    z
      .object({ act: z.literal('propose'), clientKey: ClientKey, at: DateTime('建议时间'), text: Text('说明', 200).optional() })
      .strict(),
    z.object({ act: z.literal('accept'), clientKey: ClientKey }).strict(),
    z.object({ act: z.literal('cancel'), clientKey: ClientKey, text: Text('取消原因', 200) }).strict(),
    z.object({ act: z.literal('no_show'), clientKey: ClientKey }).strict(),
    z
      .object({
        act: z.literal('complete'),
        clientKey: ClientKey,
        text: Text('服务内容'),
        startAt: DateTime('开始时间'),
        endAt: DateTime('结束时间'),
      })
      .strict(),
    z.object({ act: z.literal('answer'), clientKey: ClientKey, text: Text('答复内容') }).strict(),
  ])
  .openapi('CaseStepBody');
export type CaseStepBody = z.infer<typeof CaseStepBody>;

export const CaseStep = z
  .object({
    n: z.number().int().min(1),
    kind: CaseStepKind,
    byName: z.string(),
    byRole: z.string(),
    text: z.string().nullable(),
    outcome: CaseOutcome.nullable(),
    /** a proposed or booked time, a session's start */
    at2: z.string().datetime().nullable(),
    /** a due date the applicant was given (ask_material) */
    dueDate: z.string().nullable(),
    lawyer: z.string().nullable(),
    photoIds: z.array(ObjectId),
    toTier: GroupTier.nullable(),
    at: z.string().datetime(),
    /** hours since the step before it: how long each step took (the applicant follows every step) */
    tookHours: z.number().nullable(),
  })
  .openapi('CaseStep');
export type CaseStep = z.infer<typeof CaseStep>;

export const CaseSummary = z
  .object({
    id: ObjectId,
    kind: CaseKind,
    applicantName: z.string(),
    applicantPhoneMasked: z.string().nullable(),
    villageCode: VillageCode,
    villageName: z.string(),
    townshipCode: TownshipCode,
    /** one line: the matter, the dispute kind, the booked time or the complaint's first words */
    title: z.string(),
    tier: GroupTier,
    status: CaseStatus,
    outcome: CaseOutcome.nullable(),
    handlerName: z.string().nullable(),
    /** the current time limit: the first contact's, the applicant's (waiting), the booking's time */
    dueAt: z.string().datetime().nullable(),
    overdue: z.boolean(),
    /** a booking's agreed or proposed time */
    scheduledAt: z.string().datetime().nullable(),
    rated: z.boolean(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .openapi('CaseSummary');
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseRating = z.object({ ...Rating.shape, at: z.string().datetime() }).openapi('CaseRating');

export const Case = CaseSummary.extend({
  /** the kind's own fields, as far as the viewer may see them (the other party's phone only to the applicant and the handlers) */
  details: z.record(z.union([z.string(), z.number(), z.boolean(), z.null()])),
  photoIds: z.array(ObjectId),
  photoChecks: z.array(z.object({ photoId: ObjectId, check: ImageCheckState })),
  steps: z.array(CaseStep),
  rating: CaseRating.nullable(),
  /** the acts the viewer may do now (the server decides; the phone shows only these) */
  can: z.array(z.enum([...CASE_ACTS, 'rate'])),
}).openapi('Case');
export type Case = z.infer<typeof Case>;

export const CaseListReply = z.object({ items: z.array(CaseSummary) }).openapi('CaseListReply');
export type CaseListReply = z.infer<typeof CaseListReply>;
export const CaseParams = z.object({ caseId: ObjectId }).strict();
export const CasePhotoParams = z.object({ caseId: ObjectId, photoId: ObjectId }).strict();
export const CaseInboxQuery = z
  .object({ status: z.enum(['active', 'done']).default('active'), kind: CaseKind.optional() })
  .strict();
export const RateCaseBody = Rating;
