/**
 * Invitations (issue 12): issuing one, listing, its QR code, withdrawing it, and a person accepting
 * it. Who may give which role where is the pure policy (policy.ts); exact counts come from unique
 * indexes (model.ts), never from counters.
 */
import { Types } from 'mongoose';
import type { CreateInvitationBody, Invitation, InvitationPreview, InvitationStatus, RedeemInvitationReply } from '@vc/types';
import { INVITATION_STATUS_LABELS, ROLE_LABELS } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Grant } from '../../shared/scope';
import { isDuplicateKey } from '../../store/duplicates';
import { claimSeat, NoSeatError } from '../../store/seats';
import { placeByCode } from '../places/lookup';
import { userById } from '../users/queries';
import { InvitationModel, RedemptionModel, type InvitationDoc, type RedemptionDoc } from './model';
import { grantDecision, insidePlace, invitationStatus, placeLevels, STATUS_REFUSAL } from './policy';
import { assertMayGrant } from './refusals';
import { newInvitationCode } from './codes';
import { appendRoleChange } from './records';
import { personOf, personRef, placeLabel, placeNames, type Person } from './people';
import { completeGrant, holdingOfRedemption } from './holdings';

const DAY_MS = 24 * 3600 * 1000;

/** Who issues or withdraws: a person with their grants, or the operator at the command line (cli/invite.ts). */
export type Issuer = { person: Person; grants: readonly Grant[] } | { person: Person; operator: true };
/** Whose view or action it is: a person's grants, or the operator, who gives what the command line allows. */
type Authority = readonly Grant[] | 'operator';
const authorityOf = (issuer: Issuer): Authority => ('operator' in issuer ? 'operator' : issuer.grants);

const mayGive = (authority: Authority, role: InvitationDoc['role'], placeCode: string) =>
  authority === 'operator' || grantDecision(authority, role, placeCode) === 'allow';

/** Uses of each invitation, from the redemptions (one read beside the invitations' own). */
function countUses(redemptions: readonly Pick<RedemptionDoc, 'invitationId'>[]): Map<string, number> {
  const used = new Map<string, number>();
  for (const r of redemptions) used.set(String(r.invitationId), (used.get(String(r.invitationId)) ?? 0) + 1);
  return used;
}

async function describe(rows: readonly InvitationDoc[], used: Map<string, number>, viewer: Authority): Promise<Invitation[]> {
  const names = await placeNames(rows.map((r) => r.placeCode));
  const now = new Date();
  return rows.map((r) => {
    const count = used.get(String(r._id)) ?? 0;
    const status = invitationStatus(r, count, now);
    return {
      id: String(r._id),
      code: mayGive(viewer, r.role, r.placeCode) ? r.code : null,
      role: r.role,
      roleLabel: ROLE_LABELS[r.role],
      placeCode: r.placeCode,
      placeName: placeLabel(r.placeCode, names),
      uses: r.uses,
      used: Math.min(count, r.uses),
      status,
      statusLabel: INVITATION_STATUS_LABELS[status],
      note: r.note ?? null,
      issuedBy: personRef(r.issuedBy),
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      withdrawnAt: r.withdrawnAt ? r.withdrawnAt.toISOString() : null,
      withdrawnBy: r.withdrawnBy ? personRef(r.withdrawnBy) : null,
      withdrawReason: r.withdrawReason ?? null,
    };
  });
}

/** The place a role would be held at, which must be stored ('' is the whole country). */
async function existingPlace(placeCode: string): Promise<void> {
  if (placeCode === '') return;
  if (!(await placeByCode(placeCode))) throw new AppError('PLACE_NOT_FOUND');
}

/**
 * Issues an invitation. The "invited" entry is written before the invitation under the
 * invitation's id, so an invitation never exists without its record.
 */
export async function createInvitation(
  placeCode: string,
  body: Pick<CreateInvitationBody, 'role' | 'days' | 'uses'> & { note?: string | undefined },
  issuer: Issuer,
  now = new Date(),
): Promise<Invitation> {
  if (!('operator' in issuer)) assertMayGrant(issuer.grants, body.role, placeCode);
  await existingPlace(placeCode);
  const _id = new Types.ObjectId();
  await appendRoleChange({
    key: `invited:${String(_id)}`,
    kind: 'invited',
    role: body.role,
    placeCode,
    actor: issuer.person,
    invitationId: _id,
    reason: body.note || null,
    at: now,
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      const created = await InvitationModel.create({
        _id,
        code: newInvitationCode(),
        role: body.role,
        ...placeLevels(placeCode),
        uses: body.uses,
        note: body.note || null,
        issuedBy: issuer.person,
        createdAt: now,
        expiresAt: new Date(now.getTime() + body.days * DAY_MS),
      });
      const [described] = await describe([created.toObject<InvitationDoc>()], new Map(), authorityOf(issuer));
      return described!;
    } catch (err) {
      // another invitation drew the same code (one in 10¹¹): draw again
      if (!isDuplicateKey(err) || attempt >= 4) throw err;
    }
  }
}

/** The invitations at a place and inside it, newest first, with their uses and state. */
export async function listInvitations(
  code: string,
  status: InvitationStatus | undefined,
  viewer: readonly Grant[],
): Promise<Invitation[]> {
  const where = insidePlace(code);
  const [rows, redemptions] = await Promise.all([
    InvitationModel.find(where).sort({ createdAt: -1 }).limit(500).lean<InvitationDoc[]>(),
    RedemptionModel.find(where, { invitationId: 1 }).lean<Pick<RedemptionDoc, 'invitationId'>[]>(),
  ]);
  const described = await describe(rows, countUses(redemptions), viewer);
  return status ? described.filter((i) => i.status === status) : described;
}

