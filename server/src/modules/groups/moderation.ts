/**
 * Moderation: removing a message, muting, unmuting and removing members, and the actions log
 * (who did what, and why; never lost).
 */
import type { GroupAction } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { SCENE, type ContentCheck } from '../content-check/text';
import { userById, usersByIds } from '../users/queries';
import { GroupActionModel } from './model';
import { describeMessage, hideMessage, visibleMessage } from './log';
import { countyOf } from './membership-rule';
import { moderationOutcome, muteEnd, statusAt, type MemberAction } from './policy';
import { groupPlace } from './places';
import { describeMember, positionOf, standingFrom } from './positions';
import { memberOf, recordAction, setStatus } from './records';

/**
 * Removes a message; the group reads why only when the reason passes WeChat's text check like any
 * post (a reason naming the fraud it removes may not): otherwise a plain notice. The removal itself
 * never waits on the check, and the reason is on the group's record either way.
 */
export async function removeMessage(principal: Principal, groupCode: string, seq: number, reason: string, check: ContentCheck) {
  const message = await visibleMessage(groupCode, seq);
  await recordAction(groupCode, 'remove_post', principal.userId, {
    seq,
    reason,
    targetUserId: message.authorId ? String(message.authorId) : null,
  });
  const moderator = await userById(principal.userId);
  const shown = (await check(moderator?.openid ?? '', reason, SCENE.forum)) === 'pass';
  const notice = shown ? `一条消息已被管理员删除，原因：${reason}` : '一条消息已被管理员删除';
  return describeMessage(await hideMessage(message, 'removed', notice));
}

export async function moderateMember(
  principal: Principal,
  groupCode: string,
  userId: string,
  action: MemberAction,
  reason: string,
  /** only with 'mute': the mute ends by itself after this many days (none: until unmuted) */
  days?: number,
) {
  if (days !== undefined && action !== 'mute')
    throw new AppError('VALIDATION_FAILED', '请求内容不符合要求：只有禁言可以设置天数');
  await groupPlace(groupCode);
  const { user, record } = await memberOf(groupCode, userId);
  const { position } = await positionOf(userId);
  // a mute whose time is up counts as over: the member may be muted again, not unmuted
  const standing = standingFrom(groupCode, position, statusAt(record?.status ?? null, record?.mutedUntil));
  if (standing === 'moderator') throw new AppError('MODERATOR_PROTECTED');
  const next = moderationOutcome(standing, action);
  if (!next) throw new AppError('MEMBER_STATE_INVALID');
  const until = action === 'mute' ? muteEnd(days) : null;
  await recordAction(groupCode, action, principal.userId, { targetUserId: userId, reason, until });
  await setStatus(groupCode, userId, next, undefined, until);
  return describeMember(
    groupCode,
    user,
    position,
    standingFrom(groupCode, position, next),
    record?.note ?? null,
    new Date(),
    until,
  );
}

/** The last 500 actions of a group, newest first, with the names of who acted and on whom. */
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
    until: d.until ? d.until.toISOString() : null,
  }));
}
