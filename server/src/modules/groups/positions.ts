import { Types } from 'mongoose';
import { ROLE_LABELS, type GroupMember, type GroupStanding } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { maskPhone } from '../../shared/mask';
import { userById, type UserDoc } from '../users/queries';
import { principalOf } from '../accounts/service';
import { GroupMemberModel } from './model';
import { joinRule, type Position } from './membership-rule';
import { roleInGroup, standingOf, statusAt, type MembershipStatus } from './policy';

/** A person's position (what the membership rule reads), from their grants (the session's, or resolved now). */
export async function positionOf(userId: string, grants?: Principal['grants']): Promise<{ user: UserDoc; position: Position }> {
  const user = await userById(userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const resolved = grants ?? (await principalOf(user, '')).grants;
  return { user, position: positionFrom(user, resolved) };
}

export function positionFrom(user: UserDoc, grants: Principal['grants']): Position {
  return { grants, counselCounties: user.roles.filter((r) => r.role === 'counsel').map((r) => r.placeCode) };
}

/** Where a position and a recorded status put a person in a group. */
export const standingFrom = (groupCode: string, position: Position, recorded: MembershipStatus | null): GroupStanding =>
  standingOf(joinRule(groupCode, position), recorded);

async function recordedStatus(groupCode: string, userId: string): Promise<MembershipStatus | null> {
  const doc = await GroupMemberModel.findOne(
    { groupCode, userId: new Types.ObjectId(userId) },
    { status: 1, mutedUntil: 1 },
  ).lean();
  // a mute whose time is up no longer holds: posting (the `post` guard) reads it here
  return statusAt(doc?.status ?? null, doc?.mutedUntil);
}

/** Where a person stands in a group; the record is read only when the rule gives them a place there. */
export async function standingIn(groupCode: string, userId: string, grants?: Principal['grants']) {
  const { user, position } = await positionOf(userId, grants);
  const rule = joinRule(groupCode, position);
  const recorded = rule === 'none' ? null : await recordedStatus(groupCode, userId);
  return { user, position, rule, standing: standingOf(rule, recorded) };
}

/** A person as a member list shows them. */
export function describeMember(
  groupCode: string,
  user: UserDoc,
  position: Position,
  standing: GroupStanding,
  note: string | null,
  since: Date | null,
  mutedUntil: Date | null = null,
): GroupMember {
  return {
    userId: String(user._id),
    name: user.name,
    role: ROLE_LABELS[roleInGroup(groupCode, position)],
    phoneMasked: maskPhone(user.phone),
    standing,
    note,
    since: since ? since.toISOString() : null,
    mutedUntil: mutedUntil ? mutedUntil.toISOString() : null,
  };
}
