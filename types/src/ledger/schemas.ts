import { z } from '../zod';
import { text } from '../text';
import { CLIENT_KEY_PATTERN } from '../constants';
import { LEDGER_KIND_LABELS, LEDGER_MODE_LABELS, LEDGER_STATUS_LABELS } from '../labels';
import { ObjectId, TownshipCode, VillageCode } from '../roles';

/** Kinds of service a counsel records (docs/domain.md R5). */
export const LEDGER_KINDS = [
  'on_site_duty',
  'consultation',
  'lecture',
  'mediation',
  'document_drafting',
  'village_rules_review',
  'legal_opinion',
  'home_visit',
] as const;
export const LedgerKind = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof LedgerKind>;

export { LEDGER_KIND_LABELS, LEDGER_MODE_LABELS, LEDGER_STATUS_LABELS };

/** on_site: in the village, counts toward the monthly on-site hours (R2); remote: phone or online (R5 of issue 4). */
export const LedgerMode = z.enum(['on_site', 'remote']);
export type LedgerMode = z.infer<typeof LedgerMode>;

export const LEDGER_STATUSES = ['pending', 'approved', 'returned'] as const;
export const LedgerStatus = z.enum(LEDGER_STATUSES);
export type LedgerStatus = z.infer<typeof LedgerStatus>;

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const GeoPoint = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    accuracy: z.number().min(0).max(100000).optional(),
  })
  .strict();

export const SubmitLedgerEntryBody = z
  .object({
    /** made by the phone once per entry; retries and offline syncs send the same key */
    clientKey: z.string().regex(CLIENT_KEY_PATTERN, '客户端编号格式不正确'),
    villageCode: VillageCode,
    kind: LedgerKind,
    mode: LedgerMode.default('on_site'),
    startAt: z.string().datetime({ offset: true, message: '开始时间格式不正确' }),
    endAt: z.string().datetime({ offset: true, message: '结束时间格式不正确' }),
    summary: text({ min: 2, max: 2000, tooShort: '请填写服务内容', tooLong: '服务内容过长' }),
    attendees: z.number().int().min(0).max(100000).optional(),
    location: GeoPoint.optional(),
    /** recorded with the check-in/check-out timer rather than typed afterwards */
    viaTimer: z.boolean().default(false),
    /** a correction: the entry it corrects (never changed itself) */
    correctsEntryId: ObjectId.optional(),
    /**
     * the villager served (a resident of this village), who may then rate the service once
     * (issue 16 item 5, 服务一次、评价一次); a counsel picks them from the village's residents
     */
    servedUserId: ObjectId.optional(),
    /** required when the month is already locked */
    lateReason: text({ min: 2, max: 500, tooShort: '补登原因至少2个字', tooLong: '补登原因不能超过500个字' }).optional(),
  })
  .strict()
  .openapi('SubmitLedgerEntryBody');
export type SubmitLedgerEntryBody = z.input<typeof SubmitLedgerEntryBody>;

export const LedgerEntry = z
  .object({
    id: ObjectId,
    clientKey: z.string(),
    counselId: ObjectId,
    counselName: z.string(),
    villageCode: VillageCode,
    villageName: z.string(),
    kind: LedgerKind,
    mode: LedgerMode,
    startAt: z.string().datetime(),
    endAt: z.string().datetime(),
    minutes: z.number().int(),
    summary: z.string(),
    attendees: z.number().int().nullable(),
    viaTimer: z.boolean(),
    status: LedgerStatus,
    late: z.boolean(),
    lateReason: z.string().nullable(),
    correctsEntryId: ObjectId.nullable(),
    /** the villager served, named for the counsel and reviewers (null: none named) */
    servedName: z.string().nullable(),
    /** the served villager rated it */
    rated: z.boolean(),
    /** a lecture recorded from its announcement (issue 17 item 1): the announcement, and who attended */
    lectureId: ObjectId.nullable(),
    attendeeNames: z.array(z.string()),
    review: z
      .object({ decision: z.enum(['approve', 'return']), reason: z.string().nullable(), by: ObjectId, at: z.string().datetime() })
      .nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi('LedgerEntry');
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerEntryListQuery = z
  .object({
    month: Month.optional(),
    villageCode: VillageCode.optional(),
    status: LedgerStatus.optional(),
  })
  .strict();
export const LedgerEntryListReply = z.object({ items: z.array(LedgerEntry) }).openapi('LedgerEntryListReply');
export type LedgerEntryListReply = z.infer<typeof LedgerEntryListReply>;

export const ReviewLedgerEntryBody = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve'), reason: text({ max: 500, tooLong: '原因不能超过500个字' }).optional() }).strict(),
    z
      .object({
        decision: z.literal('return'),
        reason: text({ min: 2, max: 500, tooShort: '退回时请填写原因', tooLong: '原因不能超过500个字' }),
      })
      .strict(),
  ])
  .openapi('ReviewLedgerEntryBody');
