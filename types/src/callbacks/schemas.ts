import { z } from '../zod';
import { text } from '../text';
import { CaseKind } from '../cases/schemas';
import { ObjectId, TownshipCode, VillageCode } from '../roles';
import { Month } from '../ledger/schemas';

/**
 * Call-backs (回访, issue 16 item 5) and the back office's assessment figures (item 7).
 *
 * Each month a township's finished services (consultations closed, cases done — not cancelled or
 * missed, nobody was served) are sampled: max(minimum, ceil(share% × finished)), capped at the
 * number finished (county settings callbackSharePercent, callbackMinimum). A month's sample is
 * drawn on its first read and kept: drawn items never change or go away. While the month runs,
 * later reads add to it as more services finish (the sample then still has the county's size);
 * the first read after the month ends completes it.
 */

export const CALLBACK_SOURCES = ['consultation', 'case'] as const;
export const CallbackKind = z.union([z.literal('consultation'), CaseKind]);
export type CallbackKind = z.infer<typeof CallbackKind>;

export const CallbackCall = z
  .object({
    reached: z.boolean(),
    /** null when the person was not reached */
    satisfied: z.boolean().nullable(),
    notes: z.string().nullable(),
    byName: z.string(),
    at: z.string().datetime(),
  })
  .openapi('CallbackCall');
export type CallbackCall = z.infer<typeof CallbackCall>;

export const CallbackItem = z
  .object({
    id: ObjectId,
    source: z.enum(CALLBACK_SOURCES),
    kind: CallbackKind,
    /** one line: the question's first words, the matter, the dispute kind, the booking's topic */
    title: z.string(),
    personName: z.string(),
    /** never the full number in a list (privacy rule 6); revealCallbackPhone gives it, logged */
    personPhoneMasked: z.string().nullable(),
    villageCode: VillageCode,
    villageName: z.string(),
    handlerName: z.string().nullable(),
    finishedAt: z.string().datetime(),
    call: CallbackCall.nullable(),
  })
  .openapi('CallbackItem');
export type CallbackItem = z.infer<typeof CallbackItem>;

export const CallbackListReply = z
  .object({
    month: Month,
    townshipCode: TownshipCode,
    /** services finished in the township that month */
    finished: z.number().int(),
    /** the county's settings the sample was drawn with */
    sharePercent: z.number(),
    minimum: z.number().int(),
    items: z.array(CallbackItem),
  })
  .openapi('CallbackListReply');
export type CallbackListReply = z.infer<typeof CallbackListReply>;

export const CallbacksQuery = z.object({ month: Month.optional() }).strict();
export const CallbackParams = z.object({ townshipCode: TownshipCode, callbackId: ObjectId }).strict();

const Notes = text({ max: 500, tooLong: '回访情况不能超过500字' });

/** One call, recorded once: reached and satisfied or not; not reached, no satisfaction. */
export const RecordCallbackBody = z
  .discriminatedUnion('reached', [
    z.object({ reached: z.literal(true), satisfied: z.boolean(), notes: Notes.optional() }).strict(),
    // said in the document as a boolean that can only be null: OpenAPI 3.0 has no null type, and
    // zod-to-openapi's metadata type has no `nullable` (the document takes it as written)
    z
      .object({
        reached: z.literal(false),
        satisfied: z.null().openapi({ type: 'boolean', nullable: true, enum: [null] } as never),
        notes: Notes.optional(),
      })
      .strict(),
  ])
  .openapi('RecordCallbackBody');
export type RecordCallbackBody = z.infer<typeof RecordCallbackBody>;

export const CallbackPhoneReply = z.object({ phone: z.string() }).openapi('CallbackPhoneReply');

/**
 * Call-back figures: coverage = called ÷ sampled (a call was recorded, reached or not);
 * satisfaction = satisfied ÷ reached. null when there is nothing to divide by.
 */
export const CallbackFigures = z
  .object({
    sampled: z.number().int(),
    called: z.number().int(),
    reached: z.number().int(),
    satisfied: z.number().int(),
    coverage: z.number().nullable(),
    satisfaction: z.number().nullable(),
  })
  .openapi('CallbackFigures');
export type CallbackFigures = z.infer<typeof CallbackFigures>;

export const CallbackCoverageReply = z
  .object({
    month: Month,
    summary: CallbackFigures,
    byTownship: z.array(CallbackFigures.extend({ code: TownshipCode, name: z.string() })),
    /** per counsel registered in the county: the sampled services they handled */
    byCounsel: z.array(CallbackFigures.extend({ counselId: ObjectId, name: z.string() })),
  })
  .openapi('CallbackCoverageReply');
export type CallbackCoverageReply = z.infer<typeof CallbackCoverageReply>;

// --- the assessment (R13) ---

export const AssessmentQuery = z.object({ from: Month, to: Month }).strict();

/**
 * R13's counts for a period, by when each thing happened: consultations asked (created) and closed;
 * legal aid received (applied), forwarded to the county, granted; mediation received and settled
 * with an agreement; lectures (approved ledger entries of kind lecture, by their start); bookings
 * kept; ratings given in the period (consultations and cases) and the share averaging ≥ 4;
 * call-backs recorded for the period's months and how many were satisfied.
 */
export const AssessmentFigures = z
  .object({
    consultations: z.object({ asked: z.number().int(), closed: z.number().int() }),
    legalAid: z.object({ received: z.number().int(), forwarded: z.number().int(), granted: z.number().int() }),
    mediation: z.object({ received: z.number().int(), settled: z.number().int() }),
    lectures: z.number().int(),
    bookingsKept: z.number().int(),
    ratings: z.object({ count: z.number().int(), satisfaction: z.number().nullable() }),
    callbacks: z.object({ called: z.number().int(), satisfied: z.number().int() }),
  })
  .openapi('AssessmentFigures');
export type AssessmentFigures = z.infer<typeof AssessmentFigures>;

export const AssessmentReply = z
  .object({
    from: Month,
    to: Month,
    summary: AssessmentFigures,
    byTownship: z.array(AssessmentFigures.extend({ code: TownshipCode, name: z.string() })),
    byCounsel: z.array(AssessmentFigures.extend({ counselId: ObjectId, name: z.string() })),
  })
  .openapi('AssessmentReply');
export type AssessmentReply = z.infer<typeof AssessmentReply>;
