import { z } from '../zod';
import { CountyCode, ObjectId, TownshipCode, VillageCode } from '../roles';

/**
 * The roster of legal-literate residents (法律明白人, issue 17 item 3): who holds the role in a
 * village, and per village of a county whether the roster meets the county's target
 * (county policy legalLiterateTarget). People join by invitation (invitations module) and are
 * removed by withdrawing the role there (POST /api/places/:code/staff/:userId/withdraw).
 */

export const TownshipRosterParams = z.object({ townshipCode: TownshipCode }).strict();

export const RosterMember = z
  .object({
    userId: ObjectId,
    name: z.string(),
    /** the middle four digits hidden; null when the person gave no phone */
    phoneMasked: z.string().nullable(),
    /** when the role was given by invitation; null for a role given otherwise */
    since: z.string().datetime().nullable(),
  })
  .openapi('RosterMember');
export type RosterMember = z.infer<typeof RosterMember>;

export const VillageRosterReply = z
  .object({
    villageCode: VillageCode,
    villageName: z.string(),
    target: z.number().int().min(0),
    meetsTarget: z.boolean(),
    items: z.array(RosterMember),
  })
  .openapi('VillageRosterReply');
export type VillageRosterReply = z.infer<typeof VillageRosterReply>;

/** For the notice board: names only, never phones. */
export const BoardRosterReply = z.object({ villageCode: VillageCode, names: z.array(z.string()) }).openapi('BoardRosterReply');
export type BoardRosterReply = z.infer<typeof BoardRosterReply>;

export const VillageRosterFigures = z
  .object({
    villageCode: VillageCode,
    villageName: z.string(),
    townshipCode: TownshipCode,
    townshipName: z.string(),
    count: z.number().int().min(0),
    meetsTarget: z.boolean(),
  })
  .openapi('VillageRosterFigures');
export type VillageRosterFigures = z.infer<typeof VillageRosterFigures>;

export const RosterCoverageReply = z
  .object({
    /** the county, or the township asked for */
    code: z.union([CountyCode, TownshipCode]),
    target: z.number().int().min(0),
    villages: z.number().int().min(0),
    meeting: z.number().int().min(0),
    /** people on the rosters of these villages */
    people: z.number().int().min(0),
    /** by village code */
    items: z.array(VillageRosterFigures),
  })
  .openapi('RosterCoverageReply');
export type RosterCoverageReply = z.infer<typeof RosterCoverageReply>;
