import { z } from '../zod';
import { text } from '../text';
import { ObjectId, VillageCode } from '../roles';

/** "3 + X" service catalogue (docs/domain.md R5). */
export const BASIC_SERVICES = ['法律援助', '人民调解', '法律咨询'] as const;
export const EXTENDED_SERVICES = ['律师服务', '公证服务', '司法鉴定', '法律职业资格考试', '安置帮教', '远程视频会见'] as const;

export const CounselCard = z
  .object({
    id: ObjectId,
    name: z.string(),
    photoUrl: z.string().nullable(),
    title: z.string(),
    organization: z.string(),
    /** 执业证号: on the paper notice boards too; '' when not on record */
    certificateNumber: z.string(),
    phoneMasked: z.string(),
    duties: z.array(z.string()),
    specialties: z.array(z.string()),
    /** the counsel's regular hours in THIS village, else the county's monthly target */
    onSiteHours: z.string(),
  })
  .openapi('CounselCard');
export type CounselCard = z.infer<typeof CounselCard>;

export const NoticeBoard = z
  .object({
    village: z.object({ code: VillageCode, name: z.string(), townshipName: z.string(), countyName: z.string() }),
    counsel: z.array(CounselCard),
    services: z.object({ basic: z.array(z.string()), extended: z.array(z.string()) }),
    /** the county's own procedures (county policy) */
    procedures: z.array(z.string()),
    supervisionPhone: z.string(),
    /** the county's own words on how to complain or give feedback (county policy) */
    supervisionText: z.string(),
    hotline: z.literal('12348'),
    inviteCode: z.string().nullable(),
  })
  .openapi('NoticeBoard');
export type NoticeBoard = z.infer<typeof NoticeBoard>;

export const CounselContactReply = z.object({ phone: z.string() }).openapi('CounselContactReply');
export type CounselContactReply = z.infer<typeof CounselContactReply>;

export const CounselListItem = z
  .object({
    id: ObjectId,
    name: z.string(),
    organization: z.string(),
    phoneMasked: z.string(),
    villages: z.array(z.object({ code: z.string(), name: z.string() })),
  })
  .openapi('CounselListItem');
export type CounselListItem = z.infer<typeof CounselListItem>;
export const CounselListReply = z
  .object({ items: z.array(CounselListItem), maxVillagesPerCounsel: z.number() })
  .openapi('CounselListReply');
export type CounselListReply = z.infer<typeof CounselListReply>;

export const Assignment = z
  .object({
    id: ObjectId,
    counselId: ObjectId,
    counselName: z.string(),
    villageCode: VillageCode,
    villageName: z.string(),
    startedAt: z.string().datetime(),
    endedAt: z.string().datetime().nullable(),
  })
  .openapi('Assignment');
export type Assignment = z.infer<typeof Assignment>;

export const AssignBody = z.object({ counselId: ObjectId, villageCode: VillageCode }).strict().openapi('AssignBody');
export type AssignBody = z.infer<typeof AssignBody>;

export const EndAssignmentBody = z
  .object({ reason: text({ min: 2, max: 200, tooShort: '请填写解除原因', tooLong: '原因过长' }) })
  .strict()
  .openapi('EndAssignmentBody');
export type EndAssignmentBody = z.infer<typeof EndAssignmentBody>;

export const AssignmentListQuery = z.object({ villageCode: VillageCode.optional(), counselId: ObjectId.optional() }).strict();
export const AssignmentListReply = z.object({ items: z.array(Assignment) }).openapi('AssignmentListReply');
export type AssignmentListReply = z.infer<typeof AssignmentListReply>;

export * from './profile-schemas';
