import { z } from '../zod';
import { text } from '../text';
import { INSPECTION_TEXT_MAX_LENGTH } from '../constants';
import { CountyCode, ObjectId, TownshipCode, VillageCode } from '../roles';

/**
 * The monthly inspection of village groups (抽查, issue 16 item 6): each month the county draws a
 * share of its village groups (the county setting inspectionSharePercent); township or county staff
 * record for each whether the group was active, whether private data or improper content slipped
 * through, and what was done.
 */

/** A Beijing month, YYYY-MM; omitted means the current month. */
export const InspectionMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
export const InspectionMonthQuery = z.object({ month: InspectionMonth.optional() }).strict();
export const TownshipInspectionParams = z.object({ townshipCode: TownshipCode }).strict();
export const InspectionParams = z.object({ inspectionId: ObjectId }).strict();

/** What the groups module knows of a drawn group in the month: facts to help the inspector. */
export const InspectionFacts = z
  .object({
    /** messages posted (text, not system notices) in the month */
    posts: z.number().int().min(0),
    /** of those, removed by a moderator */
    removedPosts: z.number().int().min(0),
    /** of those, taken private (private data) */
    privatePosts: z.number().int().min(0),
    /** posts the content check held in the month, and of them refused by a moderator */
    heldPosts: z.number().int().min(0),
    rejectedPosts: z.number().int().min(0),
    /** reports of the group's messages in the month */
    reports: z.number().int().min(0),
  })
  .openapi('InspectionFacts');
export type InspectionFacts = z.infer<typeof InspectionFacts>;

export const InspectionRecord = z
  .object({
    active: z.boolean(),
    privateDataFound: z.boolean(),
    improperContentFound: z.boolean(),
    actionTaken: z.string().nullable(),
    notes: z.string().nullable(),
    byName: z.string(),
    byRole: z.string(),
    at: z.string().datetime(),
  })
  .openapi('InspectionRecord');
export type InspectionRecord = z.infer<typeof InspectionRecord>;

export const Inspection = z
  .object({
    id: ObjectId,
    month: InspectionMonth,
    countyCode: CountyCode,
    groupCode: VillageCode,
    /** the group's name, e.g. 富民社区工作群 */
    groupName: z.string(),
    villageName: z.string(),
    townshipCode: TownshipCode,
    townshipName: z.string(),
    facts: InspectionFacts,
    /** null until recorded; recorded once, never changed */
    record: InspectionRecord.nullable(),
  })
  .openapi('Inspection');
export type Inspection = z.infer<typeof Inspection>;

export const InspectionListReply = z
  .object({
    month: InspectionMonth,
    countyCode: CountyCode,
    /** the share the draw was made with (the county setting at the time of the draw), in % */
    sharePercent: z.number().int().min(0).max(100),
    /** village groups of the county when drawn, and how many were drawn */
    villageGroups: z.number().int().min(0),
    drawn: z.number().int().min(0),
    drawnAt: z.string().datetime().nullable(),
    /** the drawn groups in the caller's view (a township's staff: their township's), by code */
    items: z.array(Inspection),
  })
  .openapi('InspectionListReply');
export type InspectionListReply = z.infer<typeof InspectionListReply>;

export const RecordInspectionBody = z
  .object({
    active: z.boolean(),
    privateDataFound: z.boolean(),
    improperContentFound: z.boolean(),
    /** required when private data or improper content was found (INSPECTION_ACTION_REQUIRED) */
    actionTaken: text({ max: INSPECTION_TEXT_MAX_LENGTH }).optional(),
    notes: text({ max: INSPECTION_TEXT_MAX_LENGTH }).optional(),
  })
  .strict();
export type RecordInspectionBody = z.infer<typeof RecordInspectionBody>;

export const CoverageFigures = z.object({
  drawn: z.number().int().min(0),
  inspected: z.number().int().min(0),
  active: z.number().int().min(0),
  /** inspected groups where private data or improper content was found */
  withProblems: z.number().int().min(0),
});
export type CoverageFigures = z.infer<typeof CoverageFigures>;

export const InspectionCoverageReply = z
  .object({
    month: InspectionMonth,
    countyCode: CountyCode,
    total: CoverageFigures,
    /** townships with at least one drawn group, by code */
    townships: z.array(CoverageFigures.extend({ townshipCode: TownshipCode, townshipName: z.string() })),
  })
  .openapi('InspectionCoverageReply');
export type InspectionCoverageReply = z.infer<typeof InspectionCoverageReply>;
