/**
 * The staff of a place (who holds which role there and inside it) and withdrawing a role, with
 * its reason; a counsel's village assignments end with it (counsel/service.ts, its own rules).
 */
import { Types } from 'mongoose';
import type { InvitationRole, StaffListReply, StaffMember, WithdrawRoleReply } from '@vc/types';
import { ROLE_LABELS } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Grant } from '../../shared/scope';
import { maskPhone } from '../../shared/mask';
import { endAssignment, listAssignments } from '../counsel/service';
import { staffOfCounty, userById, withdrawRole, type UserDoc } from '../users/queries';
import { RoleHoldingModel, type RoleHoldingDoc } from './model';
import { insidePlace } from './policy';
import { assertMayGrant } from './refusals';
import { appendRoleChange } from './records';
import { liveHolding } from './holdings';
import { personRef, placeLabel, placeNames, type Person } from './people';

/**
 * The people holding a role (other than villager) at the place or inside it. A county or anything
 * inside it: the county's staff in one indexed read. A province: the roles held at the province
 * itself (its admins, a handful), found through their holdings.
 */
async function holdersAt(code: string, live: readonly RoleHoldingDoc[]): Promise<UserDoc[]> {
  if (code.length >= 6) return staffOfCounty(code.slice(0, 6));
  const ids = [...new Set(live.filter((h) => h.placeCode.length < 6).map((h) => String(h.userId)))];
  const users = await Promise.all(ids.map((id) => userById(id)));
  return users.filter((u): u is UserDoc => u !== null);
}

export async function staffList(code: string, role: InvitationRole | undefined): Promise<StaffListReply> {
  const live = await RoleHoldingModel.find({ ...insidePlace(code), endedAt: null }).lean<RoleHoldingDoc[]>();
  const users = await holdersAt(code, live);
  const held = users.flatMap((user) =>
    user.roles
      .filter((r) => r.role !== 'villager' && r.placeCode.startsWith(code) && (!role || r.role === role))
      .map((r) => ({ user, role: r.role, placeCode: r.placeCode })),
  );
  const holdings = new Map(live.map((h) => [`${String(h.userId)}:${h.role}:${h.placeCode}`, h]));
  const names = await placeNames([code, ...held.map((h) => h.placeCode)]);
  const items: StaffMember[] = held.map(({ user, role: r, placeCode }) => {
    const holding = holdings.get(`${String(user._id)}:${r}:${placeCode}`);
    return {
      userId: String(user._id),
      name: user.name,
      phoneMasked: maskPhone(user.phone),
      role: r,
      roleLabel: ROLE_LABELS[r],
      placeCode,
      placeName: placeLabel(placeCode, names),
      grantedAt: holding ? holding.grantedAt.toISOString() : null,
      grantedBy: holding?.grantedBy ? personRef(holding.grantedBy) : null,
    };
  });
  items.sort(
    (a, b) => a.placeCode.localeCompare(b.placeCode) || a.role.localeCompare(b.role) || a.name.localeCompare(b.name, 'zh-CN'),
  );
  return { place: { code, name: placeLabel(code, names) }, items };
}

/** Ends the counsel's active village assignments in their county with the reason; answers how many. */
async function endCounselAssignments(countyCode: string, counselId: string, reason: string, by: string): Promise<number> {
  const active = (await listAssignments(countyCode, { counselId })).filter((a) => a.endedAt === null);
  let ended = 0;
  for (const assignment of active) {
    try {
      await endAssignment(countyCode, assignment.id, reason, by);
      ended += 1;
    } catch (err) {
      // ended meanwhile by someone else: it is ended, which is what is wanted
      if (!(err instanceof AppError && err.code === 'ASSIGNMENT_ENDED')) throw err;
    }
  }
  return ended;
}

/**
 * Withdraws a role held at exactly this place, by someone who could give it there. The record is
 * written first (once, by key), then the assignments end, the role goes, and the holding ends;
 * a request stopped half-way is finished by sending it again.
 */
export async function withdrawRoleAt(
  code: string,
  userId: string,
  role: InvitationRole,
  reason: string,
  by: { person: Person & { id: Types.ObjectId }; grants: readonly Grant[] },
): Promise<WithdrawRoleReply> {
  assertMayGrant(by.grants, role, code);
  const user = await userById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const holds = user.roles.some((r) => r.role === role && r.placeCode === code);
  const holding = await liveHolding(user._id, role, code);
  if (!holds && !holding) throw new AppError('ROLE_NOT_HELD');
  const at = new Date();
  await appendRoleChange({
    // a role given before invitations has no holding: it can be withdrawn once in that form
    key: `withdrawn:${holding ? String(holding._id) : `${userId}:${role}:${code}:initial`}`,
    kind: 'withdrawn',
    role,
    placeCode: code,
    actor: by.person,
    subject: { id: user._id, name: user.name },
    invitationId: holding?.invitationId ?? null,
    reason,
    at,
  });
  const endedAssignments = role === 'counsel' ? await endCounselAssignments(code, userId, reason, String(by.person.id)) : 0;
  await withdrawRole(user._id, role, code);
  if (holding) {
    await RoleHoldingModel.updateOne(
      { _id: holding._id, endedAt: null },
      // the live key and the seat become the record's own id: the person may be given the role again, the seat is free
      { $set: { endedAt: at, endedBy: by.person, endReason: reason, liveKey: String(holding._id), seat: String(holding._id) } },
    );
  }
  return { userId, role, placeCode: code, endedAssignments };
}
