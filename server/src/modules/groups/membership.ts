/**
 * Membership: the member check of group routes, a person's groups, joining and the decisions on
 * requests, member lists. Who may be in which group is the rule of membership-rule.ts (R6).
 */
import { Types } from 'mongoose';
import { GROUP_MEMBERS_PAGE, type GroupMember, type GroupStanding, type GroupSummary } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { usersByIds, staffOfCounty } from '../users/queries';
import { effectiveGrants } from '../accounts/policy';
import { activeAssignmentsIn } from '../counsel/queries';
import { placesByCode, placesOfCounty } from '../places/lookup';
import { ONE_BATCH } from '../../store/batch';
import { GroupMemberModel } from './model';
import { lastSeqHints, notice } from './log';
import { countyOf, groupsToLookAt, tierOf } from './membership-rule';
import {
  canModerate,
  canPost,
  canRead,
  joinOutcome,
  mutedUntilShown,
  nameMatches,
  onMemberList,
  statusAt,
  type MembershipStatus,
} from './policy';
import { GROUP_LEVELS, groupPlace, summarise } from './places';
import { describeMember, positionFrom, positionOf, standingFrom, standingIn } from './positions';
import { memberOf, recordAction, setStatus } from './records';
import type { JoinDecided } from './join-notice';

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

/** Pending join requests per group of a county, in one indexed query. */
async function pendingByGroup(countyCode: string): Promise<Map<string, number>> {
  const pending = await GroupMemberModel.find({ countyCode, status: 'pending' }, { groupCode: 1 }).lean();
  const counts = new Map<string, number>();
  for (const p of pending) counts.set(p.groupCode, (counts.get(p.groupCode) ?? 0) + 1);
  return counts;
}

/**
 * The groups a person is in or may join: those the rule gives their grants (their own village's
 * and township's, the villages of a township office, the townships of a county for its staff and
 * experts), and those they have a record in. One indexed query per county involved (a person's
 * groups lie in one county, or a few), never per group.
 */
