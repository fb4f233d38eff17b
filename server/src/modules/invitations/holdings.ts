/**
 * Roles given by invitation, held and withdrawn: the holding records (model.ts RoleHoldingModel),
 * the person's roles (users/queries.ts grantRole, under a lease per person) and the record of
 * role changes, written so that a retry or a resumed request finishes what a stopped one began.
 */
import { Types } from 'mongoose';
import type { RedeemInvitationReply, Role } from '@vc/types';
import { MAX_LEGAL_LITERATE_PER_VILLAGE } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import { claimSeat, freeSeats, NoSeatError } from '../../store/seats';
import { me } from '../accounts/service';
import { grantRole, staffOfCounty } from '../users/queries';
import { RedemptionModel, RoleHoldingModel, type InvitationDoc, type RedemptionDoc, type RoleHoldingDoc } from './model';
import { placeLevels, roleLimit } from './policy';
import { appendRoleChange } from './records';
import { placeLabel, placeNames, type Person } from './people';

export const liveKeyOf = (userId: Types.ObjectId | string, role: string, placeCode: string) =>
  `${String(userId)}:${role}:${placeCode}`;
const capKeyOf = (role: string, placeCode: string) => `${role}:${placeCode}`;

export const holdingOfRedemption = (invitationId: Types.ObjectId, userId: Types.ObjectId) =>
  RoleHoldingModel.findOne({ userId, invitationId }).lean<RoleHoldingDoc>();

export const liveHolding = (userId: Types.ObjectId | string, role: string, placeCode: string) =>
  RoleHoldingModel.findOne({ liveKey: liveKeyOf(userId, role, placeCode) }).lean<RoleHoldingDoc>();

/**
 * Holders of a limited role at a place who have no live holding (given before invitations, e.g.
 * by the demo data): they take seats too. One read of the county's staff (indexed).
 */
async function holdersWithoutSeat(role: Role, placeCode: string, live: readonly RoleHoldingDoc[], except: Types.ObjectId) {
  const seated = new Set(live.map((h) => String(h.userId)));
  const staff = await staffOfCounty(placeCode.slice(0, 6));
  return staff.filter(
    (u) =>
      !seated.has(String(u._id)) && !u._id.equals(except) && u.roles.some((r) => r.role === role && r.placeCode === placeCode),
  ).length;
}

class HeldAlready extends Error {}

/**
 * Writes the live holding of a role given by this invitation. A limited role (legal-literate
 * residents per village) takes one of the place's numbered seats; when none is free the use of the
 * invitation is given back and the person is told. A live holding already there (a retry) is kept.
 */
async function holdRole(invitation: InvitationDoc, redemption: RedemptionDoc): Promise<void> {
  const { role, placeCode } = invitation;
  const userId = redemption.userId;
  if (await liveHolding(userId, role, placeCode)) return;
  const _id = new Types.ObjectId();
  const insert = (seat: string) =>
    RoleHoldingModel.create({
      _id,
      userId,
      role,
      ...placeLevels(placeCode),
      invitationId: invitation._id,
      grantedBy: invitation.issuedBy,
      grantedAt: redemption.at,
      liveKey: liveKeyOf(userId, role, placeCode),
      capKey: capKeyOf(role, placeCode),
      seat,
    });
  const limit = roleLimit(role, { legalLiterate: MAX_LEGAL_LITERATE_PER_VILLAGE });
  try {
    if (limit === null) {
      await insert(String(_id));
      return;
    }
    await claimSeat(
      limit,
      async () => {
        const live = await RoleHoldingModel.find({ capKey: capKeyOf(role, placeCode), endedAt: null }).lean<RoleHoldingDoc[]>();
        if (live.some((h) => h.userId.equals(userId))) throw new HeldAlready(); // a concurrent retry held it
        const others = await holdersWithoutSeat(role, placeCode, live, userId);
        // people holding the role without a holding take the last free seats
        const seats = live.map((h) => h.seat);
        const free = freeSeats(seats, limit);
        return [...seats, ...(others > 0 ? free.slice(-others) : [])];
      },
      insert,
    );
  } catch (err) {
    if (err instanceof HeldAlready) return;
    if (isDuplicateKey(err) && (await liveHolding(userId, role, placeCode))) return; // a concurrent retry held it
    if (!(err instanceof NoSeatError)) throw err;
    await RedemptionModel.deleteOne({ _id: redemption._id });
    throw new AppError('LEGAL_LITERATE_LIMIT', `每个村（社区）最多${limit}名法律明白人，该村已满`);
  }
}

/** Gives the role of a used invitation: holding, the person's roles, the record; answers what the app shows next. */
export async function completeGrant(
  invitation: InvitationDoc,
  redemption: RedemptionDoc,
  person: Person,
): Promise<RedeemInvitationReply> {
  await holdRole(invitation, redemption);
  await grantRole(redemption.userId, invitation.role, invitation.placeCode);
  await appendRoleChange({
    key: `granted:${String(redemption._id)}`,
    kind: 'granted',
    role: invitation.role,
    placeCode: invitation.placeCode,
    actor: person,
    subject: person,
    invitationId: invitation._id,
    invitedBy: invitation.issuedBy,
    at: redemption.at,
  });
  const names = await placeNames([invitation.placeCode]);
  return {
    grant: { role: invitation.role, placeCode: invitation.placeCode, placeName: placeLabel(invitation.placeCode, names) },
    me: await me(String(redemption.userId)),
  };
}
