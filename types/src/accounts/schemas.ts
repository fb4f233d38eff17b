import { z } from '../zod';
import { LanguageCode } from '../i18n/schemas';
import { limitChars, text } from '../text';
import { InviteCode, VillageSummary } from '../places/schemas';
import { ObjectId, PlaceCode, Role, VillageCode } from '../roles';
import { ResidentStatus } from '../residents/schemas';

export const RoleGrant = z.object({ role: Role, placeCode: z.string(), placeName: z.string() }).openapi('RoleGrant');
export type RoleGrant = z.infer<typeof RoleGrant>;

export const Me = z
  .object({
    id: ObjectId,
    name: z.string(),
    avatarUrl: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    /** the grants the person acts with now (a counsel: the villages assigned to them now) */
    roles: z.array(RoleGrant),
    /** the roles as held, other than villager (a counsel: registered at the county, with or without villages) */
    heldRoles: z.array(RoleGrant),
    village: VillageSummary.nullable(),
    /** 'pending' while the village has not confirmed the person lives there (county policy); null without a village */
    residentStatus: ResidentStatus.nullable(),
    /** the privacy policy version the person last agreed to (null: never); the phone asks again when the policy's differs */
    privacyVersion: z.string().nullable(),
    /** the language the person chose (issue 17; default zh-Hans) */
    language: LanguageCode,
    /** the languages the person may choose: all but those the county switched off */
    languages: z.array(LanguageCode),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;

export const Session = z.object({ token: z.string(), expiresAt: z.string().datetime(), user: Me }).openapi('Session');
export type Session = z.infer<typeof Session>;

export const WechatLoginBody = z
  .object({ code: text({ min: 1, max: 128, tooShort: '缺少微信登录凭证', tooLong: '微信登录凭证格式不正确' }) })
  .strict()
  .openapi('WechatLoginBody');
export type WechatLoginBody = z.infer<typeof WechatLoginBody>;

/** Sent by cloudfunctions/login with an HMAC signature; openid comes from the trusted cloud context. */
export const CloudLoginBody = z
  .object({
    openid: text({ min: 1, max: 64, trim: false }),
    unionid: text({ min: 1, max: 64, trim: false }).optional(),
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
    name: text({ min: 1, max: 20, tooShort: '姓名不能为空', tooLong: '姓名过长' }).optional(),
    phone: z
      .string()
      .regex(/^1[3-9]\d{9}$/, '手机号格式不正确')
      .optional(),
    language: LanguageCode.optional(),
  })
  .strict()
  .openapi('UpdateProfileBody');
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

export const PlaceCodeParam = z.object({ code: PlaceCode });

// --- web login (H5): WeChat web authorisation inside WeChat's browser, scan-to-login on a PC ---

/** The page WeChat sends the person back to (the H5 app's own address, without its #route). */
export const WebLoginStartBody = z
  .object({
    redirectUri: limitChars(
      z
        .string()
        .url('回调地址格式不正确')
        .refine((u) => /^https?:\/\//i.test(u), '回调地址必须是 http 或 https 地址'),
      { max: 512, tooLong: '回调地址过长' },
    ),
  })
  .strict()
  .openapi('WebLoginStartBody');
export type WebLoginStartBody = z.infer<typeof WebLoginStartBody>;

/** A one-time `state` (CSRF) and the WeChat authorisation page to open with it. */
export const WebLoginStart = z
  .object({ state: z.string(), authorizeUrl: z.string(), expiresAt: z.string().datetime() })
  .openapi('WebLoginStart');
export type WebLoginStart = z.infer<typeof WebLoginStart>;

/** A one-time login state or scan ticket: random, URL-safe (a mini-program code's scene is at most 32 characters). */
export const LoginNonce = z.string().regex(/^[A-Za-z0-9_-]{20,32}$/, '登录凭据格式不正确');

export const WebLoginBody = z
  .object({
    code: text({ min: 1, max: 128, tooShort: '缺少微信授权凭证', tooLong: '微信授权凭证格式不正确' }),
    state: LoginNonce,
  })
  .strict()
  .openapi('WebLoginBody');
export type WebLoginBody = z.infer<typeof WebLoginBody>;

/** The scan routes take no fields; an empty object is checked so nothing unknown slips through. */
export const ScanActionBody = z.object({}).strict().openapi('ScanActionBody');

export const ScanTicketParams = z.object({ ticket: LoginNonce }).strict();

/** A scan-to-login ticket made for a PC's login page; its mini-program code opens the confirm page. */
export const ScanTicket = z
  .object({ ticket: z.string(), expiresAt: z.string().datetime(), pollIntervalMs: z.number().int() })
  .openapi('ScanTicket');
export type ScanTicket = z.infer<typeof ScanTicket>;

/** What the PC's poll learns: still waiting (scanned or not), declined on the phone, or its session (given once). */
export const ScanPollReply = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('waiting'), scanned: z.boolean(), expiresAt: z.string().datetime() }),
    z.object({ status: z.literal('declined') }),
    z.object({ status: z.literal('confirmed'), session: Session }),
  ])
  .openapi('ScanPollReply');
export type ScanPollReply = z.infer<typeof ScanPollReply>;

/** What the phone shows before confirming: where the login was asked for, and until when. */
export const ScanTicketView = z
  .object({
    ticket: z.string(),
    status: z.enum(['waiting', 'confirmed', 'declined']),
    /** the PC's browser and system, e.g. "Windows 电脑 · Chrome 浏览器" */
    device: z.string(),
    /** the PC's network address with its last part hidden */
    ipMasked: z.string().nullable(),
    createdAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
  })
  .openapi('ScanTicketView');
export type ScanTicketView = z.infer<typeof ScanTicketView>;
