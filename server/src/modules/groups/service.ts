import { Types } from 'mongoose';
import {
  ROLE_LABELS,
  PII_KIND_LABELS,
  type GroupAction,
  type GroupMember,
  type GroupStanding,
  type GroupSummary,
  type HeldPost,
  type PostGroupMessageBody,
  type PostGroupMessageReply,
} from '@vc/types';
import { AppError } from '../../shared/errors';
import { createOnce } from '../../store/duplicates';
import type { Principal } from '../../shared/http';
import { maskPhone } from '../../shared/mask';
import { covers } from '../../shared/scope';
import { userById, usersByIds, staffOfCounty, type UserDoc } from '../accounts/queries';
import { principalOf } from '../accounts/service';
import { effectiveGrants } from '../accounts/policy';
import { activeAssignmentsIn } from '../counsel/queries';
import { GroupActionModel, GroupMemberModel, GroupMessageModel, HeldPostModel, type GroupMessageDoc } from './model';
import { append, describeMessage, hideMessage, lastSeqHints, notice, pageAfter, visibleMessage } from './log';
import {
  canModerate,
  canPost,
  canRead,
  joinOutcome,
  joinRule,
  moderationOutcome,
  roleInGroup,
  standingOf,
  countyOf,
  tierOf,
  type MemberAction,
  type MembershipStatus,
  type Position,
} from './policy';
import { findPersonalNumbers } from './screening';
import { placeByCode, placesByCode, placesOfCounty } from '../places/lookup';

/** The text check a visible post must pass (WeChat msg_sec_check in production). */
export type ContentCheck = (openid: string, text: string) => Promise<'pass' | 'risky' | 'review' | 'check_unavailable'>;

const GROUP_LEVELS = ['county', 'township', 'village'] as const;

