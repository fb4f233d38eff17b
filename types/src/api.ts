import { z } from './zod';
import { PATHS } from './paths';
import { ErrorReply, OkReply, EmptyQuery } from './common';
import { ObjectId, PlaceCode, Role, VillageCode, CountyCode, TownshipCode } from './roles';
import {
  LedgerEntry,
  LedgerEntryListQuery,
  LedgerEntryListReply,
  LockMonthParams,
  LedgerLock,
  ProgressQuery,
  ProgressReply,
  ReviewLedgerEntryBody,
  SubmitLedgerEntryBody,
  ComplianceQuery,
  ComplianceReply,
  TownshipComplianceQuery,
  LedgerExportQuery,
  RunRemindersBody,
  RunRemindersReply,
} from './ledger';
import { PlaceChildrenReply, VillageSearchQuery, VillageSearchReply, VillageSummary } from './places';
import {
  BindVillageBody,
  CloudLoginBody,
  DemoIdentitiesReply,
  DemoLoginBody,
  Me,
  Session,
  UpdateProfileBody,
  WechatLoginBody,
} from './accounts';
import {
  AssignBody,
  Assignment,
  AssignmentListQuery,
  AssignmentListReply,
  CounselContactReply,
  CounselListReply,
  CountyPolicy,
  EndAssignmentBody,
  NoticeBoard,
  UpdateCountyPolicyBody,
} from './counsel';
import {
  DecideHeldPostBody,
  DecideJoinBody,
  GroupActionsReply,
  GroupListReply,
  GroupMembersQuery,
  GroupMembersReply,
  GroupMessagesQuery,
  GroupMessagesReply,
  GroupParams,
  HeldPostParams,
  HeldPostsQuery,
  HeldPostsReply,
  JoinGroupBody,
  JoinGroupReply,
  MemberParams,
  MessageParams,
  ModerateMemberBody,
  PostGroupMessageBody,
  PostGroupMessageReply,
  RemovePostBody,
  GroupMessage,
  HeldPost,
  GroupMember,
} from './groups';
import {
  AnswerBody,
  AskBody,
  CloseBody,
  Consultation,
  ConsultationListReply,
  ConsultationParams,
  EscalateBody,
  FollowUpBody,
  InboxQuery,
  OverdueParams,
  PhotoParams,
  PhotoUploadReply,
  Rating,
} from './consultations';

/**
 * Who may call a route.
 * - public: anyone (login endpoints)
 * - signed: our cloud functions, with an HMAC signature checked before anything else
 * - session: any logged-in person
 * - role: one of `roles`, held at a place that contains the place named by path param `scope`
 *   (codes nest by prefix: a county grant covers its townships and villages).
 */
export type Access =
  | { kind: 'public' }
  /** server-to-server calls from our cloud functions, HMAC-signed (types/src/cloud-signing.ts) */
  | { kind: 'signed' }
  | { kind: 'session' }
  /**
   * a member (read/post) or moderator of the work group named by path param `groupCode`;
   * decided by the group membership policy (DOMAIN R6) in the groups service, since it
   * depends on recorded joins, mutes and removals
   */
  | { kind: 'member'; need: 'read' | 'post' | 'moderate' | 'join' }
  | { kind: 'role'; roles: readonly Role[]; scope: string | null };

export interface RouteContract {
  id: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** Koa-style path, e.g. /api/counties/:countyCode/policy */
  path: string;
  summary: string;
  access: Access;
  params?: z.ZodTypeAny;
  query?: z.ZodTypeAny;
  body?: z.ZodTypeAny;
  reply: z.ZodTypeAny;
  status?: number;
  /** binary replies (images) are described by content type instead of a schema */
  replyContentType?: string;
}

const countyStaff = ['county_staff', 'admin'] as const;
const placeStaff = ['township_staff', 'county_staff', 'admin'] as const;

const CountyParams = z.object({ countyCode: CountyCode }).strict();
const VillageParams = z.object({ villageCode: VillageCode }).strict();