async function usesOf(invitationId: Types.ObjectId): Promise<RedemptionDoc[]> {
  return RedemptionModel.find({ invitationId }).lean<RedemptionDoc[]>();
}

/** An invitation at the place in the path or inside it, that this person may give. */
async function invitationFor(code: string, invitationId: string, authority: Authority): Promise<InvitationDoc> {
  const invitation = await InvitationModel.findOne({ _id: invitationId, ...insidePlace(code) }).lean<InvitationDoc>();
  if (!invitation) throw new AppError('INVITATION_NOT_FOUND', '找不到该邀请');
  if (authority !== 'operator') assertMayGrant(authority, invitation.role, invitation.placeCode);
  return invitation;
}

/** The code of an invitation still usable, for its QR code. */
export async function usableCode(code: string, invitationId: string, grants: readonly Grant[]): Promise<string> {
  const invitation = await invitationFor(code, invitationId, grants);
  const status = invitationStatus(invitation, (await usesOf(invitation._id)).length, new Date());
  if (status !== 'active') throw new AppError(STATUS_REFUSAL[status]);
  return invitation.code;
}

/** Withdraws an invitation not used up (remaining uses are cancelled); recorded with its reason. */
export async function withdrawInvitation(
  code: string,
  invitationId: string,
  reason: string | undefined,
  issuer: Issuer,
): Promise<Invitation> {
  const invitation = await invitationFor(code, invitationId, authorityOf(issuer));
  const used = (await usesOf(invitation._id)).length;
  const status = invitationStatus(invitation, used, new Date());
  if (status === 'withdrawn' || status === 'used_up') throw new AppError(STATUS_REFUSAL[status]);
  const at = new Date();
  await appendRoleChange({
    key: `invitation_withdrawn:${invitationId}`,
    kind: 'invitation_withdrawn',
    role: invitation.role,
    placeCode: invitation.placeCode,
    actor: issuer.person,
    invitationId: invitation._id,
    reason: reason || null,
    at,
  });
  const updated = await InvitationModel.findOneAndUpdate(
    { _id: invitation._id, withdrawnAt: null },
    { $set: { withdrawnAt: at, withdrawnBy: issuer.person, withdrawReason: reason || null } },
    { new: true },
  ).lean<InvitationDoc>();
  if (!updated) throw new AppError('INVITATION_WITHDRAWN');
  const [described] = await describe([updated], new Map([[invitationId, used]]), authorityOf(issuer));
  return described!;
}

async function byCode(code: string): Promise<InvitationDoc> {
  const invitation = await InvitationModel.findOne({ code }).lean<InvitationDoc>();
  if (!invitation) throw new AppError('INVITATION_NOT_FOUND');
  return invitation;
}

const heldBy = (user: { roles: { role: string; placeCode: string }[] }, invitation: InvitationDoc) =>
  user.roles.some((r) => r.role === invitation.role && r.placeCode === invitation.placeCode);

/** What a usable code gives, shown before the person accepts; any other code is refused as redeeming would. */
export async function previewInvitation(code: string, userId: string): Promise<InvitationPreview> {
  const invitation = await byCode(code);
  const [uses, user, names] = await Promise.all([usesOf(invitation._id), userById(userId), placeNames([invitation.placeCode])]);
  const mine = uses.some((u) => String(u.userId) === userId);
  const status = invitationStatus(invitation, uses.length, new Date());
  if (status !== 'active' && !mine) throw new AppError(STATUS_REFUSAL[status]);
  return {
    code: invitation.code,
    role: invitation.role,
    roleLabel: ROLE_LABELS[invitation.role],
    placeCode: invitation.placeCode,
    placeName: placeLabel(invitation.placeCode, names),
    issuedBy: personRef(invitation.issuedBy),
    expiresAt: invitation.expiresAt.toISOString(),
    usesLeft: Math.max(0, invitation.uses - uses.length),
    alreadyHeld: user ? heldBy(user, invitation) : false,
  };
}

/** Raised inside a seat claim when this person's own use is already written: finish it instead. */
class AlreadyRedeemed extends Error {
  constructor(readonly redemption: RedemptionDoc) {
    super('already redeemed');
  }
}

/**
 * Accepts an invitation: takes one of its numbered uses (exactly `uses` people can, however many
 * try at once), then gives the role (holdings.ts completeGrant). A person sending the code again
 * gets the same result; a use left half-done by a stopped process is finished by the next try.
 */
export async function redeemInvitation(code: string, userId: string): Promise<RedeemInvitationReply> {
  const invitation = await byCode(code);
  const user = await userById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  let redemption: RedemptionDoc;
  try {
    redemption = await claimSeat(
      invitation.uses,
      async () => {
        const uses = await usesOf(invitation._id);
        const mine = uses.find((u) => String(u.userId) === userId);
        if (mine) throw new AlreadyRedeemed(mine);
        const status = invitationStatus(invitation, uses.length, new Date());
        if (status !== 'active') throw new AppError(STATUS_REFUSAL[status]);
        if (heldBy(user, invitation)) throw new AppError('ROLE_ALREADY_HELD');
        return uses.map((u) => u.seat);
      },
      async (seat) =>
        (
          await RedemptionModel.create({
            invitationId: invitation._id,
            seat,
            userId: user._id,
            ...placeLevels(invitation.placeCode),
          })
        ).toObject<RedemptionDoc>(),
    );
  } catch (err) {
    if (err instanceof NoSeatError) throw new AppError('INVITATION_USED_UP');
    if (!(err instanceof AlreadyRedeemed)) throw err;
    redemption = err.redemption;
    const holding = await holdingOfRedemption(invitation._id, user._id);
    if (holding?.endedAt) throw new AppError('INVITATION_ALREADY_USED');
  }
  return completeGrant(invitation, redemption, personOf(user));
}