async function positionOf(userId: string, grants?: Principal['grants']): Promise<{ user: UserDoc; position: Position }> {
  const user = await userById(userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const resolved = grants ?? (await principalOf(user, '')).grants;
  return { user, position: positionFrom(user, resolved) };
}

function positionFrom(user: UserDoc, grants: Principal['grants']): Position {
  return { grants, counselCounties: user.roles.filter((r) => r.role === 'counsel').map((r) => r.placeCode) };
}

async function recordedStatus(groupCode: string, userId: string): Promise<MembershipStatus | null> {
  const doc = await GroupMemberModel.findOne({ groupCode, userId: new Types.ObjectId(userId) }, { status: 1 }).lean();
  return (doc?.status as MembershipStatus | undefined) ?? null;
}

async function standingIn(groupCode: string, userId: string, grants?: Principal['grants']) {
  const { user, position } = await positionOf(userId, grants);
  const rule = joinRule(groupCode, position);
  const recorded = rule === 'none' ? null : await recordedStatus(groupCode, userId);
  return { user, position, rule, standing: standingOf(rule, recorded) };
}

/** The guard of `member` routes (mounted in shared/http.ts). */
export async function checkMember(principal: Principal, groupCode: string, need: 'read' | 'post' | 'moderate' | 'join') {
  const { standing } = await standingIn(groupCode, principal.userId, principal.grants);
  if (need === 'join') {
    if (standing === 'none') throw new AppError('GROUP_NOT_ELIGIBLE');
    return;
  }
  if (!canRead(standing)) throw new AppError('NOT_A_GROUP_MEMBER');
  if (need === 'post' && !canPost(standing)) throw new AppError('GROUP_MUTED');
  if (need === 'moderate' && !canModerate(standing)) throw new AppError('NOT_A_GROUP_MODERATOR');
}

async function groupPlace(groupCode: string) {
  const place = await placeByCode(groupCode);
  if (!place || !(GROUP_LEVELS as readonly string[]).includes(place.level)) throw new AppError('GROUP_NOT_FOUND');
  return place;
}

function summarise(
  groupCode: string,
  name: string,
  standing: GroupStanding,
  lastSeq: number,
  pendingRequests: number,
): GroupSummary {
  return {
    code: groupCode,
    tier: tierOf(groupCode),
    name: `${name}工作群`,
    standing,
    lastSeq,
    pendingRequests: canModerate(standing) ? pendingRequests : null,
  };
}

/** Pending join requests per group of a county, in one indexed query. */
async function pendingByGroup(countyCode: string): Promise<Map<string, number>> {
  const pending = await GroupMemberModel.find({ countyCode, status: 'pending' }, { groupCode: 1 }).lean();
  const counts = new Map<string, number>();
  for (const p of pending) counts.set(p.groupCode, (counts.get(p.groupCode) ?? 0) + 1);
  return counts;
}

/** The groups a person is in or may join: by position, by record, and their own village's and township's. */
export async function myGroups(principal: Principal): Promise<GroupSummary[]> {
  const { position } = await positionOf(principal.userId, principal.grants);
  const candidates = new Set<string>();
  for (const g of position.grants) {
    if (g.role === 'villager') {
      candidates.add(g.placeCode);
      candidates.add(g.placeCode.slice(0, 9));
    } else if (g.role === 'counsel') {
      candidates.add(g.placeCode);
      candidates.add(g.placeCode.slice(0, 9));
      candidates.add(g.placeCode.slice(0, 6));
    } else if (g.role === 'township_staff') {
      candidates.add(g.placeCode);
      candidates.add(g.placeCode.slice(0, 6));
    } else if (g.placeCode.length === 6) candidates.add(g.placeCode);
  }
  for (const c of position.counselCounties) candidates.add(c);
  // township staff moderate every village group of their township
  const townships = position.grants.filter((g) => g.role === 'township_staff').map((g) => g.placeCode);
  // county staff and experts may join any group of the county: the township groups are listed;
  // village groups are not (hundreds per county) unless joined
  const counties = position.grants
    .filter((g) => ['county_staff', 'county_expert'].includes(g.role) && g.placeCode.length === 6)
    .map((g) => g.placeCode);
  // one indexed query per county involved (a person's groups lie in one county, or a few), never per group
  const places = new Map<string, { code: string; name: string; level: string }>();
  for (const place of (await placesByCode(candidates)).values()) places.set(place.code, place);
  for (const countyCode of new Set(townships.map(countyOf)))
    for (const v of await placesOfCounty(countyCode, 'village'))
      if (townships.includes(v.parentCode ?? '')) places.set(v.code, v);
  for (const countyCode of counties) for (const t of await placesOfCounty(countyCode, 'township')) places.set(t.code, t);
  const recorded = new Map(
    (await GroupMemberModel.find({ userId: new Types.ObjectId(principal.userId) }, { groupCode: 1, status: 1 }).lean()).map(
      (r) => [r.groupCode, r.status as MembershipStatus],
    ),
  );
  const extra = [...recorded.keys()].filter((c) => !places.has(c));
  for (const place of (await placesByCode(extra)).values()) places.set(place.code, place);

  const groups = [...places.values()].filter((p) => (GROUP_LEVELS as readonly string[]).includes(p.level));
  const standings = new Map(groups.map((p) => [p.code, standingOf(joinRule(p.code, position), recorded.get(p.code) ?? null)]));
  const shown = groups.filter((p) => standings.get(p.code) !== 'none');
  const countiesShown = [...new Set(shown.map((p) => countyOf(p.code)))];
  const heads = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const countyCode of countiesShown) {
    for (const [code, last] of await lastSeqHints(countyCode)) heads.set(code, last);
    if (shown.some((p) => countyOf(p.code) === countyCode && canModerate(standings.get(p.code)!)))
      for (const [code, n] of await pendingByGroup(countyCode)) pending.set(code, n);
  }
  const items = shown.map((p) =>
    summarise(p.code, p.name, standings.get(p.code)!, heads.get(p.code) ?? 0, pending.get(p.code) ?? 0),
  );
  const tierOrder = { village: 0, township: 1, county: 2 };
  return items.sort((a, b) => tierOrder[a.tier] - tierOrder[b.tier] || a.code.localeCompare(b.code));
}

