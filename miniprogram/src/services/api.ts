import Taro from '@tarojs/taro';
import { PATHS, fillPath, type PathRouteId } from '@vc/types/src/paths';
import type {
  AssignBody,
  Assignment,
  AssignmentListReply,
  BindVillageBody,
  CounselContactReply,
  CounselListReply,
  ComplianceReply,
  CountyPolicy,
  DemoIdentitiesReply,
  DemoLoginBody,
  EndAssignmentBody,
  LedgerEntry,
  LedgerEntryListReply,
  LedgerLock,
  LedgerStatus,
  Me,
  NoticeBoard,
  OkReply,
  PlaceChildrenReply,
  ProgressReply,
  ReviewLedgerEntryBody,
  RunRemindersBody,
  RunRemindersReply,
  Session,
  SubmitLedgerEntryBody,
  UpdateCountyPolicyBody,
  UpdateProfileBody,
  VillageSearchReply,
  VillageSummary,
  WechatLoginBody,
  GroupListReply,
  GroupMessagesReply,
  PostGroupMessageBody,
  PostGroupMessageReply,
  GroupMessage,
  GroupMembersReply,
  GroupMember,
  GroupStanding,
  GroupAction,
  HeldPost,
  Consultation,
  ConsultationListReply,
  AskBody,
  AnswerBody,
  EscalateBody,
  Rating,
  ConsultationStatsReply,
  ProvinceComplianceReply,
} from '@vc/types';
import { getToken, clearSession } from './session';

/** Storage key that overrides the build-time API base at run time (used by tests). */
export const API_BASE_KEY = 'vc.apiBase';

type Params = Record<string, string>;
type Query = Record<string, string | number | undefined>;

/** What each route takes and returns (types only; the schemas stay on the server). */
export interface RouteTypes {
  wechatLogin: { body: WechatLoginBody; reply: Session };
  cloudLogin: { body: never; reply: Session };
  demoIdentities: { reply: DemoIdentitiesReply };
  demoLogin: { body: DemoLoginBody; reply: Session };
  logout: { reply: OkReply };
  me: { reply: Me };
  updateProfile: { body: UpdateProfileBody; reply: Me };
  bindVillage: { body: BindVillageBody; reply: Me };
  searchVillages: { query: { q: string; countyCode?: string; limit?: number }; reply: VillageSearchReply };
  villageByInvite: { params: { inviteCode: string }; reply: VillageSummary };
  placeChildren: { params: { code: string }; reply: PlaceChildrenReply };
  noticeBoard: { params: { villageCode: string }; reply: NoticeBoard };
  counselContact: { params: { villageCode: string; counselId: string }; reply: CounselContactReply };
  villageQrCode: { params: { villageCode: string }; reply: ArrayBuffer };
  countyPolicy: { params: { countyCode: string }; reply: CountyPolicy };
  updateCountyPolicy: { params: { countyCode: string }; body: UpdateCountyPolicyBody; reply: CountyPolicy };
  countyCounsel: { params: { countyCode: string }; reply: CounselListReply };
  listAssignments: {
    params: { countyCode: string };
    query: { villageCode?: string; counselId?: string };
    reply: AssignmentListReply;
  };
  assignCounsel: { params: { countyCode: string }; body: AssignBody; reply: Assignment };
  endAssignment: { params: { countyCode: string; assignmentId: string }; body: EndAssignmentBody; reply: Assignment };
  submitLedgerEntry: { body: SubmitLedgerEntryBody; reply: LedgerEntry };
  myLedgerEntries: { query: LedgerListQuery; reply: LedgerEntryListReply };
  myLedgerProgress: { query: { month?: string }; reply: ProgressReply };
  townshipLedgerEntries: { params: { townshipCode: string }; query: LedgerListQuery; reply: LedgerEntryListReply };
  reviewLedgerEntry: { params: { townshipCode: string; entryId: string }; body: ReviewLedgerEntryBody; reply: LedgerEntry };
  lockLedgerMonth: { params: { townshipCode: string; month: string }; reply: LedgerLock };
  townshipCompliance: { params: { townshipCode: string }; query: { month?: string }; reply: ComplianceReply };
  countyCompliance: { params: { countyCode: string }; query: { month?: string; townshipCode?: string }; reply: ComplianceReply };
  provinceCompliance: { params: { provinceCode: string }; query: { month?: string }; reply: ProvinceComplianceReply };
  /** xlsx file: fetched with downloadFile / fetch (services/ledgerExport.ts), not with call() */
  ledgerExport: { params: { countyCode: string }; query: { month: string; villageCode?: string }; reply: ArrayBuffer };
  runReminders: { body: RunRemindersBody; reply: RunRemindersReply };
  myGroups: { reply: GroupListReply };
  groupMessages: { params: GroupParams; query: { after?: number; limit?: number }; reply: GroupMessagesReply };
  /** 201 visible, 202 held for review, 200 a retry of the same clientKey */
  postGroupMessage: { params: GroupParams; body: PostGroupMessageBody; reply: PostGroupMessageReply };
  removeGroupMessage: { params: MessageParams; body: { reason: string }; reply: GroupMessage };
  takeMessagePrivate: { params: MessageParams; reply: Consultation };
  groupMembers: {
    params: GroupParams;
    query: { standing?: 'pending' | 'member' | 'muted' | 'removed' };
    reply: GroupMembersReply;
  };
  decideJoinRequest: { params: MemberParams; body: { decision: 'approve' | 'refuse'; reason?: string }; reply: GroupMember };
  moderateMember: { params: MemberParams; body: { action: 'mute' | 'unmute' | 'remove'; reason: string }; reply: GroupMember };
  groupActions: { params: GroupParams; reply: { items: GroupAction[] } };
  joinGroup: { params: GroupParams; body: { note?: string }; reply: { standing: GroupStanding } };
  heldPosts: { params: { code: string }; query: { status?: HeldPost['status'] }; reply: { items: HeldPost[] } };
  decideHeldPost: {
    params: { code: string; heldId: string };
    body: { decision: 'release' | 'reject'; reason?: string };
    reply: HeldPost;
  };
  askConsultation: { body: AskBody; reply: Consultation };
  /** multipart upload (field file) with Taro.uploadFile, not call() */
  uploadConsultationPhoto: { reply: { photoId: string } };
  /** binary image: fetched with Taro.downloadFile and the session header, not call() */
  consultationPhoto: { params: { consultationId: string; photoId: string }; reply: ArrayBuffer };
  myConsultations: { reply: ConsultationListReply };
  consultationInbox: { query: { status?: 'active' | 'closed' }; reply: ConsultationListReply };
  consultation: { params: ConsultationParams; reply: Consultation };
  answerConsultation: { params: ConsultationParams; body: AnswerBody; reply: Consultation };
  followUpConsultation: { params: ConsultationParams; body: AnswerBody; reply: Consultation };
  escalateConsultation: { params: ConsultationParams; body: EscalateBody; reply: Consultation };
  closeConsultation: { params: ConsultationParams; body: { note?: string }; reply: Consultation };
  rateConsultation: { params: ConsultationParams; body: Rating; reply: Consultation };
  consultationStats: { params: { countyCode: string }; query: { month?: string }; reply: ConsultationStatsReply };
  overdueConsultations: { params: { townshipCode: string }; reply: ConsultationListReply };
}

