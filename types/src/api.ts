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
} satisfies Record<string, RouteContract>;

export type RouteId = keyof typeof ROUTES;
export type ReplyOf<K extends RouteId> = z.infer<(typeof ROUTES)[K]['reply']>;

export { ErrorReply };