export async function messages(principal: Principal, groupCode: string, after: number, limit: number) {
  const place = await groupPlace(groupCode);
  const { standing } = await standingIn(groupCode, principal.userId, principal.grants);
  const { docs, hasMore, lastSeq } = await pageAfter(groupCode, after, limit);
  const pending = canModerate(standing) ? await GroupMemberModel.countDocuments({ groupCode, status: 'pending' }) : 0;
  return {
    group: summarise(groupCode, place.name, standing, lastSeq, pending),
    items: docs.map(describeMessage),
    hasMore,
  };
}

const recordAction = (
  groupCode: string,
  action: GroupAction['action'],
  by: string,
  extra: { targetUserId?: string | null; seq?: number | null; reason?: string | null } = {},
) =>
  GroupActionModel.create({
    groupCode,
    action,
    by: new Types.ObjectId(by),
    targetUserId: extra.targetUserId ? new Types.ObjectId(extra.targetUserId) : null,
    seq: extra.seq ?? null,
    reason: extra.reason ?? null,
  });

/** A resent post that was recorded already: the first record answers; other text is refused. */
function answerResend<T extends { text: string }>(first: T, body: PostGroupMessageBody): T {
  if (first.text !== body.text) throw new AppError('POST_KEY_REUSED');
  return first;
}

/**
 * Posts to a group (R7). Idempotent by (author, clientKey). Personal numbers are refused and
 * never stored; then the content check: what it does not pass is held for a moderator.
 *
 * A visible post is written first and looked up only when its key is taken (a resend), since a
 * lookup scans every message on FerretDB. Held posts are few, so they are looked up first: a
 * held post's resend must not become visible past the moderator.
 */
export async function post(
  principal: Principal,
  groupCode: string,
  body: PostGroupMessageBody,
  check: ContentCheck,
): Promise<{ reply: PostGroupMessageReply; created: boolean }> {
  await groupPlace(groupCode);
  const authorId = new Types.ObjectId(principal.userId);
  const key = { groupCode, authorId, clientKey: body.clientKey };
  const held = await HeldPostModel.findOne(key).lean();
  if (held) {
    answerResend(held, body);
    return { reply: { status: 'held', message: null }, created: false };
  }

  const found = findPersonalNumbers(body.text);
  if (found.length) {
    const kinds = found.map((k) => PII_KIND_LABELS[k]).join('、');
    throw new AppError(
      'POST_CONTAINS_PRIVATE',
      `消息中含有${kinds}，属于个人隐私，不能发到群里（未保存）。如需咨询，请向法律顾问私下咨询。`,
      found.map((k) => ({ path: 'text', message: k })),
    );
  }

  const { user, position } = await positionOf(principal.userId, principal.grants);
  const author = { authorName: user.name, authorRole: ROLE_LABELS[roleInGroup(groupCode, position)] };
  const verdict = await check(user.openid, body.text);
  if (verdict !== 'pass') {
    // a resend of a post that went through before (the check may answer otherwise this time)
    const earlier = await GroupMessageModel.findOne(key).lean<GroupMessageDoc>();
    if (earlier) return { reply: { status: 'visible', message: describeMessage(answerResend(earlier, body)) }, created: false };
    const { doc: held, created } = await createOnce(
      async () =>
        (
          await HeldPostModel.create({ ...key, ...author, countyCode: countyOf(groupCode), text: body.text, cause: verdict })
        ).toObject(),
      () => HeldPostModel.findOne(key).lean(),
    );
    if (!created) answerResend(held, body);
    return { reply: { status: 'held', message: null }, created };
  }
  const { message, created } = await append({ ...key, ...author, kind: 'text', text: body.text, targetSeq: null });
  return { reply: { status: 'visible', message: describeMessage(answerResend(message, body)) }, created };
}

