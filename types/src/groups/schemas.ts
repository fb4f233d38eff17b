import { z } from '../zod';
import { text } from '../text';
import { CLIENT_KEY_PATTERN, GROUP_POST_MAX_LENGTH, TIERS } from '../constants';
import { GROUP_ACTION_LABELS, GROUP_STANDING_LABELS, GROUP_TIER_LABELS, PII_KIND_LABELS } from '../labels';
import { ObjectId, PlaceCode } from '../roles';

export { GROUP_ACTION_LABELS, GROUP_STANDING_LABELS, GROUP_TIER_LABELS, PII_KIND_LABELS };

/** Three tiers of work groups (docs/domain.md R6); one group per village, township and county, named by its place code. */
export const GROUP_TIERS = TIERS;
export const GroupTier = z.enum(GROUP_TIERS);
export type GroupTier = z.infer<typeof GroupTier>;

export const GROUP_STANDINGS = Object.keys(GROUP_STANDING_LABELS) as (keyof typeof GROUP_STANDING_LABELS)[];
export const GroupStanding = z.enum(
  GROUP_STANDINGS as [keyof typeof GROUP_STANDING_LABELS, ...(keyof typeof GROUP_STANDING_LABELS)[]],
);
export type GroupStanding = z.infer<typeof GroupStanding>;

export const GROUP_ACTIONS = Object.keys(GROUP_ACTION_LABELS) as (keyof typeof GROUP_ACTION_LABELS)[];
export const GroupActionKind = z.enum(
  GROUP_ACTIONS as [keyof typeof GROUP_ACTION_LABELS, ...(keyof typeof GROUP_ACTION_LABELS)[]],
);
export type GroupActionKind = z.infer<typeof GroupActionKind>;

export const PII_KINDS = ['id_card', 'mobile', 'bank_card'] as const;
export const PiiKind = z.enum(PII_KINDS);
export type PiiKind = z.infer<typeof PiiKind>;

/** A group code is a county (6), township (9) or village (12) division code. */
export const GroupCode = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '工作群编号应为县、乡镇或村的区划代码');
export const GroupParams = z.object({ groupCode: GroupCode }).strict();

export const GroupSummary = z
  .object({
    code: GroupCode,
    tier: GroupTier,
    name: z.string(),
    standing: GroupStanding,
    lastSeq: z.number().int(),
    pendingRequests: z.number().int().nullable(),
  })
  .openapi('GroupSummary');
export type GroupSummary = z.infer<typeof GroupSummary>;
export const GroupListReply = z.object({ items: z.array(GroupSummary) }).openapi('GroupListReply');
export type GroupListReply = z.infer<typeof GroupListReply>;

export const GroupMessage = z
  .object({
    /** per-group sequence: 1, 2, 3 … with no gaps */
    seq: z.number().int().min(1),
    kind: z.enum(['text', 'notice']),
    authorId: ObjectId.nullable(),
    authorName: z.string(),
    authorRole: z.string(),
    /** null once removed by a moderator or taken private */
    text: z.string().nullable(),
    state: z.enum(['visible', 'removed', 'private']),
    /** for notices: the earlier message this notice is about (the phone hides its text) */
    targetSeq: z.number().int().nullable(),
    /** for notices with targetSeq: what became of that message */
    targetState: z.enum(['removed', 'private']).nullable(),
    at: z.string().datetime(),
    clientKey: z.string().nullable(),
    /** a shared legal-education article (POST /api/articles/:articleId/share): the article to open */
    articleId: ObjectId.optional(),
  })
  .openapi('GroupMessage');
export type GroupMessage = z.infer<typeof GroupMessage>;

export const GroupMessagesQuery = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
export const GroupMessagesReply = z
  .object({ group: GroupSummary, items: z.array(GroupMessage), hasMore: z.boolean() })
  .openapi('GroupMessagesReply');
export type GroupMessagesReply = z.infer<typeof GroupMessagesReply>;

export const ClientKey = z.string().regex(CLIENT_KEY_PATTERN, '客户端编号格式不正确');

export const PostGroupMessageBody = z
  .object({
    clientKey: ClientKey,
    text: text({
      min: 1,
      max: GROUP_POST_MAX_LENGTH,
      tooShort: '消息不能为空',
      tooLong: `消息不能超过${GROUP_POST_MAX_LENGTH}字`,
    }),
  })
  .strict()
  .openapi('PostGroupMessageBody');
export type PostGroupMessageBody = z.infer<typeof PostGroupMessageBody>;

export const PostGroupMessageReply = z
  .object({
    /** visible: in the group now; held: waiting for a moderator after the content check */
    status: z.enum(['visible', 'held']),
    message: GroupMessage.nullable(),
  })
  .openapi('PostGroupMessageReply');
export type PostGroupMessageReply = z.infer<typeof PostGroupMessageReply>;

export const JoinGroupBody = z
  .object({ note: text({ max: 200, tooLong: '申请说明不能超过200字' }).optional() })
  .strict()
  .openapi('JoinGroupBody');