type GroupParams = { groupCode: string };
type MessageParams = { groupCode: string; seq: string };
type MemberParams = { groupCode: string; userId: string };
type ConsultationParams = { consultationId: string };

type LedgerListQuery = { month?: string; villageCode?: string; status?: LedgerStatus };

// Compile-time check that RouteTypes covers exactly the routes of PATHS.
type Missing = Exclude<PathRouteId, keyof RouteTypes>;
const everyRouteTyped: Missing extends never ? true : never = true;
void everyRouteTyped;

type Field<R, K extends string> = R extends Record<K, infer V> ? V : undefined;
export type CallOptions<K extends PathRouteId> = {
  params?: Field<RouteTypes[K], 'params'>;
  query?: Field<RouteTypes[K], 'query'>;
  body?: Field<RouteTypes[K], 'body'>;
};
export type Reply<K extends PathRouteId> = RouteTypes[K]['reply'];

/** Every failed call rejects with this: HTTP status (0 = no response), stable code, Chinese message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    // keep instanceof working after down-levelling to ES5
    Object.setPrototypeOf(this, ApiError.prototype);
  }
}

export const NETWORK_MESSAGE = '网络连接失败，请稍后重试';

export function apiBase(): string {
  let override: unknown;
  try {
    override = Taro.getStorageSync(API_BASE_KEY);
  } catch {
    override = '';
  }
  const base = typeof override === 'string' && override ? override : VC_API_BASE;
  return base.replace(/\/+$/, '');
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const parts = Object.keys(query)
    .filter((k) => query[k] !== undefined && query[k] !== '')
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function errorFrom(status: number, data: unknown): ApiError {
  const err = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(status, err.code, err.message);
  }
  if (status === 401) return new ApiError(status, 'UNAUTHORIZED', '请先登录');
  if (status === 403) return new ApiError(status, 'FORBIDDEN', '没有权限进行此操作');
  if (status === 404) return new ApiError(status, 'NOT_FOUND', '未找到相关内容');
  return new ApiError(status, 'HTTP_' + status, '服务暂时不可用，请稍后重试');
}

/** Calls one API route by id. Resolves with the typed reply; rejects with ApiError. */
export async function call<K extends PathRouteId>(routeId: K, options: CallOptions<K> = {}): Promise<Reply<K>> {
  const route = PATHS[routeId];
  const url =
    apiBase() + fillPath(route.path, (options.params ?? {}) as Params) + queryString(options.query as Query | undefined);
  const header: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  const method = route.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
  const hasBody = method !== 'GET' && method !== 'DELETE';
  if (hasBody) header['Content-Type'] = 'application/json';

  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    res = await Taro.request({
      url,
      method,
      header,
      data: hasBody ? ((options.body ?? {}) as object) : undefined,
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  const status = res?.statusCode ?? 0;
  if (!status) throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  let data = res.data;
  if (typeof data === 'string' && data) {
    try {
      data = JSON.parse(data);
    } catch {
      /* keep the text */
    }
  }
  if (status < 200 || status >= 300) {
    const error = errorFrom(status, data);
    if (status === 401 && routeId !== 'demoLogin' && routeId !== 'wechatLogin') clearSession();
    throw error;
  }
  return data as Reply<K>;
}

/** A message fit to show the user for anything a call may throw. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    return (e as { message: string }).message;
  }
  return '操作失败，请稍后重试';
}