export async function removeMessage(principal: Principal, groupCode: string, seq: number, reason: string) {
  const message = await visibleMessage(groupCode, seq);
  await recordAction(groupCode, 'remove_post', principal.userId, {
    seq,
    reason,
    targetUserId: message.authorId ? String(message.authorId) : null,
  });
  return describeMessage(await hideMessage(message, 'removed', `一条消息已被管理员删除，原因：${reason}`));
}

/** For consultations/service: the message a counsel takes private, checked and hidden. */
export async function takeMessagePrivate(
  principal: Principal,
  groupCode: string,
  seq: number,
  open: (asker: UserDoc, text: string) => Promise<string>,
): Promise<string> {
  if (tierOf(groupCode) !== 'village' || !principal.grants.some((g) => g.role === 'counsel' && g.placeCode === groupCode))
    throw new AppError('TAKE_PRIVATE_NOT_COUNSEL');
  const message = await visibleMessage(groupCode, seq);
  const asker = message.authorId ? await userById(message.authorId) : null;
  if (!asker || asker.villageCode !== groupCode) throw new AppError('TAKE_PRIVATE_INVALID');
  const consultationId = await open(asker, message.text);
  await recordAction(groupCode, 'take_private', principal.userId, { seq, targetUserId: String(asker._id) });
  await hideMessage(message, 'private', '一条消息涉及个人隐私，已由法律顾问转为私下咨询');
  return consultationId;
}

function describeMember(
  groupCode: string,
  user: UserDoc,
  position: Position,
  status: MembershipStatus | null,
  note: string | null,
  since: Date | null,
): GroupMember {
  return {
    userId: String(user._id),
    name: user.name,
    role: ROLE_LABELS[roleInGroup(groupCode, position)],
    phoneMasked: maskPhone(user.phone),
    standing: standingOf(joinRule(groupCode, position), status),
    note,
    since: since ? since.toISOString() : null,
  };
}

/**
 * Members by position (staff, counsel) and by record (joined, pending, muted, removed). Four
 * indexed queries whatever the group's size: the county's staff, its active assignments (for the
 * counsel's grants), the group's records, and the recorded people not among the staff.
 */
export async function members(groupCode: string, filter: GroupStanding | undefined): Promise<GroupMember[]> {
  await groupPlace(groupCode);
  const countyCode = countyOf(groupCode);
  const [staff, assignments, recorded] = await Promise.all([
    staffOfCounty(countyCode),
    activeAssignmentsIn(countyCode),
    GroupMemberModel.find({ groupCode }).lean(),
  ]);
  const users = new Map(staff.map((u) => [String(u._id), u]));
  const notStaff = recorded.map((r) => r.userId).filter((id) => !users.has(String(id)));
  for (const [id, u] of await usersByIds(notStaff, { countyCode })) users.set(id, u);
  const villagesOf = new Map<string, string[]>();
  for (const a of assignments)
    villagesOf.set(String(a.counselId), [...(villagesOf.get(String(a.counselId)) ?? []), a.villageCode]);
  const records = new Map(recorded.map((r) => [String(r.userId), r]));
  const items: GroupMember[] = [];
  for (const [id, user] of users) {
    const record = records.get(id);
    const member = describeMember(
      groupCode,
      user,
      positionFrom(user, effectiveGrants(user, villagesOf.get(id) ?? [])),
      (record?.status as MembershipStatus | undefined) ?? null,
      record?.note ?? null,
      record?.since ?? null,
    );
    if (member.standing === 'none' || member.standing === 'can_join' || member.standing === 'can_request') continue;
    if (filter && member.standing !== filter && !(filter === 'member' && member.standing === 'moderator')) continue;
    items.push(member);
  }
  const order: Record<string, number> = { pending: 0, moderator: 1, member: 2, muted: 3, removed: 4 };
  return items.sort((a, b) => (order[a.standing] ?? 9) - (order[b.standing] ?? 9) || a.name.localeCompare(b.name, 'zh'));
}