export type ReviewLedgerEntryBody = z.infer<typeof ReviewLedgerEntryBody>;

export const LockMonthParams = z.object({ townshipCode: TownshipCode, month: Month }).strict();
export const LedgerLock = z
  .object({ townshipCode: TownshipCode, month: z.string(), lockedAt: z.string().datetime(), lockedBy: ObjectId })
  .openapi('LedgerLock');
export type LedgerLock = z.infer<typeof LedgerLock>;

/** A township's locked months, newest first: who locked each and when (issue 14 item 5). */
export const TownshipLedgerLocksQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
export const TownshipLedgerLock = LedgerLock.extend({ lockedByName: z.string() }).openapi('TownshipLedgerLock');
export type TownshipLedgerLock = z.infer<typeof TownshipLedgerLock>;
export const TownshipLedgerLocksReply = z
  .object({ townshipCode: TownshipCode, townshipName: z.string(), items: z.array(TownshipLedgerLock) })
  .openapi('TownshipLedgerLocksReply');
export type TownshipLedgerLocksReply = z.infer<typeof TownshipLedgerLocksReply>;

export const ProgressQuery = z.object({ month: Month.optional() }).strict();

/**
 * What a village still lacks in one period (R2 on-site minutes each month and service minutes each
 * year, R3 lectures each quarter): the data behind the worded `missing` lines.
 */
export const LedgerShortfall = z
  .object({
    period: z.enum(['month', 'quarter', 'year']),
    /** 2026-10, 2026-Q4 or 2026 */
    key: z.string(),
    missingMinutes: z.number(),
    missingLectures: z.number().int(),
  })
  .openapi('LedgerShortfall');
export type LedgerShortfall = z.infer<typeof LedgerShortfall>;

/** A counsel's standing in one village for the month, its quarter and its year (R2, R3). */
export const VillageProgress = z
  .object({
    villageCode: VillageCode,
    villageName: z.string(),
    month: z.object({
      period: z.string(),
      onSiteMinutes: z.number(),
      pendingOnSiteMinutes: z.number(),
      requiredMinutes: z.number(),
      /** consultations of the village this counsel answered remotely this month (counted, not timed) */
      consultationsAnswered: z.number().int(),
    }),
    quarter: z.object({ period: z.string(), lectures: z.number(), requiredLectures: z.number() }),
    year: z.object({ period: z.string(), minutes: z.number(), requiredMinutes: z.number() }),
    /** what is still missing, in Chinese, empty when on schedule */
    missing: z.array(z.string()),
    shortfalls: z.array(LedgerShortfall),
  })
  .openapi('VillageProgress');
export type VillageProgress = z.infer<typeof VillageProgress>;
export const ProgressReply = z.object({ items: z.array(VillageProgress) }).openapi('ProgressReply');
export type ProgressReply = z.infer<typeof ProgressReply>;

export const ComplianceQuery = z.object({ month: Month.optional(), townshipCode: TownshipCode.optional() }).strict();
export const TownshipComplianceQuery = z.object({ month: Month.optional() }).strict();

export const VillageCompliance = z
  .object({
    code: VillageCode,
    name: z.string(),
    townshipCode: z.string(),
    onSiteMinutes: z.number(),
    lectures: z.number(),
    yearMinutes: z.number(),
    /** the counsel serving the village now: who is behind schedule */
    counsel: z.array(z.object({ id: z.string(), name: z.string() })),
    mediations: z.number(),
    entries: z.number(),
    compliant: z.boolean(),
    missing: z.array(z.string()),
    shortfalls: z.array(LedgerShortfall),
  })
  .openapi('VillageCompliance');
export type VillageCompliance = z.infer<typeof VillageCompliance>;

/** The county targets a compliance figure was judged by (R2, R3). */
export const ComplianceTargets = z.object({
  minOnSiteHoursPerMonth: z.number(),
  minLecturesPerQuarter: z.number(),
  minHoursPerYear: z.number(),
});

