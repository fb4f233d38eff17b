import { z } from '../zod';
import { text } from '../text';
import { PlaceCode, PlaceLevel, VillageCode } from '../roles';

export const Place = z
  .object({
    code: PlaceCode,
    name: z.string(),
    level: PlaceLevel,
    parentCode: z.string().nullable(),
  })
  .openapi('Place');
export type Place = z.infer<typeof Place>;

export const VillageSummary = z
  .object({
    code: VillageCode,
    name: z.string(),
    townshipCode: z.string(),
    townshipName: z.string(),
    countyCode: z.string(),
    countyName: z.string(),
  })
  .openapi('VillageSummary');
export type VillageSummary = z.infer<typeof VillageSummary>;

export const VillageSearchQuery = z
  .object({
    q: text({ min: 1, max: 30, tooShort: '请输入村（社区）名称', tooLong: '名称过长' }),
    countyCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type VillageSearchQuery = z.infer<typeof VillageSearchQuery>;

export const VillageSearchReply = z.object({ items: z.array(VillageSummary) }).openapi('VillageSearchReply');
export type VillageSearchReply = z.infer<typeof VillageSearchReply>;

export const PlaceChildrenReply = z.object({ place: Place, children: z.array(Place) }).openapi('PlaceChildrenReply');
export type PlaceChildrenReply = z.infer<typeof PlaceChildrenReply>;

export const InviteCode = z.string().regex(/^[A-Z0-9]{6}$/, '邀请码为6位字母或数字');
