import { Types } from 'mongoose';
import type { GroupAction } from '@vc/types';
import { AppError } from '../../shared/errors';
import { userById } from '../users/queries';
import { GroupActionModel, GroupMemberModel } from './model';
import { countyOf } from './membership-rule';
import type { MembershipStatus } from './policy';

/**
 * What is recorded about membership and moderation (never lost, docs/domain.md "What must never be
 * lost"): each person's status in a group, and every action with who took it and why.
 */

/** Sets a person's recorded status in a group (creating the record), with the group's county for lists. */
export async function setStatus(
  groupCode: string,
  userId: string,
  status: MembershipStatus,
  note?: string | null,
  /** for 'muted': when the mute ends (null: until unmuted); any other status clears it */
  mutedUntil: Date | null = null,
) {
  await GroupMemberModel.updateOne(
    { groupCode, userId: new Types.ObjectId(userId) },
    {
      $set: {
        status,
        countyCode: countyOf(groupCode),
        since: new Date(),
        mutedUntil: status === 'muted' ? mutedUntil : null,
        ...(note !== undefined ? { note } : {}),
      },
    },
    { upsert: true },
  );
}

/** A person and their record in a group (null when there is none). */
export async function memberOf(groupCode: string, userId: string) {
  const user = await userById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const record = await GroupMemberModel.findOne({ groupCode, userId: user._id }).lean();
  return { user, record };
}

/** Adds an entry to the group's actions log. */
export const recordAction = (
  groupCode: string,
  action: GroupAction['action'],
  by: string,
  extra: { targetUserId?: string | null; seq?: number | null; reason?: string | null; until?: Date | null } = {},
) =>
  GroupActionModel.create({
    groupCode,
    action,
    by: new Types.ObjectId(by),
    targetUserId: extra.targetUserId ? new Types.ObjectId(extra.targetUserId) : null,
    seq: extra.seq ?? null,
    reason: extra.reason ?? null,
    until: extra.until ?? null,
  });

/**
 * A person moved from one village to another: their recorded membership (member, muted or asking)
 * of the old village's group ends, and of the old township's group when the township changes;
 * each end is on the group's log. Removed and refused records stay as they are.
 */
export async function leaveOnMove(userId: string, fromVillageCode: string, toVillageCode: string): Promise<void> {
  const groups = [fromVillageCode];
  if (fromVillageCode.slice(0, 9) !== toVillageCode.slice(0, 9)) groups.push(fromVillageCode.slice(0, 9));
  const records = await GroupMemberModel.find({ userId: new Types.ObjectId(userId) }, { groupCode: 1, status: 1 }).lean();
  const ending = records.filter((r) => groups.includes(r.groupCode) && ['active', 'muted', 'pending'].includes(r.status));
  for (const record of ending) {
    await setStatus(record.groupCode, userId, 'left', '迁出本村');
    await recordAction(record.groupCode, 'moved_out', userId, { targetUserId: userId, reason: '迁出本村' });
  }
}
