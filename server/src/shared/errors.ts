/**
 * Every failure a client can see: a stable code, an HTTP status and a Chinese message.
 * The catalogue lives here so codes stay unique and messages consistent.
 */
export const ERRORS = {
  INVALID_JSON: [400, '请求内容不是有效的 JSON'],
  VALIDATION_FAILED: [400, '请求内容不符合要求'],
  FORBIDDEN_KEY: [400, '请求中含有不允许的字段名'],
  BODY_TOO_LARGE: [413, '请求内容过大'],
  UNSUPPORTED_MEDIA_TYPE: [415, '请求内容类型不受支持，请使用 JSON'],
  UNAUTHENTICATED: [401, '请先登录'],
  SESSION_EXPIRED: [401, '登录已过期，请重新登录'],
  FORBIDDEN: [403, '您没有权限进行此操作'],
  OUT_OF_JURISDICTION: [403, '该地区不在您的管辖范围内'],
  DEMO_DISABLED: [403, '生产环境不提供演示登录'],
  BAD_SIGNATURE: [401, '签名无效'],
  REPLAYED_REQUEST: [401, '请求已被使用过，请重新发起'],
  WECHAT_CODE_INVALID: [400, '微信登录凭证无效或已过期，请重新登录'],
  WECHAT_UNAVAILABLE: [502, '微信服务暂时不可用，请稍后重试'],
  NOT_FOUND: [404, '请求的内容不存在'],
  ROUTE_NOT_FOUND: [404, '接口不存在'],
  METHOD_NOT_ALLOWED: [405, '接口不支持该请求方法'],
  PLACE_NOT_FOUND: [404, '找不到该地区'],
  VILLAGE_NOT_FOUND: [404, '找不到该村（社区）'],
  INVITE_CODE_NOT_FOUND: [404, '邀请码无效，请核对后重试'],
  USER_NOT_FOUND: [404, '找不到该用户'],
  COUNSEL_NOT_FOUND: [404, '找不到该法律顾问'],
  ASSIGNMENT_NOT_FOUND: [404, '找不到该指派记录'],
  NOT_A_VILLAGER_ROLE: [409, '工作人员账号无需绑定村（社区）'],
  COUNSEL_VILLAGE_LIMIT: [409, '该法律顾问服务的村（社区）已达上限'],
  ALREADY_ASSIGNED: [409, '该法律顾问已在服务此村（社区）'],
  ASSIGNMENT_ENDED: [409, '该指派已解除'],
  COUNSEL_NOT_IN_VILLAGE: [404, '该法律顾问不服务此村（社区）'],
  PHONE_NOT_AVAILABLE: [404, '该法律顾问未登记联系电话'],
  LEDGER_END_BEFORE_START: [400, '结束时间必须晚于开始时间'],
  LEDGER_TOO_LONG: [400, '单次服务时长不能超过 12 小时，请分开登记'],
  LEDGER_IN_FUTURE: [400, '不能登记尚未发生的服务'],
  LEDGER_TOO_OLD: [400, '服务时间过早，已超出可登记的期限'],
  LEDGER_ATTENDEES_REQUIRED: [400, '法治讲座请填写参加人数'],
  LEDGER_VILLAGE_NOT_SERVED: [403, '您目前不服务该村（社区），不能为其登记台账'],
  LEDGER_PERIOD_LOCKED: [409, '该月台账已锁定，补登须填写补登原因'],
  LEDGER_KEY_REUSED: [409, '该客户端编号已用于另一条台账'],
  LEDGER_ENTRY_NOT_FOUND: [404, '找不到该台账记录'],
  LEDGER_ALREADY_REVIEWED: [409, '该台账已审核过'],
  LEDGER_CORRECTION_INVALID: [400, '只能更正本人在同一村（社区）的台账'],
  LEDGER_ALREADY_LOCKED: [409, '该月台账已经锁定'],
  GROUP_NOT_FOUND: [404, '找不到该工作群'],
  NOT_A_GROUP_MEMBER: [403, '您不是该工作群成员'],
  GROUP_NOT_ELIGIBLE: [403, '您不能加入该工作群'],
  GROUP_MUTED: [403, '您已被禁言，暂不能在该群发言'],
  NOT_A_GROUP_MODERATOR: [403, '只有该群管理员可以进行此操作'],
  MODERATOR_PROTECTED: [409, '不能对群管理员进行此操作'],
  MEMBER_STATE_INVALID: [409, '该成员当前状态不能进行此操作'],
  NO_PENDING_REQUEST: [409, '该用户没有待审核的入群申请'],
  MESSAGE_NOT_FOUND: [404, '找不到该消息'],
  MESSAGE_ALREADY_REMOVED: [409, '该消息已被删除或已转为私下咨询'],
  POST_CONTAINS_PRIVATE: [422, '消息中含有个人隐私信息，不能发到群里，请向法律顾问私下咨询'],
  POST_KEY_REUSED: [409, '该客户端编号已用于另一条消息'],
  GROUP_BUSY: [503, '群消息繁忙，请稍后重试'],
  TAKE_PRIVATE_NOT_COUNSEL: [403, '只有本村法律顾问可以把群消息转为私下咨询'],
  TAKE_PRIVATE_INVALID: [409, '只能把本村村民在村级工作群中的消息转为私下咨询'],
  HELD_POST_NOT_FOUND: [404, '找不到该待审核消息'],
  HELD_POST_DECIDED: [409, '该消息已经处理过'],
  CONSULTATION_NOT_FOUND: [404, '找不到该咨询'],
  CONSULTATION_KEY_REUSED: [409, '该客户端编号已用于另一条咨询'],
  CONSULTATION_OWNED_BY_OTHER: [409, '该咨询已由他人受理（首问负责）'],
  CONSULTATION_NOT_HANDLER: [403, '您不是该咨询的经办人'],
  CONSULTATION_NOT_ASKER: [403, '只有咨询人可以进行此操作'],
  CONSULTATION_CLOSED: [409, '该咨询已办结'],
  CONSULTATION_TOP_TIER: [409, '已在县级办理，不能再提交上级'],
  CONSULTATION_NOT_ANSWERED: [409, '尚未答复，不能办结'],
  CONSULTATION_NOT_CLOSED: [409, '办结后才能评价'],
  CONSULTATION_ALREADY_RATED: [409, '每次服务只能评价一次'],
  CONSULTATION_CHANGED: [409, '该咨询刚被他人处理，请刷新后重试'],
  PHOTO_REQUIRED: [400, '请选择要上传的照片（表单字段 file）'],
  PHOTO_TOO_LARGE: [413, '照片不能超过2MB'],
  PHOTO_TYPE_UNSUPPORTED: [415, '只能上传 JPG、PNG 或 WebP 格式的照片'],
  PHOTO_TOO_MANY: [429, '未使用的照片过多，请先提交咨询'],
  PHOTO_NOT_FOUND: [404, '找不到该照片'],
  RATE_LIMITED: [429, '操作过于频繁，请稍后再试'],
  DATABASE_UNAVAILABLE: [503, '服务暂时不可用，请稍后重试'],
  INTERNAL: [500, '服务器内部错误'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: { path: string; message: string }[],
    /** seconds, for 429 and 503 (sent as Retry-After) */
    readonly retryAfter?: number,
  ) {
    super(message ?? ERRORS[code][1]);
    this.status = ERRORS[code][0];
  }
}

/** The database refused a write under a unique index: the guard this project relies on instead of transactions. */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 11000;
