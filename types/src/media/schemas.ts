import { z } from '../zod';
import { text } from '../text';
import { ObjectId, TownshipCode } from '../roles';

/**
 * Where a user image stands with WeChat's asynchronous check (media_check_async): visible to others
 * only once it passes; withdrawn when WeChat finds it risky or wants a human review.
 */
export const IMAGE_CHECK_STATES = ['pending', 'pass', 'withdrawn'] as const;
export const ImageCheckState = z.enum(IMAGE_CHECK_STATES).openapi('ImageCheckState');
export type ImageCheckState = z.infer<typeof ImageCheckState>;

/** The kinds of user image that are checked. */
export const IMAGE_KINDS = ['consultation_photo', 'counsel_photo', 'avatar', 'case_photo', 'article_photo'] as const;

/** the uploader's new avatar; `url` shows it to them (pending too), others see it only once it passes */
export const AvatarReply = z
  .object({ avatar: z.object({ url: z.string(), check: z.enum(['pending', 'pass']) }) })
  .openapi('AvatarReply');
export type AvatarReply = z.infer<typeof AvatarReply>;

/** 43 base64url characters: 32 random bytes */
export const MediaKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '链接无效');
export const AvatarParams = z.object({ key: MediaKey }).strict();
export const MediaParams = z.object({ token: MediaKey }).strict();

/** a short text taken as WeChat sends it (lengths in code points, types/src/text.ts) */
const pushText = (max: number) => text({ max, trim: false });
const Ascii = (max: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_=+/:-]{0,${max}}$`), '格式不正确');

const PushQueryFields = {
  signature: z.string().regex(/^[0-9a-fA-F]{40}$/, '签名格式不正确'),
  timestamp: z.string().regex(/^\d{1,12}$/, '时间戳格式不正确'),
  nonce: Ascii(64),
  /** WeChat adds these in some modes; the signature above is what is checked */
  openid: Ascii(64).optional(),
  encrypt_type: Ascii(20).optional(),
  msg_signature: Ascii(64).optional(),
};
/** WeChat's server check when the push URL is saved in the console: echo `echostr` */
export const WechatPushVerifyQuery = z.object({ ...PushQueryFields, echostr: Ascii(200) }).strict();
export const WechatPushQuery = z.object(PushQueryFields).strict();

/**
 * A pushed event (JSON mode), with the fields WeChat documents for wxa_media_check. Only that event
 * is acted on: `trace_id` names the check media_check_async started, `result.suggest` is the verdict.
 */
export const WechatPushBody = z
  .object({
    ToUserName: pushText(100).optional(),
    FromUserName: pushText(100).optional(),
    CreateTime: z.number().int().optional(),
    MsgType: pushText(40),
    Event: pushText(60).optional(),
    appid: pushText(64).optional(),
    trace_id: pushText(100).optional(),
    version: z.union([z.number().int(), pushText(8)]).optional(),
    errcode: z.number().int().optional(),
    errmsg: pushText(200).optional(),
    result: z
      .object({ suggest: z.enum(['pass', 'risky', 'review']), label: z.union([z.number().int(), pushText(20)]).optional() })
      .strict()
      .optional(),
    detail: z.array(z.record(z.unknown())).max(20).optional(),
  })
  .strict()
  .openapi('WechatPushBody');
export type WechatPushBody = z.infer<typeof WechatPushBody>;

export const WithdrawnImagesParams = z.object({ townshipCode: TownshipCode }).strict();

/** An image WeChat's check did not pass, for the township's moderators: what, whose, why. */
export const WithdrawnImage = z
  .object({
    id: ObjectId,
    kind: z.enum(IMAGE_KINDS),
    ownerName: z.string(),
    villageCode: z.string().nullable(),
    suggest: z.enum(['risky', 'review']),
    label: z.string().nullable(),
    /** why, in words */
    reason: z.string(),
    uploadedAt: z.string().datetime(),
    decidedAt: z.string().datetime(),
  })
  .openapi('WithdrawnImage');
export type WithdrawnImage = z.infer<typeof WithdrawnImage>;
export const WithdrawnImagesReply = z.object({ items: z.array(WithdrawnImage) }).openapi('WithdrawnImagesReply');