export const JoinGroupReply = z.object({ standing: GroupStanding }).openapi('JoinGroupReply');

export const GroupMember = z
  .object({
    userId: ObjectId,
    name: z.string(),
    role: z.string(),
    phoneMasked: z.string().nullable(),
    standing: GroupStanding,
    note: z.string().nullable(),
    since: z.string().datetime().nullable(),
    /** a mute with a duration: when it ends (Beijing time is the client's to show); null when muted until unmuted */
    mutedUntil: z.string().datetime().nullable().optional(),
  })
  .openapi('GroupMember');
export type GroupMember = z.infer<typeof GroupMember>;
/** Default page size of a member list when the client pages (`limit` or `offset` given). */
export const GROUP_MEMBERS_PAGE = 50;
export const GroupMembersQuery = z
  .object({
    standing: z.enum(['pending', 'member', 'muted', 'removed']).optional(),
    /** search by name: a case-insensitive part of it */
    q: text({ min: 1, max: 30, tooShort: '请输入要搜索的姓名', tooLong: '搜索内容不能超过30字' }).optional(),
    /** page size (1–200); without `limit` and `offset` the whole list comes back, as before paging */
    limit: z.coerce.number().int().min(1).max(200).optional(),
    /** how many matching members to skip: the `next` of the previous page */
    offset: z.coerce.number().int().min(0).max(100000).optional(),
  })
  .strict();
export const GroupMembersReply = z
  .object({
    items: z.array(GroupMember),
    /** how many members match the standing and search (all pages) */
    total: z.number().int().min(0).optional(),
    /** the `offset` of the next page; null on the last page */
    next: z.number().int().min(0).nullable().optional(),
  })
  .openapi('GroupMembersReply');
export type GroupMembersReply = z.infer<typeof GroupMembersReply>;

const Reason = text({ min: 2, max: 200, tooShort: '请填写原因', tooLong: '原因不能超过200字' });

export const DecideJoinBody = z
  .object({ decision: z.enum(['approve', 'refuse']), reason: text({ max: 200, tooLong: '原因不能超过200字' }).optional() })
  .strict()
  .openapi('DecideJoinBody');
/** How long a mute may last, in days; no `days` mutes until a moderator unmutes. */
export const MUTE_DAYS = [1, 3, 7, 30] as const;
const MuteDays = z.union([z.literal(1), z.literal(3), z.literal(7), z.literal(30)], {
  errorMap: () => ({ message: '禁言天数只能是1、3、7或30天' }),
});
/** `days` belongs to a mute only (it ends by itself after them); unmute and remove take none. */
export const ModerateMemberBody = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('mute'), reason: Reason, days: MuteDays.optional() }).strict(),
    z.object({ action: z.literal('unmute'), reason: Reason }).strict(),
    z.object({ action: z.literal('remove'), reason: Reason }).strict(),
  ])
  .openapi('ModerateMemberBody');
export const RemovePostBody = z.object({ reason: Reason }).strict().openapi('RemovePostBody');
export const MemberParams = z.object({ groupCode: GroupCode, userId: ObjectId }).strict();
export const MessageParams = z.object({ groupCode: GroupCode, seq: z.coerce.number().int().min(1).max(1e9) }).strict();

export const GroupAction = z
  .object({
    id: ObjectId,
    action: GroupActionKind,
    targetUserId: ObjectId.nullable(),
    targetName: z.string().nullable(),
    seq: z.number().int().nullable(),
    byName: z.string(),
    reason: z.string().nullable(),
    at: z.string().datetime(),
    /** for a mute with a duration: when it ends */
    until: z.string().datetime().nullable().optional(),
  })
  .openapi('GroupAction');
export type GroupAction = z.infer<typeof GroupAction>;
export const GroupActionsReply = z.object({ items: z.array(GroupAction) }).openapi('GroupActionsReply');

/** A post held by the content check (msg_sec_check) until a moderator releases or rejects it. */
export const HeldPost = z
  .object({
    id: ObjectId,
    groupCode: GroupCode,
    groupName: z.string(),
    authorName: z.string(),
    text: z.string(),
    /** why it was held: WeChat judged it risky, asked for review, or could not be reached */
    cause: z.enum(['risky', 'review', 'check_unavailable']),
    status: z.enum(['held', 'released', 'rejected']),
    at: z.string().datetime(),
  })
  .openapi('HeldPost');
export type HeldPost = z.infer<typeof HeldPost>;
export const HeldPostsQuery = z.object({ status: z.enum(['held', 'released', 'rejected']).default('held') }).strict();
export const HeldPostsReply = z.object({ items: z.array(HeldPost) }).openapi('HeldPostsReply');
export type HeldPostsReply = z.infer<typeof HeldPostsReply>;
export const DecideHeldPostBody = z
  .object({ decision: z.enum(['release', 'reject']), reason: text({ max: 200, tooLong: '原因不能超过200字' }).optional() })
  .strict()
  .openapi('DecideHeldPostBody');
export const HeldPostParams = z.object({ code: PlaceCode, heldId: ObjectId }).strict();