/** The route table: the server mounts it, OpenAPI is generated from it, tests iterate over it. */
export const ROUTES = {
  wechatLogin: {
    ...PATHS.wechatLogin,
    id: 'wechatLogin',
    summary: '微信登录（wx.login 的 code 换取会话）',
    access: { kind: 'public' },
    body: WechatLoginBody,
    reply: Session,
  },
  cloudLogin: {
    ...PATHS.cloudLogin,
    id: 'cloudLogin',
    summary: '云函数登录（HMAC 签名，OPENID 来自云开发上下文）',
    access: { kind: 'signed' },
    body: CloudLoginBody,
    reply: Session,
  },
  demoIdentities: {
    ...PATHS.demoIdentities,
    id: 'demoIdentities',
    summary: '演示身份列表（仅非生产环境）',
    access: { kind: 'public' },
    query: EmptyQuery,
    reply: DemoIdentitiesReply,
  },
  demoLogin: {
    ...PATHS.demoLogin,
    id: 'demoLogin',
    summary: '以演示身份登录（仅非生产环境）',
    access: { kind: 'public' },
    body: DemoLoginBody,
    reply: Session,
  },
  logout: {
    ...PATHS.logout,
    id: 'logout',
    summary: '退出登录（吊销会话）',
    access: { kind: 'session' },
    reply: OkReply,
  },
  me: {
    ...PATHS.me,
    id: 'me',
    summary: '当前用户',
    access: { kind: 'session' },
    query: EmptyQuery,
    reply: Me,
  },
  updateProfile: {
    ...PATHS.updateProfile,
    id: 'updateProfile',
    summary: '修改本人资料',
    access: { kind: 'session' },
    body: UpdateProfileBody,
    reply: Me,
  },
  bindVillage: {
    ...PATHS.bindVillage,
    id: 'bindVillage',
    summary: '绑定所在村（社区）：按区划代码或邀请码',
    access: { kind: 'session' },
    body: BindVillageBody,
    reply: Me,
  },
  searchVillages: {
    ...PATHS.searchVillages,
    id: 'searchVillages',
    summary: '按名称搜索村（社区）',
    access: { kind: 'session' },
    query: VillageSearchQuery,
    reply: VillageSearchReply,
  },
  villageByInvite: {
    ...PATHS.villageByInvite,
    id: 'villageByInvite',
    summary: '按邀请码（小程序码 scene）查找村（社区）',
    access: { kind: 'session' },
    params: z.object({ inviteCode: z.string().regex(/^[A-Z0-9]{6}$/, '邀请码为6位字母或数字') }).strict(),
    query: EmptyQuery,
    reply: VillageSummary,
  },
  placeChildren: {
    ...PATHS.placeChildren,
    id: 'placeChildren',
    summary: '下级区划（司法所、司法局工作人员）',
    access: { kind: 'role', roles: placeStaff, scope: 'code' },
    params: z.object({ code: PlaceCode }).strict(),
    query: EmptyQuery,
    reply: PlaceChildrenReply,
  },
  noticeBoard: {
    ...PATHS.noticeBoard,
    id: 'noticeBoard',
    summary: '村（居）法律顾问公示栏',
    access: { kind: 'session' },
    params: VillageParams,
    query: EmptyQuery,
    reply: NoticeBoard,
  },
  counselContact: {
    ...PATHS.counselContact,
    id: 'counselContact',
    summary: '获取法律顾问完整电话（本村村民及辖区工作人员，留痕）',
    access: { kind: 'role', roles: ['villager', 'counsel', 'township_staff', 'county_staff', 'admin'], scope: 'villageCode' },
    params: z.object({ villageCode: VillageCode, counselId: ObjectId }).strict(),
    reply: CounselContactReply,
  },
  villageQrCode: {
    ...PATHS.villageQrCode,
    id: 'villageQrCode',
    summary: '本村小程序码（扫码绑定村）',
    access: { kind: 'role', roles: ['counsel', 'township_staff', 'county_staff', 'admin'], scope: 'villageCode' },
    params: VillageParams,
    query: EmptyQuery,
    reply: z.any(),
    replyContentType: 'image/png',
  },
  countyPolicy: {
    ...PATHS.countyPolicy,
    id: 'countyPolicy',
    summary: '县级政策设置',
    access: { kind: 'role', roles: placeStaff, scope: 'countyCode' },
    params: CountyParams,
    query: EmptyQuery,
    reply: CountyPolicy,
  },
  updateCountyPolicy: {
    ...PATHS.updateCountyPolicy,
    id: 'updateCountyPolicy',
    summary: '修改县级政策设置',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: CountyParams,
    body: UpdateCountyPolicyBody,
    reply: CountyPolicy,
  },
  countyCounsel: {
    ...PATHS.countyCounsel,
    id: 'countyCounsel',
    summary: '本县法律顾问及其服务村',
    access: { kind: 'role', roles: placeStaff, scope: 'countyCode' },
    params: CountyParams,
    query: EmptyQuery,
    reply: CounselListReply,
  },
  listAssignments: {
    ...PATHS.listAssignments,
    id: 'listAssignments',
    summary: '法律顾问与村的对应关系（含历史）',
    access: { kind: 'role', roles: placeStaff, scope: 'countyCode' },
    params: CountyParams,
    query: AssignmentListQuery,
    reply: AssignmentListReply,
  },
  assignCounsel: {
    ...PATHS.assignCounsel,
    id: 'assignCounsel',
    summary: '为村指派法律顾问（每名顾问最多服务的村数由县设置，默认5个）',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: CountyParams,
    body: AssignBody,
    reply: Assignment,
    status: 201,
  },
  endAssignment: {
    ...PATHS.endAssignment,
    id: 'endAssignment',
    summary: '解除指派（记录原因，不删除）',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: z.object({ countyCode: CountyCode, assignmentId: ObjectId }).strict(),
    body: EndAssignmentBody,
    reply: Assignment,
  },
  submitLedgerEntry: {
    ...PATHS.submitLedgerEntry,
    id: 'submitLedgerEntry',
    summary: '法律顾问登记服务台账（幂等：同一 clientKey 只记一次）',
    access: { kind: 'role', roles: ['counsel'], scope: null },
    body: SubmitLedgerEntryBody,
    reply: LedgerEntry,
    status: 201,
  },
  myLedgerEntries: {
    ...PATHS.myLedgerEntries,
    id: 'myLedgerEntries',
    summary: '本人登记的台账',
    access: { kind: 'role', roles: ['counsel'], scope: null },
    query: LedgerEntryListQuery,
    reply: LedgerEntryListReply,
  },
  myLedgerProgress: {
    ...PATHS.myLedgerProgress,
    id: 'myLedgerProgress',
    summary: '本人在各服务村的完成进度（本月驻点、本季度讲座、本年度时长）',
    access: { kind: 'role', roles: ['counsel'], scope: null },
    query: ProgressQuery,
    reply: ProgressReply,
  },
  townshipLedgerEntries: {
    ...PATHS.townshipLedgerEntries,
    id: 'townshipLedgerEntries',
    summary: '本乡镇各村台账（审核队列）',
    access: { kind: 'role', roles: placeStaff, scope: 'townshipCode' },
    params: z.object({ townshipCode: TownshipCode }).strict(),
    query: LedgerEntryListQuery,
    reply: LedgerEntryListReply,
  },
  reviewLedgerEntry: {
    ...PATHS.reviewLedgerEntry,
    id: 'reviewLedgerEntry',
    summary: '审核台账：通过或退回（退回须写原因）；每条只审核一次',
    access: { kind: 'role', roles: placeStaff, scope: 'townshipCode' },
    params: z.object({ townshipCode: TownshipCode, entryId: ObjectId }).strict(),
    body: ReviewLedgerEntryBody,
    reply: LedgerEntry,
  },
  lockLedgerMonth: {
    ...PATHS.lockLedgerMonth,
    id: 'lockLedgerMonth',
    summary: '审核完毕后锁定某月台账（之后补登须说明原因并标记为补登）',
    access: { kind: 'role', roles: placeStaff, scope: 'townshipCode' },
    params: LockMonthParams,
    reply: LedgerLock,
    status: 201,
  },
  townshipCompliance: {
    ...PATHS.townshipCompliance,
    id: 'townshipCompliance',
    summary: '本乡镇各村达标情况与进度落后的村、法律顾问（司法所）',
    access: { kind: 'role', roles: placeStaff, scope: 'townshipCode' },
    params: z.object({ townshipCode: TownshipCode }).strict(),
    query: TownshipComplianceQuery,
    reply: ComplianceReply,
  },
  countyCompliance: {
    ...PATHS.countyCompliance,
    id: 'countyCompliance',
    summary: '县级达标情况：各乡镇、各村本月驻点、本季度讲座、本年度时长（读取汇总，不逐条读取台账）',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: CountyParams,
    query: ComplianceQuery,
    reply: ComplianceReply,
  },
  ledgerExport: {
    ...PATHS.ledgerExport,
    id: 'ledgerExport',
    summary: '导出台账档案 xlsx：一村一卷（每村一个工作表）、一事一记，附汇总表',
    access: { kind: 'role', roles: countyStaff, scope: 'countyCode' },
    params: CountyParams,
    query: LedgerExportQuery,
    reply: z.any(),
    replyContentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  runReminders: {
    ...PATHS.runReminders,
    id: 'runReminders',
    summary: '定时提醒（云函数 remind 以 HMAC 签名调用）：期末前向进度落后的法律顾问发送订阅消息，每期一次',
    access: { kind: 'signed' },
    body: RunRemindersBody,
    reply: RunRemindersReply,
  },
  myGroups: {
    ...PATHS.myGroups,
    id: 'myGroups',
    summary: '我的工作群（村、乡镇、县三级）及可加入的群',
    access: { kind: 'session' },
    query: EmptyQuery,
    reply: GroupListReply,
  },
  groupMessages: {
    ...PATHS.groupMessages,
    id: 'groupMessages',
    summary: '群消息：取序号 after 之后的消息（按序、无缺漏、无重复）',
    access: { kind: 'member', need: 'read' },
    params: GroupParams,
    query: GroupMessagesQuery,
    reply: GroupMessagesReply,
  },
  postGroupMessage: {
    ...PATHS.postGroupMessage,
    id: 'postGroupMessage',
    summary: '发群消息（幂等：同一 clientKey 只发一次；含身份证号、手机号、银行卡号的拒绝发布；内容安全检测存疑的待审核）',
    access: { kind: 'member', need: 'post' },
    params: GroupParams,
    body: PostGroupMessageBody,
    reply: PostGroupMessageReply,
    status: 201,
  },
  removeGroupMessage: {
    ...PATHS.removeGroupMessage,
    id: 'removeGroupMessage',
    summary: '管理员删除群消息（须写原因，留痕）',
    access: { kind: 'member', need: 'moderate' },
    params: MessageParams,
    body: RemovePostBody,
    reply: GroupMessage,
  },
  takeMessagePrivate: {
    ...PATHS.takeMessagePrivate,
    id: 'takeMessagePrivate',
    summary: '法律顾问把涉及隐私的群消息转为私下咨询（群内只显示已转私下）',
    access: { kind: 'member', need: 'post' },
    params: MessageParams,
    reply: Consultation,
    status: 201,
  },
  groupMembers: {
    ...PATHS.groupMembers,
    id: 'groupMembers',
    summary: '群成员与入群申请（管理员）',
    access: { kind: 'member', need: 'moderate' },
    params: GroupParams,
    query: GroupMembersQuery,
    reply: GroupMembersReply,
  },
  decideJoinRequest: {
    ...PATHS.decideJoinRequest,
    id: 'decideJoinRequest',
    summary: '审核入群申请：同意或拒绝（留痕）',
    access: { kind: 'member', need: 'moderate' },
    params: MemberParams,
    body: DecideJoinBody,
    reply: GroupMember,
  },
  moderateMember: {
    ...PATHS.moderateMember,
    id: 'moderateMember',
    summary: '禁言、解除禁言或移出成员（须写原因，留痕，立即生效）',
    access: { kind: 'member', need: 'moderate' },
    params: MemberParams,
    body: ModerateMemberBody,
    reply: GroupMember,
  },
  groupActions: {
    ...PATHS.groupActions,
    id: 'groupActions',
    summary: '群管理记录（入群、审核、禁言、移出、删帖；永不删除）',
    access: { kind: 'member', need: 'moderate' },
    params: GroupParams,
    query: EmptyQuery,
    reply: GroupActionsReply,
  },
  heldPosts: {
    ...PATHS.heldPosts,
    id: 'heldPosts',
    summary: '待审核的群消息（内容安全检测存疑），本人管理的群',
    access: { kind: 'role', roles: placeStaff, scope: 'code' },
    params: z.object({ code: PlaceCode }).strict(),
    query: HeldPostsQuery,
    reply: HeldPostsReply,
  },
  decideHeldPost: {
    ...PATHS.decideHeldPost,
    id: 'decideHeldPost',
    summary: '放行或不予发布待审核的群消息（留痕）',
    access: { kind: 'role', roles: placeStaff, scope: 'code' },
    params: HeldPostParams,
    body: DecideHeldPostBody,
    reply: HeldPost,
  },
  askConsultation: {
    ...PATHS.askConsultation,
    id: 'askConsultation',
    summary: '村民向本村法律顾问私下咨询（幂等：同一 clientKey 只记一次）',
    access: { kind: 'role', roles: ['villager'], scope: null },
    body: AskBody,
    reply: Consultation,
    status: 201,
  },
  uploadConsultationPhoto: {
    ...PATHS.uploadConsultationPhoto,
    id: 'uploadConsultationPhoto',
    summary: '上传咨询照片（multipart/form-data，字段 file；JPEG/PNG/WebP，不超过2MB），提问时附上返回的 photoId',
    access: { kind: 'role', roles: ['villager'], scope: null },
    reply: PhotoUploadReply,
    status: 201,
  },
  consultationPhoto: {
    ...PATHS.consultationPhoto,
    id: 'consultationPhoto',
    summary: '咨询照片（仅能看到该咨询的人）',
    access: { kind: 'session' },
    params: PhotoParams,
    query: EmptyQuery,
    reply: z.any(),
    replyContentType: 'image/*',
  },
  myConsultations: {
    ...PATHS.myConsultations,
    id: 'myConsultations',
    summary: '我提出的咨询',
    access: { kind: 'session' },
    query: EmptyQuery,
    reply: ConsultationListReply,
  },
  consultationInbox: {
    ...PATHS.consultationInbox,
    id: 'consultationInbox',
    summary: '待我办理的咨询（含剩余答复时限）：法律顾问、司法所、县司法局及专家',
    access: { kind: 'role', roles: ['counsel', 'township_staff', 'county_staff', 'county_expert', 'admin'], scope: null },
    query: InboxQuery,
    reply: ConsultationListReply,
  },
  consultation: {
    ...PATHS.consultation,
    id: 'consultation',
    summary: '咨询详情与办理经过（仅咨询人、经办人及辖区工作人员可见）',
    access: { kind: 'session' },
    params: ConsultationParams,
    query: EmptyQuery,
    reply: Consultation,
  },
  answerConsultation: {
    ...PATHS.answerConsultation,
    id: 'answerConsultation',
    summary: '答复咨询（首问负责：未受理的由答复人受理）',
    access: { kind: 'session' },
    params: ConsultationParams,
    body: AnswerBody,
    reply: Consultation,
  },
  followUpConsultation: {
    ...PATHS.followUpConsultation,
    id: 'followUpConsultation',
    summary: '咨询人追问',
    access: { kind: 'session' },
    params: ConsultationParams,
    body: FollowUpBody,
    reply: Consultation,
  },
  escalateConsultation: {
    ...PATHS.escalateConsultation,
    id: 'escalateConsultation',
    summary: '提交上级办理（村 → 乡镇 → 县），须写原因',
    access: { kind: 'session' },
    params: ConsultationParams,
    body: EscalateBody,
    reply: Consultation,
  },
  closeConsultation: {
    ...PATHS.closeConsultation,
    id: 'closeConsultation',
    summary: '办结咨询（咨询人确认解决，或经办人答复后办结）',
    access: { kind: 'session' },
    params: ConsultationParams,
    body: CloseBody,
    reply: Consultation,
  },
  rateConsultation: {
    ...PATHS.rateConsultation,
    id: 'rateConsultation',
    summary: '评价已办结的咨询：态度、效率、专业各1至5分（服务一次、评价一次）',
    access: { kind: 'session' },
    params: ConsultationParams,
    body: Rating,
    reply: Consultation,
    status: 201,
  },
  overdueConsultations: {
    ...PATHS.overdueConsultations,
    id: 'overdueConsultations',
    summary: '本乡镇超时未答复或未办结的咨询（司法所）',
    access: { kind: 'role', roles: placeStaff, scope: 'townshipCode' },
    params: OverdueParams,
    query: EmptyQuery,
    reply: ConsultationListReply,
  },
  // last on purpose: the authorization matrix walks the table in order, and joining changes membership
  joinGroup: {
    ...PATHS.joinGroup,
    id: 'joinGroup',
    summary: '加入工作群：按规则直接加入或提交申请（由司法所审核）',
    access: { kind: 'member', need: 'join' },
    params: GroupParams,
    body: JoinGroupBody,
    reply: JoinGroupReply,
  },
} satisfies Record<string, RouteContract>;

export type RouteId = keyof typeof ROUTES;
export type ReplyOf<K extends RouteId> = z.infer<(typeof ROUTES)[K]['reply']>;

export { ErrorReply };
