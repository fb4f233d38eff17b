import { z } from '../zod';
import { InviteCode, VillageSummary } from '../places/schemas';
import { ObjectId, PlaceCode, Role, VillageCode } from '../roles';

export const RoleGrant = z.object({ role: Role, placeCode: z.string(), placeName: z.string() }).openapi('RoleGrant');
export type RoleGrant = z.infer<typeof RoleGrant>;

export const Me = z
  .object({
    id: ObjectId,
    name: z.string(),
    avatarUrl: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    roles: z.array(RoleGrant),
    village: VillageSummary.nullable(),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;

export const Session = z.object({ token: z.string(), expiresAt: z.string().datetime(), user: Me }).openapi('Session');
export type Session = z.infer<typeof Session>;

export const WechatLoginBody = z
  .object({ code: z.string().trim().min(1, '缺少微信登录凭证').max(128) })
  .strict()
  .openapi('WechatLoginBody');
export type WechatLoginBody = z.infer<typeof WechatLoginBody>;

/** Sent by cloudfunctions/login with an HMAC signature; openid comes from the trusted cloud context. */
export const CloudLoginBody = z
  .object({
    openid: z.string().min(1).max(64),
    unionid: z.string().min(1).max(64).optional(),
  })
  .strict()
  .openapi('CloudLoginBody');
export type CloudLoginBody = z.infer<typeof CloudLoginBody>;

export const DemoIdentity = z
  .object({ id: ObjectId, name: z.string(), role: Role, roleLabel: z.string(), placeName: z.string() })
  .openapi('DemoIdentity');
export type DemoIdentity = z.infer<typeof DemoIdentity>;
export const DemoIdentitiesReply = z.object({ items: z.array(DemoIdentity) }).openapi('DemoIdentitiesReply');
export type DemoIdentitiesReply = z.infer<typeof DemoIdentitiesReply>;

export const DemoLoginBody = z.object({ userId: ObjectId }).strict().openapi('DemoLoginBody');
export type DemoLoginBody = z.infer<typeof DemoLoginBody>;

export const BindVillageBody = z
  .union([z.object({ villageCode: VillageCode }).strict(), z.object({ inviteCode: InviteCode }).strict()])
  .openapi('BindVillageBody');
export type BindVillageBody = z.infer<typeof BindVillageBody>;

export const UpdateProfileBody = z
  .object({
    name: z.string().trim().min(1, '姓名不能为空').max(20, '姓名过长').optional(),
    phone: z
      .string()
      .regex(/^1[3-9]\d{9}$/, '手机号格式不正确')
      .optional(),
  })
  .strict()
  .openapi('UpdateProfileBody');
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

export const PlaceCodeParam = z.object({ code: PlaceCode });