async function setStatus(groupCode: string, userId: string, status: MembershipStatus, note?: string | null) {
  await GroupMemberModel.updateOne(
    { groupCode, userId: new Types.ObjectId(userId) },
    { $set: { status, countyCode: countyOf(groupCode), since: new Date(), ...(note !== undefined ? { note } : {}) } },
    { upsert: true },
  );
}

async function memberOf(groupCode: string, userId: string) {
  const user = await userById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const record = await GroupMemberModel.findOne({ groupCode, userId: user._id }).lean();
  return { user, record };
}

export async function decideJoin(
  principal: Principal,
  groupCode: string,
  userId: string,
  decision: 'approve' | 'refuse',
  reason?: string,
) {
  await groupPlace(groupCode);
  const { user, record } = await memberOf(groupCode, userId);
  if (record?.status !== 'pending') throw new AppError('NO_PENDING_REQUEST');
  await recordAction(groupCode, decision, principal.userId, { targetUserId: userId, reason: reason ?? null });
  await setStatus(groupCode, userId, decision === 'approve' ? 'active' : 'refused');
  if (decision === 'approve') await notice(groupCode, `${user.name} 加入了本群`, null);
  const updated = await GroupMemberModel.findOne({ groupCode, userId: user._id }).lean();
  const { position } = await positionOf(userId);
  return describeMember(
    groupCode,
    user,
    position,
    updated!.status as MembershipStatus,
    updated!.note ?? null,
    updated!.since ?? null,
  );
}

export async function moderateMember(
  principal: Principal,
  groupCode: string,
  userId: string,
  action: MemberAction,
  reason: string,
) {
  await groupPlace(groupCode);
  const { user, record } = await memberOf(groupCode, userId);
  const { position } = await positionOf(userId);
  const standing = standingOf(joinRule(groupCode, position), (record?.status as MembershipStatus | undefined) ?? null);
  if (standing === 'moderator') throw new AppError('MODERATOR_PROTECTED');
  const next = moderationOutcome(standing, action);
  if (!next) throw new AppError('MEMBER_STATE_INVALID');
  await recordAction(groupCode, action, principal.userId, { targetUserId: userId, reason });
  await setStatus(groupCode, userId, next);
  return describeMember(groupCode, user, position, next, record?.note ?? null, new Date());
}

export async function join(principal: Principal, groupCode: string, note: string | undefined): Promise<GroupStanding> {
  await groupPlace(groupCode);
  const { user, standing } = await standingIn(groupCode, principal.userId, principal.grants);
  const outcome = joinOutcome(standing);
  if (outcome.refused) throw new AppError('GROUP_NOT_ELIGIBLE');
  if (!outcome.record) return standing;
  await recordAction(groupCode, outcome.record === 'active' ? 'joined' : 'join_request', principal.userId, {
    targetUserId: principal.userId,
    reason: note ?? null,
  });
  await setStatus(groupCode, principal.userId, outcome.record, note ?? null);
  if (outcome.record === 'active') await notice(groupCode, `${user.name} 加入了本群`, null);
  return outcome.record === 'active' ? 'member' : 'pending';
}

export async function actions(groupCode: string): Promise<GroupAction[]> {
  await groupPlace(groupCode);
  const docs = await GroupActionModel.find({ groupCode }).sort({ at: -1, _id: -1 }).limit(500).lean();
  const ids = [...new Set(docs.flatMap((d) => [String(d.by), ...(d.targetUserId ? [String(d.targetUserId)] : [])]))];
  const names = new Map([...(await usersByIds(ids, { countyCode: countyOf(groupCode) }))].map(([id, u]) => [id, u.name]));
  return docs.map((d) => ({
    id: String(d._id),
    action: d.action as GroupAction['action'],
    targetUserId: d.targetUserId ? String(d.targetUserId) : null,
    targetName: d.targetUserId ? (names.get(String(d.targetUserId)) ?? null) : null,
    seq: d.seq ?? null,
    byName: names.get(String(d.by)) ?? '',
    reason: d.reason ?? null,
    at: d.at.toISOString(),
  }));
}