export async function myGroups(principal: Principal): Promise<GroupSummary[]> {
  const { position } = await positionOf(principal.userId, principal.grants);
  const { codes, villagesOf, townshipsOf } = groupsToLookAt(position);
  const places = new Map<string, { code: string; name: string; level: string }>();
  for (const place of (await placesByCode(codes)).values()) places.set(place.code, place);
  for (const countyCode of new Set(villagesOf.map(countyOf)))
    for (const v of await placesOfCounty(countyCode, 'village'))
      if (villagesOf.includes(v.parentCode ?? '')) places.set(v.code, v);
  for (const countyCode of townshipsOf) for (const t of await placesOfCounty(countyCode, 'township')) places.set(t.code, t);
  const recorded = new Map(
    (
      await GroupMemberModel.find(
        { userId: new Types.ObjectId(principal.userId) },
        { groupCode: 1, status: 1, mutedUntil: 1 },
      ).lean()
    ).map((r) => [r.groupCode, statusAt(r.status, r.mutedUntil)]),
  );
  const extra = [...recorded.keys()].filter((c) => !places.has(c));
  for (const place of (await placesByCode(extra)).values()) places.set(place.code, place);

  const groups = [...places.values()].filter((p) => GROUP_LEVELS.includes(p.level));
  const standings = new Map(groups.map((p) => [p.code, standingFrom(p.code, position, recorded.get(p.code) ?? null)]));
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

export interface MemberPageOptions {
  standing?: GroupStanding;
  /** part of a name */
  q?: string;
  /** page size; with neither limit nor offset the whole list */
  limit?: number;
  offset?: number;
}

/**
 * One page of the member list, searched by name: the list is built in the same reads whatever the
 * page (members' places come from positions as well as records, so neither a search nor a page can
 * be pushed to the database), then searched, counted and cut.
 */
export async function memberPage(
  groupCode: string,
  options: MemberPageOptions,
): Promise<{ items: GroupMember[]; total: number; next: number | null }> {
  const all = (await allMembers(groupCode, options.standing)).filter((m) => nameMatches(m.name, options.q));
  if (options.limit === undefined && options.offset === undefined) return { items: all, total: all.length, next: null };
  const offset = options.offset ?? 0;
  const limit = options.limit ?? GROUP_MEMBERS_PAGE;
  const items = all.slice(offset, offset + limit);
  return { items, total: all.length, next: offset + limit < all.length ? offset + limit : null };
}

/**
 * Members by position (staff, counsel) and by record (joined, pending, muted, removed), in at most
 * four indexed queries whatever the group's size, each read in one batch (store/batch.ts): the
 * county's staff, its active assignments (for the counsel's grants) and the group's records at
 * once, then the recorded people not among the staff. That last read is for village and township
 * groups, whose villagers are members by record; in a county group someone who is not staff of the
 * county has no place by the rule (R6), so it is never needed there.
 */
async function allMembers(groupCode: string, filter: GroupStanding | undefined): Promise<GroupMember[]> {
  await groupPlace(groupCode);
  const countyCode = countyOf(groupCode);
  const [staff, assignments, recorded] = await Promise.all([
    staffOfCounty(countyCode),
    activeAssignmentsIn(countyCode),
    GroupMemberModel.find({ groupCode }).batchSize(ONE_BATCH).lean(),
  ]);
  const users = new Map(staff.map((u) => [String(u._id), u]));
  const notStaff = recorded.map((r) => r.userId).filter((id) => !users.has(String(id)));
  if (tierOf(groupCode) !== 'county') for (const [id, u] of await usersByIds(notStaff, { countyCode })) users.set(id, u);
  const villagesOf = new Map<string, string[]>();
  for (const a of assignments)
    villagesOf.set(String(a.counselId), [...(villagesOf.get(String(a.counselId)) ?? []), a.villageCode]);
  const records = new Map(recorded.map((r) => [String(r.userId), r]));
  const items: GroupMember[] = [];
  const now = new Date();
  for (const [id, user] of users) {
    const record = records.get(id);
    const position = positionFrom(user, effectiveGrants(user, villagesOf.get(id) ?? []));
    const status = statusAt(record?.status ?? null, record?.mutedUntil, now);
    const standing = standingFrom(groupCode, position, status);
    if (!onMemberList(standing, filter)) continue;
    const until = standing === 'muted' ? mutedUntilShown(record?.status ?? null, record?.mutedUntil, now) : null;
    items.push(describeMember(groupCode, user, position, standing, record?.note ?? null, record?.since ?? null, until));
  }
  const order: Record<string, number> = { pending: 0, moderator: 1, member: 2, muted: 3, removed: 4 };
  return items.sort(
    (a, b) =>
      (order[a.standing] ?? 9) - (order[b.standing] ?? 9) ||
      a.name.localeCompare(b.name, 'zh') ||
      a.userId.localeCompare(b.userId),
  );
}

export async function decideJoin(
  principal: Principal,
  groupCode: string,
  userId: string,
  decision: 'approve' | 'refuse',
  reason?: string,
  /** tells the person (join-notice.ts); must not throw */
  notify?: (decided: JoinDecided) => Promise<void>,
) {
  const place = await groupPlace(groupCode);
  const { user, record } = await memberOf(groupCode, userId);
  if (record?.status !== 'pending') throw new AppError('NO_PENDING_REQUEST');
  await recordAction(groupCode, decision, principal.userId, { targetUserId: userId, reason: reason ?? null });
  await setStatus(groupCode, userId, decision === 'approve' ? 'active' : 'refused');
  if (decision === 'approve') await notice(groupCode, `${user.name} 加入了本群`);
  await notify?.({
    userId,
    openid: user.openid,
    groupCode,
    groupName: summarise(groupCode, place.name, 'member', 0, 0).name,
    decision,
    reason: reason ?? null,
    at: new Date(),
  });
  const updated = await GroupMemberModel.findOne({ groupCode, userId: user._id }).lean();
  const { position } = await positionOf(userId);
  return describeMember(
    groupCode,
    user,
    position,
    standingFrom(groupCode, position, updated!.status),
    updated!.note ?? null,
    updated!.since ?? null,
  );
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
  if (outcome.record === 'active') await notice(groupCode, `${user.name} 加入了本群`);
  return outcome.record === 'active' ? 'member' : 'pending';
}

/** For the demo data: a member by record (kept as it is when there is one already). */
export async function recordMembership(groupCode: string, userId: string, status: MembershipStatus): Promise<void> {
  if (!(await GroupMemberModel.exists({ groupCode, userId: new Types.ObjectId(userId) })))
    await setStatus(groupCode, userId, status);
}
