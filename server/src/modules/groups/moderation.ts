/**
 * Moderation: removing a message, muting, unmuting and removing members, and the actions log
 * (who did what, and why; never lost).
 */
import type { GroupAction } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { usersByIds } from '../users/queries';
import { GroupActionModel } from './model';
import { describeMessage, hideMessage, visibleMessage } from './log';
import { countyOf } from './membership-rule';
import { moderationOutcome, type MemberAction } from './policy';
import { groupPlace } from './places';
import { describeMember, positionOf, standingFrom } from './positions';
import { memberOf, recordAction, setStatus } from './records';

export async function removeMessage(principal: Principal, groupCode: string, seq: number, reason: string) {
  const message = await visibleMessage(groupCode, seq);
  await recordAction(groupCode, 'remove_post', principal.userId, {
    seq,
    reason,
    targetUserId: message.authorId ? String(message.authorId) : null,
  });
  return describeMessage(await hideMessage(message, 'removed', `一条消息已被管理员删除，原因：${reason}`));
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
  const standing = standingFrom(groupCode, position, record?.status ?? null);
  if (standing === 'moderator') throw new AppError('MODERATOR_PROTECTED');
  const next = moderationOutcome(standing, action);
  if (!next) throw new AppError('MEMBER_STATE_INVALID');
  await recordAction(groupCode, action, principal.userId, { targetUserId: userId, reason });
  await setStatus(groupCode, userId, next);
  return describeMember(groupCode, user, position, standingFrom(groupCode, position, next), record?.note ?? null, new Date());
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
  }));
}