/** Totals of a set of villages for a month: on-site hours this month, lectures this quarter (R2, R3). */
export const ComplianceSummary = z.object({
  villages: z.number(),
  compliant: z.number(),
  /** percent of villages compliant, one decimal */
  rate: z.number(),
  onSiteHours: z.number(),
  lectures: z.number(),
  mediations: z.number(),
  entries: z.number(),
});
export type ComplianceSummary = z.infer<typeof ComplianceSummary>;

/**
 * The cut-off of a report's figures (docs/domain.md R2): service before this instant counts — the
 * end of the month (the first instant of the next, Beijing time) for a past month, the moment of the
 * request for the running month. Never later months: the quarter and the year count up to the
 * month's end. Reviews and late entries ("补登") of the period still change a report; the archive of
 * a locked month is its export, which never changes.
 */
export const ReportAsOf = z.string().datetime({ offset: true }).openapi({
  description:
    '统计截至（不含此刻）：往月为该月月末（北京时间次月 1 日 0 时），本月为查询时刻；本季度、本年度只计该月月末以前的服务',
  example: '2026-11-30T16:00:00.000Z',
});

export const ComplianceReply = z
  .object({
    month: z.string(),
    /** services up to this instant count (ReportAsOf) */
    asOf: ReportAsOf,
    quarter: z.string(),
    year: z.string(),
    targets: ComplianceTargets,
    summary: ComplianceSummary,
    townships: z.array(
      z.object({ code: z.string(), name: z.string(), villages: z.number(), compliant: z.number(), rate: z.number() }),
    ),
    villages: z.array(VillageCompliance),
  })
  .openapi('ComplianceReply');
export type ComplianceReply = z.infer<typeof ComplianceReply>;

export const ProvinceComplianceQuery = z.object({ month: Month.optional() }).strict();

/** Province-level oversight: the province's totals and one row per county, each with that county's targets. */
export const ProvinceComplianceReply = z
  .object({
    provinceCode: z.string(),
    name: z.string(),
    month: z.string(),
    /** services up to this instant count (ReportAsOf) */
    asOf: ReportAsOf,
    quarter: z.string(),
    year: z.string(),
    summary: ComplianceSummary,
    counties: z.array(
      ComplianceSummary.extend({
        code: z.string(),
        name: z.string(),
        targets: ComplianceTargets,
      }),
    ),
  })
  .openapi('ProvinceComplianceReply');
export type ProvinceComplianceReply = z.infer<typeof ProvinceComplianceReply>;

export const LedgerExportQuery = z.object({ month: Month, villageCode: VillageCode.optional() }).strict();

/** Sent by cloudfunctions/remind (timer trigger) with an HMAC signature. */
export const RunRemindersBody = z
  .object({
    /** the moment to judge "days before the period ends" by; defaults to now */
    asOf: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .openapi('RunRemindersBody');
export type RunRemindersBody = z.infer<typeof RunRemindersBody>;

/** What one kind of day-before reminder did in the daily run. */
const DailyReminders = z.object({
  reminded: z.number(),
  sent: z.number(),
  failed: z.number(),
  skipped: z.number(),
  alreadyReminded: z.number(),
});

export const RunRemindersReply = z
  .object({
    checked: z.number(),
    sent: z.number(),
    failed: z.number(),
    alreadyReminded: z.number(),
    /** behind schedule but the reminder is not turned on (no subscribe-message send accepted) */
    skipped: z.number(),
    /** the same daily run reminds villager and counsel of tomorrow's agreed bookings (service hall, every day) */
    bookings: DailyReminders,
    /** and the people signed up for tomorrow's lectures (issue 17 item 1) */
    lectures: DailyReminders,
  })
  .openapi('RunRemindersReply');
export type RunRemindersReply = z.infer<typeof RunRemindersReply>;

// every kind, mode and status has a label
void (LEDGER_KIND_LABELS satisfies Record<LedgerKind, string>);
void (LEDGER_MODE_LABELS satisfies Record<LedgerMode, string>);
void (LEDGER_STATUS_LABELS satisfies Record<LedgerStatus, string>);

/** A service recorded with the viewer as the villager served (issue 16 item 5): rated once by them. */
export const ServedService = z
  .object({
    entryId: ObjectId,
    counselName: z.string(),
    villageName: z.string(),
    kind: LedgerKind,
    startAt: z.string().datetime(),
    summary: z.string(),
    rated: z.boolean(),
  })
  .openapi('ServedService');
export type ServedService = z.infer<typeof ServedService>;
export const ServedServicesReply = z.object({ items: z.array(ServedService) }).openapi('ServedServicesReply');
export const ServedServiceParams = z.object({ entryId: ObjectId }).strict();
