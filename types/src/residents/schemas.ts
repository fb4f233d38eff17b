import { z } from '../zod';
import { text } from '../text';
import { ObjectId, VillageCode } from '../roles';

/**
 * Where a county's policy asks for it, a person who binds to a village is a resident only once a
 * village cadre (or the township office) confirms they live there (docs/domain.md "Who uses it").
 */
export const RESIDENT_STATUSES = ['confirmed', 'pending'] as const;
export const ResidentStatus = z.enum(RESIDENT_STATUSES);
export type ResidentStatus = z.infer<typeof ResidentStatus>;

export const Resident = z
  .object({
    userId: ObjectId,
    name: z.string(),
    phoneMasked: z.string().nullable(),
    villageCode: VillageCode,
    status: ResidentStatus,
    /** when they bound to this village */
    since: z.string().datetime().nullable(),
  })
  .openapi('Resident');
export type Resident = z.infer<typeof Resident>;

export const ResidentListQuery = z.object({ status: ResidentStatus.optional() }).strict();
export const ResidentListReply = z
  .object({ items: z.array(Resident), confirmationRequired: z.boolean() })
  .openapi('ResidentListReply');
export type ResidentListReply = z.infer<typeof ResidentListReply>;

export const DeclineResidentBody = z
  .object({ reason: text({ min: 2, max: 200, tooShort: '请填写不予确认的原因', tooLong: '原因过长' }) })
  .strict()
  .openapi('DeclineResidentBody');
export type DeclineResidentBody = z.infer<typeof DeclineResidentBody>;

/** One change of a person's village, or a decision on their residence. */
export const VillageHistoryItem = z
  .object({
    kind: z.enum(['bound', 'confirmed', 'declined']),
    villageCode: VillageCode,
    villageName: z.string(),
    previousVillageCode: VillageCode.nullable(),
    reason: z.string().nullable(),
    at: z.string().datetime(),
  })
  .openapi('VillageHistoryItem');
export type VillageHistoryItem = z.infer<typeof VillageHistoryItem>;
export const VillageHistoryReply = z.object({ items: z.array(VillageHistoryItem) }).openapi('VillageHistoryReply');
export type VillageHistoryReply = z.infer<typeof VillageHistoryReply>;