/** The groups inside `code` (a county, township or village) that this person moderates. */
async function moderatedGroups(principal: Principal, code: string): Promise<Map<string, string>> {
  const { position } = await positionOf(principal.userId, principal.grants);
  const countyCode = countyOf(code);
  const inside = [
    ...(await placesByCode([code])).values(),
    ...(code.length < 12 ? await placesOfCounty(countyCode, 'township') : []),
    ...(code.length < 12 ? await placesOfCounty(countyCode, 'village') : []),
  ];
  const result = new Map<string, string>();
  for (const p of inside) if (covers(code, p.code) && joinRule(p.code, position) === 'moderator') result.set(p.code, p.name);
  return result;
}

function describeHeld(
  h: { _id: Types.ObjectId; groupCode: string; authorName: string; text: string; cause: string; status: string; at: Date },
  groupName: string,
): HeldPost {
  return {
    id: String(h._id),
    groupCode: h.groupCode,
    groupName: `${groupName}工作群`,
    authorName: h.authorName,
    text: h.text,
    cause: h.cause as HeldPost['cause'],
    status: h.status as HeldPost['status'],
    at: h.at.toISOString(),
  };
}

export async function heldPosts(principal: Principal, code: string, status: HeldPost['status']): Promise<HeldPost[]> {
  const groups = await moderatedGroups(principal, code);
  if (groups.size === 0) return [];
  const docs = (await HeldPostModel.find({ countyCode: countyOf(code), status }).lean())
    .filter((d) => groups.has(d.groupCode))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(0, 200);
  return docs.map((d) => describeHeld(d, groups.get(d.groupCode) ?? ''));
}

export async function decideHeld(
  principal: Principal,
  code: string,
  heldId: string,
  decision: 'release' | 'reject',
  reason?: string,
) {
  const held = await HeldPostModel.findById(heldId).lean();
  const groups = held ? await moderatedGroups(principal, code) : new Map<string, string>();
  if (!held || !groups.has(held.groupCode)) throw new AppError('HELD_POST_NOT_FOUND');
  if (held.status !== 'held') throw new AppError('HELD_POST_DECIDED');
  const status = decision === 'release' ? 'released' : 'rejected';
  const result = await HeldPostModel.updateOne(
    { _id: held._id, status: 'held' },
    { $set: { status, decidedBy: new Types.ObjectId(principal.userId), decidedAt: new Date(), reason: reason ?? null } },
  );
  if (result.modifiedCount === 0) throw new AppError('HELD_POST_DECIDED');
  await recordAction(held.groupCode, decision === 'release' ? 'release_post' : 'reject_post', principal.userId, {
    targetUserId: String(held.authorId),
    reason: reason ?? null,
  });
  if (decision === 'release') {
    // the post's own key: a second release finds the message instead of writing another
    await append({
      groupCode: held.groupCode,
      kind: 'text',
      authorId: held.authorId,
      authorName: held.authorName,
      authorRole: held.authorRole,
      text: held.text,
      targetSeq: null,
      clientKey: held.clientKey,
    });
  }
  return describeHeld({ ...held, status }, groups.get(held.groupCode) ?? '');
}

/** For the demo data: a member by record (kept as it is when there is one already). */
export async function recordMembership(groupCode: string, userId: string, status: MembershipStatus): Promise<void> {
  if (!(await GroupMemberModel.exists({ groupCode, userId: new Types.ObjectId(userId) })))
    await setStatus(groupCode, userId, status);
}

/** For the demo data: a message in someone's name, once per clientKey. */
export async function postAs(
  groupCode: string,
  author: { id: string; name: string; role: string },
  text: string,
  clientKey: string,
): Promise<void> {
  await append({
    groupCode,
    kind: 'text',
    authorId: new Types.ObjectId(author.id),
    authorName: author.name,
    authorRole: author.role,
    text,
    targetSeq: null,
    clientKey,
  });
}
