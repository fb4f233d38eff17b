/**
 * Residents: binding to a village and moving between villages (history kept, the old village's
 * group membership ends), and, where the county's policy asks for it, a village cadre's
 * confirmation that the person lives there before they act as its villager.
 */
import { Types } from 'mongoose';
import type { BindVillageBody, Resident, ResidentListReply, ResidentStatus, VillageHistoryItem } from '@vc/types';
import { AppError } from '../../shared/errors';
import { maskPhone } from '../../shared/mask';
import { villageByInvite, villageSummary } from '../places/service';
import { placeNamesByCode } from '../places/lookup';
import { countyPolicy } from '../county-policy/service';
import { leaveOnMove } from '../groups/records';
import { decideResidence, moveToVillage, residentsOf, userById, villageBindingsOf, type UserDoc } from '../users/queries';
import { ResidentDecisionModel } from './model';

const statusOf = (user: Pick<UserDoc, 'residentStatus'>): ResidentStatus => user.residentStatus ?? 'confirmed';

function describe(user: UserDoc, villageCode: string): Resident {
  return {
    userId: String(user._id),
    name: user.name,
    phoneMasked: maskPhone(user.phone),
    villageCode,
    status: statusOf(user),
    since: user.villageSince ? user.villageSince.toISOString() : null,
  };
}

/** Binds the person to a village (by code or the village's invite code), or moves them there. */
export async function moveVillage(userId: string, body: BindVillageBody): Promise<void> {
  const user = await userById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const village = 'inviteCode' in body ? await villageByInvite(body.inviteCode) : await villageSummary(body.villageCode);
  if (user.villageCode === village.code) return;
  const { confirmResidents } = await countyPolicy(village.countyCode);
  await moveToVillage(user, village.code, 'inviteCode' in body ? 'invite' : 'search', confirmResidents ? 'pending' : 'confirmed');
  if (user.villageCode) await leaveOnMove(userId, user.villageCode, village.code);
}

export async function listResidents(villageCode: string, status?: ResidentStatus): Promise<ResidentListReply> {
  const [people, policy] = await Promise.all([residentsOf(villageCode, status), countyPolicy(villageCode.slice(0, 6))]);
  return { items: people.map((u) => describe(u, villageCode)), confirmationRequired: policy.confirmResidents };
}

/** A cadre's (or the township office's) decision on a waiting resident; recorded whatever it is. */
export async function decide(
  villageCode: string,
  userId: string,
  by: string,
  decision: { confirmed: true } | { confirmed: false; reason: string },
): Promise<Resident> {
  const person = await userById(userId);
  if (!person || person.villageCode !== villageCode) throw new AppError('RESIDENT_NOT_FOUND');
  if (statusOf(person) !== 'pending') throw new AppError('RESIDENT_ALREADY_DECIDED');
  const decided = await decideResidence(userId, villageCode, decision.confirmed);
  if (!decided) throw new AppError('RESIDENT_ALREADY_DECIDED');
  await ResidentDecisionModel.create({
    userId: person._id,
    villageCode,
    decision: decision.confirmed ? 'confirmed' : 'declined',
    by: new Types.ObjectId(by),
    reason: decision.confirmed ? null : decision.reason,
  });
  if (!decision.confirmed) await leaveOnMove(userId, villageCode, '');
  return { ...describe(decided, villageCode), status: decision.confirmed ? 'confirmed' : 'pending' };
}

/** The person's own village changes and the decisions on them, newest first. */
export async function villageHistory(userId: string): Promise<VillageHistoryItem[]> {
  const [bindings, decisions] = await Promise.all([
    villageBindingsOf(userId),
    ResidentDecisionModel.find({ userId: new Types.ObjectId(userId) })
      .sort({ at: -1 })
      .limit(200)
      .lean(),
  ]);
  const names = await placeNamesByCode([...bindings.map((b) => b.villageCode), ...decisions.map((d) => d.villageCode)]);
  const items: VillageHistoryItem[] = [
    ...bindings.map((b) => ({
      kind: 'bound' as const,
      villageCode: b.villageCode,
      villageName: names.get(b.villageCode) ?? b.villageCode,
      previousVillageCode: b.previousVillageCode ?? null,
      reason: null,
      at: b.at.toISOString(),
    })),
    ...decisions.map((d) => ({
      kind: d.decision,
      villageCode: d.villageCode,
      villageName: names.get(d.villageCode) ?? d.villageCode,
      previousVillageCode: null,
      reason: d.reason ?? null,
      at: d.at.toISOString(),
    })),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
