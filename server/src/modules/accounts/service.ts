import { createHash, randomBytes } from 'node:crypto';
import type { DemoIdentity, Me, RoleGrant, Session, UpdateProfileBody } from '@vc/types';
import { ROLE_LABELS } from '@vc/types';
import { AppError } from '../../shared/errors';
import { requirePublishableText, SCENE, type ContentCheck } from '../content-check/text';
import type { Principal } from '../../shared/principal';
import { maskPhone } from '../../shared/mask';
import { activeAssignmentsOf } from '../counsel/queries';
import { villageSummary } from '../places/service';
import { SessionModel, type SessionVia } from './model';
import { demoUserById, demoUsers, setProfile, userById, type UserDoc } from '../users/queries';
import { effectiveGrants } from './policy';
import { placeNamesByCode } from '../places/lookup';
import { consentedVersion } from '../privacy/queries';
import { countyPolicy } from '../county-policy/service';
import { DEFAULT_LANGUAGE, LANGUAGES } from '@vc/types/src/i18n/languages';

const COUNTY_CODE_LENGTH = 6;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function principalOf(user: UserDoc, sessionId: string): Promise<Principal> {
  const assigned = user.roles.some((r) => r.role === 'counsel')
    ? (await activeAssignmentsOf(user._id)).map((a) => a.villageCode)
    : [];
  return { userId: String(user._id), sessionId, grants: effectiveGrants(user, assigned) };
}

export type AuthResult = { principal: Principal } | { principal: null; problem: 'NONE' | 'SESSION_EXPIRED' };

/** Resolves a bearer token; a missing, unknown, expired or revoked token yields no principal. */
export async function authenticate(authorization: string | undefined): Promise<AuthResult> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '');
  if (!match?.[1]) return { principal: null, problem: authorization ? 'SESSION_EXPIRED' : 'NONE' };
  const session = await SessionModel.findById(hashToken(match[1])).lean();
  if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
    return { principal: null, problem: 'SESSION_EXPIRED' };
  }
  const user = await userById(session.userId);
  if (!user) return { principal: null, problem: 'SESSION_EXPIRED' };
  return { principal: await principalOf(user, String(session._id)) };
}

async function placeNames(codes: string[]): Promise<Map<string, string>> {
  return placeNamesByCode(codes);
}

export async function describeUser(user: UserDoc): Promise<Me> {
  const principal = await principalOf(user, '');
  const held = user.roles.filter((r) => r.role !== 'villager');
  const names = await placeNames([...principal.grants, ...held].map((g) => g.placeCode));
  const named = (g: { role: RoleGrant['role']; placeCode: string }): RoleGrant => ({
    role: g.role,
    placeCode: g.placeCode,
    placeName: names.get(g.placeCode) ?? (g.placeCode ? g.placeCode : '全国'),
  });
  return {
    id: String(user._id),
    name: user.name,
    avatarUrl: user.avatarUrl ?? null,
    phoneMasked: maskPhone(user.phone),
    roles: principal.grants.map(named),
    heldRoles: held.map(named),
    village: user.villageCode ? await villageSummary(user.villageCode).catch(() => null) : null,
    residentStatus: user.villageCode ? (user.residentStatus ?? 'confirmed') : null,
    privacyVersion: await consentedVersion(String(user._id)),
    ...(await languagesFor(user)),
  };
}

/**
 * The languages the person may choose (all but those their county switched off; staff at a township
 * or above, their place's county) and the one they read: their choice while it is offered, else Chinese.
 */
async function languagesFor(user: UserDoc): Promise<Pick<Me, 'language' | 'languages'>> {
  const place = user.villageCode ?? user.roles.find((r) => r.placeCode.length >= COUNTY_CODE_LENGTH)?.placeCode;
  const off = place ? (await countyPolicy(place.slice(0, COUNTY_CODE_LENGTH))).languagesOff : [];
  const languages = LANGUAGES.filter((l) => !(off as readonly string[]).includes(l));
  const chosen = languages.find((l) => l === user.language);
  return { language: chosen ?? DEFAULT_LANGUAGE, languages };
}

/** The language a person reads now (their choice while their county offers it), for the server's messages. */
export async function languageOfPerson(userId: string): Promise<Me['language'] | null> {
  const user = await userById(userId);
  return user ? (await languagesFor(user)).language : null;
}

export async function loadUser(userId: string): Promise<UserDoc> {
  const user = await userById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

export async function me(userId: string): Promise<Me> {
  return describeUser(await loadUser(userId));
}

export async function createSession(user: UserDoc, via: SessionVia, ttlMs: number): Promise<Session> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  const tokenHash = hashToken(token);
  await SessionModel.create({ _id: tokenHash, tokenHash, userId: user._id, via, expiresAt });
  return { token, expiresAt: expiresAt.toISOString(), user: await describeUser(user) };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await SessionModel.updateOne({ _id: sessionId, revokedAt: null }, { $set: { revokedAt: new Date() } });
}

/** A new name is read by others (groups, consultations): WeChat's check refuses what it does not pass. */
export async function updateProfile(userId: string, body: UpdateProfileBody, check: ContentCheck): Promise<Me> {
  if (body.language !== undefined) {
    const offered = await languagesFor(await loadUser(userId));
    if (!offered.languages.includes(body.language)) throw new AppError('LANGUAGE_SWITCHED_OFF');
  }
  if (body.name !== undefined) {
    const user = await userById(userId);
    await requirePublishableText(check, user?.openid ?? '', body.name, '姓名', SCENE.profile);
  }
  await setProfile(userId, body);
  return me(userId);
}

export async function demoIdentities(): Promise<DemoIdentity[]> {
  const users = await demoUsers();
  const codes = users.flatMap((u) => [u.villageCode ?? '', ...u.roles.map((r) => r.placeCode)]).filter(Boolean);
  const names = await placeNames(codes);
  return users.map((u) => {
    const staff = u.roles[0];
    const role = staff?.role ?? 'villager';
    const placeCode = staff ? staff.placeCode : u.villageCode;
    return {
      id: String(u._id),
      name: u.name,
      role,
      roleLabel: ROLE_LABELS[role],
      placeName: placeCode ? (names.get(placeCode) ?? placeCode) : '未绑定村',
    };
  });
}

export async function demoUser(userId: string): Promise<UserDoc> {
  const user = await demoUserById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

/** How the session was made (the `via` of its record); null when there is no such session. */
export async function sessionVia(sessionId: string): Promise<SessionVia | null> {
  const session = await SessionModel.findById(sessionId).lean();
  return session ? session.via : null;
}

/** Ends every session of a person (account cancellation): `userId` equality, indexed. */
export async function revokeSessionsOf(userId: string): Promise<void> {
  await SessionModel.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: new Date() } });
}

/**
 * Login records older than the retention period (privacy policy): sessions that expired, or were
 * ended, before `before`. A rare job's scan (no equality narrows "old"), run by the purge command.
 */
export async function purgeLoginRecords(before: Date): Promise<number> {
  const expired = await SessionModel.deleteMany({ expiresAt: { $lt: before } });
  const revoked = await SessionModel.deleteMany({ revokedAt: { $ne: null, $lt: before } });
  return expired.deletedCount + revoked.deletedCount;
}
