import { z } from '../zod';
import { text as limitedText } from '../text';
import { CountyCode, ObjectId, VillageCode } from '../roles';
import { ImageCheckState } from '../media/schemas';
import { COUNSEL_PROFILE_LIMITS as L } from '../constants';

/** A line of text, trimmed, between `min` and `max` characters, refused in Chinese naming the field. */
const text = (label: string, max: number, min = 1) =>
  limitedText({
    min,
    max,
    tooShort: min > 1 ? `${label}至少${min}个字` : `请填写${label}`,
    tooLong: `${label}不能超过${max}个字`,
  });

/** Mainland mobile numbers, or a landline with its area code (0418-1234567). */
export const PROFILE_PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** 执业证号: lawyers' are 17 digits, legal service workers' differ by province; letters, digits and hyphens. */
export const CERTIFICATE_NUMBER_PATTERN = /^[0-9A-Za-z-]{6,30}$/;

/** The on-site hours of one village the counsel serves now (e.g. 每周三上午 9:00–12:00). */
export const VillageHours = z
  .object({
    villageCode: VillageCode,
    /** '' clears them: the notice board then shows the county's monthly target */
    text: limitedText({ max: L.onSiteHours, tooLong: `驻村时间不能超过${L.onSiteHours}个字` }),
  })
  .strict();
export type VillageHours = z.infer<typeof VillageHours>;

/** A counsel's profile as its editors see it: the phone masked, the hours per village served now. */
export const CounselProfile = z
  .object({
    counselId: ObjectId,
    countyCode: CountyCode,
    name: z.string(),
    photoUrl: z.string().nullable(),
    /**
     * the latest photo uploaded, while WeChat's check has not passed it (pending) or after it was
     * withdrawn (with why); null once it passed and is the photoUrl shown
     */
    newPhoto: z.object({ check: ImageCheckState, reason: z.string().nullable() }).nullable(),
    title: z.string(),
    organization: z.string(),
    certificateNumber: z.string(),
    /** '' when no number is on record; never the full number (it is revealed only by counselContact) */
    phoneMasked: z.string(),
    /** the number came from WeChat's phone-number button (verified by WeChat), not typed in */
    phoneFromWechat: z.boolean(),
    duties: z.array(z.string()),
    specialties: z.array(z.string()),
    villages: z.array(z.object({ code: VillageCode, name: z.string(), onSiteHours: z.string() })),
    updatedAt: z.string().datetime().nullable(),
  })
  .openapi('CounselProfile');
export type CounselProfile = z.infer<typeof CounselProfile>;

/** What an edit may change; fields left out stay as they are. */
export const UpdateCounselProfileBody = z
  .object({
    name: text('姓名', L.name),
    title: text('职称或身份', L.title),
    organization: text('执业机构', L.organization, 2),
    certificateNumber: z.string().trim().regex(CERTIFICATE_NUMBER_PATTERN, '执业证号应为6到30位数字或字母'),
    phone: z.string().trim().regex(PROFILE_PHONE_PATTERN, '联系电话格式不正确（手机号，或带区号的固定电话）'),
    duties: z.array(text('工作职责', L.duty, 2)).max(L.duties, `工作职责最多${L.duties}条`),
    specialties: z.array(text('擅长领域', L.specialty)).max(L.specialties, `擅长领域最多${L.specialties}项`),
    onSiteHours: z.array(VillageHours).max(20, '驻村时间最多20个村'),
  })
  .partial()
  .strict()
  .openapi('UpdateCounselProfileBody');
export type UpdateCounselProfileBody = z.infer<typeof UpdateCounselProfileBody>;

/** The code WeChat's phone-number button gave the mini-program (<Button openType="getPhoneNumber">). */
export const WechatPhoneBody = z
  .object({ code: limitedText({ min: 1, max: 256, tooShort: '缺少手机号授权凭证', tooLong: '手机号授权凭证格式不正确' }) })
  .strict()
  .openapi('WechatPhoneBody');
export type WechatPhoneBody = z.infer<typeof WechatPhoneBody>;

/** One field of one recorded change, worded for people; phone numbers masked. */
export const CounselProfileFieldChange = z
  .object({
    /** the field: name, title, … ; `onSiteHours:<villageCode>` for one village's hours */
    field: z.string(),
    label: z.string(),
    before: z.string(),
    after: z.string(),
  })
  .openapi('CounselProfileFieldChange');
export type CounselProfileFieldChange = z.infer<typeof CounselProfileFieldChange>;

/** One recorded change of a profile: who (the counsel, or county staff correcting it), when, what. */
export const CounselProfileChange = z
  .object({
    at: z.string().datetime(),
    byName: z.string(),
    /** self: the counsel; county: county staff correcting the profile */
    by: z.enum(['self', 'county']),
    /** edit: the form; photo: an upload; wechat_phone: WeChat's phone-number button */
    via: z.enum(['edit', 'photo', 'wechat_phone']),
    changes: z.array(CounselProfileFieldChange),
  })
  .openapi('CounselProfileChange');
export type CounselProfileChange = z.infer<typeof CounselProfileChange>;
export const CounselProfileHistoryReply = z
  .object({ items: z.array(CounselProfileChange) })
  .openapi('CounselProfileHistoryReply');
export type CounselProfileHistoryReply = z.infer<typeof CounselProfileHistoryReply>;

export const CounselProfileParams = z.object({ countyCode: CountyCode, counselId: ObjectId }).strict();
export const CounselPhotoParams = z.object({ counselId: ObjectId, photoId: ObjectId }).strict();
