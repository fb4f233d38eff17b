import { z } from '../zod';
import { text } from '../text';
import { ObjectId, TownshipCode, VillageCode } from '../roles';

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
    villages: z.array(z.object({ code: z.string(), name: z.string(), townshipCode: z.string().optional() })),
    /** how many villages the counsel serves now */
    villageCount: z.number().int().min(0).optional(),
    /** against the county's maxVillagesPerCounsel: room left, at the limit, or over it (the limit was lowered) */
    load: z.enum(['free', 'full', 'over']).optional(),
  })
  .openapi('CounselListItem');
export type CounselListItem = z.infer<typeof CounselListItem>;
export const COUNSEL_LOADS = ['free', 'full', 'over'] as const;
/** The county's counsel list, searched and filtered for assigning at county scale (issue 14 item 5). */
export const CountyCounselQuery = z
  .object({
    /** a case-insensitive part of the counsel's name */
    q: text({ min: 1, max: 30, tooShort: '请输入要搜索的姓名', tooLong: '搜索内容不能超过30字' }).optional(),
    /** only counsel serving a village of this township now */
    townshipCode: TownshipCode.optional(),
    load: z.enum(COUNSEL_LOADS, { errorMap: () => ({ message: '服务负荷只能是 free、full 或 over' }) }).optional(),
  })
  .strict();
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
    /** why the assignment was ended (kept on the record); null while active */
    endReason: z.string().nullable().optional(),
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

/** The villages a county assigns counsel to, each with its township and its active counsel (so a screen can warn). */
export const AssignmentVillagesQuery = z
  .object({
    townshipCode: TownshipCode.optional(),
    /** a part of the village's name */
    q: text({ min: 1, max: 30, tooShort: '请输入要搜索的村名', tooLong: '搜索内容不能超过30字' }).optional(),
    /** only villages without (false) or with (true) an active counsel */
    hasCounsel: z.enum(['true', 'false']).optional(),
  })
  .strict();
export const AssignmentVillage = z
  .object({
    code: VillageCode,
    name: z.string(),
    townshipCode: z.string(),
    townshipName: z.string(),
    /** the counsel serving it now (empty: none) */
    counsel: z.array(z.object({ id: ObjectId, name: z.string(), assignmentId: ObjectId, startedAt: z.string().datetime() })),
  })
  .openapi('AssignmentVillage');
export type AssignmentVillage = z.infer<typeof AssignmentVillage>;
export const AssignmentVillagesReply = z
  .object({ items: z.array(AssignmentVillage), total: z.number().int().min(0) })
  .openapi('AssignmentVillagesReply');
export type AssignmentVillagesReply = z.infer<typeof AssignmentVillagesReply>;

export * from './profile-schemas';
