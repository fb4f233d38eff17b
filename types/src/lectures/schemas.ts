import { z } from '../zod';
import { text } from '../text';
import { CLIENT_KEY_PATTERN } from '../constants';
import { ObjectId, VillageCode } from '../roles';
import { LedgerEntry } from '../ledger/schemas';

/**
 * Lecture announcements (普法讲座, issue 17 item 1): a counsel announces a lecture in a village they
 * serve, the village's people sign up and check in at the lecture by its QR code, and the counsel
 * records it in the ledger with the attendance the check-ins give.
 */

/** Announced at least this far ahead at most (days). */
export const LECTURE_MAX_DAYS_AHEAD = 90;
/** A lecture lasts 15 minutes to 8 hours. */
export const LECTURE_MIN_MINUTES = 15;
export const LECTURE_MAX_MINUTES = 480;
/** The secret a check-in QR code carries: 6 lower-case letters and digits (the scene holds id + code in 32 chars). */
export const LECTURE_CODE_PATTERN = /^[a-z0-9]{6}$/;

export const LectureParams = z.object({ lectureId: ObjectId }).strict();

const startAt = z.string().datetime({ offset: true, message: '开始时间格式不正确' });
const durationMinutes = z.number().int().min(LECTURE_MIN_MINUTES).max(LECTURE_MAX_MINUTES);
const place = text({ min: 2, max: 60, tooShort: '请填写讲座地点', tooLong: '地点不能超过60个字' });

export const AnnounceLectureBody = z
  .object({
    /** made by the phone once per announcement; a retry sends the same key and gets the first */
    clientKey: z.string().regex(CLIENT_KEY_PATTERN, '客户端编号格式不正确'),
    topic: text({ min: 2, max: 60, tooShort: '请填写讲座主题', tooLong: '主题不能超过60个字' }),
    startAt,
    durationMinutes,
    place,
    /** who it is for, in the counsel's words (e.g. 全体村民、外出务工返乡人员) */
    audience: text({ min: 2, max: 60, tooShort: '请填写面向对象', tooLong: '面向对象不能超过60个字' }),
  })
  .strict()
  .openapi('AnnounceLectureBody');
export type AnnounceLectureBody = z.infer<typeof AnnounceLectureBody>;

/** A new time and place; the people signed up are told. */
export const MoveLectureBody = z.object({ startAt, durationMinutes, place }).strict().openapi('MoveLectureBody');
export type MoveLectureBody = z.infer<typeof MoveLectureBody>;

export const CancelLectureBody = z
  .object({ reason: text({ min: 2, max: 60, tooShort: '请填写取消原因', tooLong: '取消原因不能超过60个字' }) })
  .strict()
  .openapi('CancelLectureBody');
export type CancelLectureBody = z.infer<typeof CancelLectureBody>;

export const CheckInLectureBody = z
  .object({ code: z.string().regex(LECTURE_CODE_PATTERN, '签到码格式不正确') })
  .strict()
  .openapi('CheckInLectureBody');
export type CheckInLectureBody = z.infer<typeof CheckInLectureBody>;

/** A name the counsel adds by hand: someone present without a phone. */
export const AddLectureAttendeeBody = z
  .object({ name: text({ min: 1, max: 20, tooShort: '请填写姓名', tooLong: '姓名不能超过20个字' }) })
  .strict()
  .openapi('AddLectureAttendeeBody');
export type AddLectureAttendeeBody = z.infer<typeof AddLectureAttendeeBody>;

export const RecordLectureBody = z
  .object({
    /** what was covered; by default the lecture's topic */
    summary: text({ min: 2, max: 2000, tooShort: '请填写服务内容', tooLong: '服务内容过长' }).optional(),
    /** required when the month is already locked (the ledger's rule) */
    lateReason: text({ min: 2, max: 500, tooShort: '补登原因至少2个字', tooLong: '补登原因不能超过500个字' }).optional(),
  })
  .strict()
  .openapi('RecordLectureBody');
export type RecordLectureBody = z.infer<typeof RecordLectureBody>;

export const LECTURE_STATUSES = ['scheduled', 'cancelled'] as const;
export const LectureStatus = z.enum(LECTURE_STATUSES);
export type LectureStatus = z.infer<typeof LectureStatus>;

export const LectureAttendee = z
  .object({
    name: z.string(),
    /** scan: checked in with the QR code; added: added by the counsel */
    via: z.enum(['scan', 'added']),
    at: z.string().datetime(),
  })
  .openapi('LectureAttendee');
export type LectureAttendee = z.infer<typeof LectureAttendee>;

/** What the counsel who may run the lecture sees besides the rest: the check-in secret and who came. */
export const LectureHost = z
  .object({
    /** the secret the QR code carries */
    checkinCode: z.string(),
    /** the check-in link the QR code opens, as a mini-program page with its query (H5: after #/) */
    checkinPath: z.string(),
    signups: z.array(z.object({ name: z.string(), at: z.string().datetime() })),
    /** scanned and added, in order, de-duplicated by name (what the ledger entry counts) */
    attendees: z.array(LectureAttendee),
  })
  .openapi('LectureHost');
export type LectureHost = z.infer<typeof LectureHost>;

export const Lecture = z
  .object({
    id: ObjectId,
    villageCode: VillageCode,
    villageName: z.string(),
    counselId: ObjectId,
    counselName: z.string(),
    topic: z.string(),
    startAt: z.string().datetime(),
    endAt: z.string().datetime(),
    durationMinutes: z.number().int(),
    place: z.string(),
    audience: z.string(),
    status: LectureStatus,
    cancelReason: z.string().nullable(),
    /** moved since announced (a new time or place) */
    moved: z.boolean(),
    signedUp: z.number().int().min(0),
    checkedIn: z.number().int().min(0),
    /** the viewer signed up / checked in */
    mine: z.object({ signedUp: z.boolean(), checkedIn: z.boolean() }),
    /** the ledger entry the lecture was recorded as, once recorded */
    ledgerEntryId: ObjectId.nullable(),
    /** only for a counsel serving the village */
    host: LectureHost.nullable(),
  })
  .openapi('Lecture');
export type Lecture = z.infer<typeof Lecture>;

export const LectureListReply = z.object({ items: z.array(Lecture) }).openapi('LectureListReply');
export type LectureListReply = z.infer<typeof LectureListReply>;

export const LectureCheckinReply = z
  .object({ lecture: Lecture, name: z.string(), at: z.string().datetime() })
  .openapi('LectureCheckinReply');
export type LectureCheckinReply = z.infer<typeof LectureCheckinReply>;

export const RecordLectureReply = z.object({ lecture: Lecture, entry: LedgerEntry }).openapi('RecordLectureReply');
export type RecordLectureReply = z.infer<typeof RecordLectureReply>;
