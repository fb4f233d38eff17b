/**
 * How other modules read and seed people: the only way in (they never import users/model.ts;
 * ESLint no-restricted-imports). Every list query carries an equality that narrows the candidates,
 * so it is index-backed on the embedded engine (../../store/README.md, rule 1).
 */
import type { Types } from 'mongoose';
import { byIds } from '../../store/ids';
import { ONE_BATCH } from '../../store/batch';
import { isDuplicateKey } from '../../store/duplicates';
import { withLease } from '../../store/lease';
import { UserModel, VillageBindingModel, scopesOf, type UserDoc } from './model';

export type { UserDoc } from './model';

type Id = string | Types.ObjectId;

export async function userById(id: Id): Promise<UserDoc | null> {
  return UserModel.findById(id).lean<UserDoc>();
}

/**
 * People by id, in one query. `countyCode` (a county every one of them relates to: their village's
 * or a role's) narrows the candidates to that county's people; without it the query is a scan on the
 * embedded engine and is meant only for small, rare jobs (exports, reminders).
 */
export async function usersByIds(ids: readonly Id[], near?: { countyCode: string }): Promise<Map<string, UserDoc>> {
  const found = new Map<string, UserDoc>();
  if (!ids.length) return found;
  const filter = { ...(near ? { countyCodes: near.countyCode } : {}), ...byIds(ids) };
  for (const user of await UserModel.find(filter).batchSize(ONE_BATCH).lean<UserDoc[]>()) found.set(String(user._id), user);
  return found;
}

/**
 * People by id, each with the county the caller's record puts them in (the county of a consultation,
 * a ledger entry, an assignment), for lists whose rows name people: one query per county
 * (`countyCodes` equality, the ids narrowing in the same filter), so the number of queries follows
 * the counties of the rows, not the rows. Someone not found in the county given for them (an admin
 * held above county level, a person who has since moved village or registration, a person written
 * without the derived fields) is then read by `_id` equality, one indexed lookup each: there are none
 * in the ordinary case.
 */
export async function usersInCounties(
  wanted: Iterable<{ id: Id | null | undefined; countyCode: string }>,
): Promise<Map<string, UserDoc>> {
  const idsByCounty = new Map<string, Set<string>>();
  for (const { id, countyCode } of wanted) {
    if (!id) continue;
    const ids = idsByCounty.get(countyCode) ?? new Set<string>();
    idsByCounty.set(countyCode, ids.add(String(id)));
  }
  const found = new Map<string, UserDoc>();
  const parts = await Promise.all([...idsByCounty].map(([countyCode, ids]) => usersByIds([...ids], { countyCode })));
  for (const part of parts) for (const [id, user] of part) found.set(id, user);
  const missing = [...new Set([...idsByCounty.values()].flatMap((ids) => [...ids]))].filter((id) => !found.has(id));
  for (const user of await Promise.all(missing.map((id) => userById(id)))) if (user) found.set(String(user._id), user);
  return found;
}

/** Everyone with a role other than villager in a county: staff of the county and its townships, its counsel and experts. */
export async function staffOfCounty(countyCode: string): Promise<UserDoc[]> {
  return UserModel.find({ staffCountyCodes: countyCode }).batchSize(ONE_BATCH).lean<UserDoc[]>();
}

/**
 * The counsel registered in a county (role counsel held at the county), by name: the county's
 * staff (`staffCountyCodes` equality, indexed), the role checked in memory (FerretDB 1.24 has no
 * $elemMatch, and a dotted path is not pushed down).
 */
export async function counselRegisteredIn(countyCode: string): Promise<UserDoc[]> {
  const staff = await staffOfCounty(countyCode);
  return staff.filter((user) => isCounselOf(user, countyCode)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Holds role counsel registered at this county. */
export const isCounselOf = (user: Pick<UserDoc, 'roles'>, countyCode: string): boolean =>
  user.roles.some((r) => r.role === 'counsel' && r.placeCode === countyCode);

// --- demo data (demo/seed.ts) ---

/** A demo person's stored fields; `demo` and the derived scope fields are set here. */
export type DemoUserFields = Partial<Pick<UserDoc, 'name' | 'phone' | 'roles' | 'villageCode' | 'demo' | 'demoOrder'>> & {
  name: string;
  /** the profile's other fields take their schema defaults */
  counselProfile?: Partial<NonNullable<UserDoc['counselProfile']>>;
};

/** The person with this demo openid (`openid` equality, unique index), created when missing. */
export async function upsertDemoUser(openid: string, fields: DemoUserFields): Promise<UserDoc> {
  const existing = await UserModel.findOne({ openid }).lean<UserDoc>();
  if (existing) return existing;
  return (await UserModel.create({ openid, demo: true, ...fields })).toObject<UserDoc>();
}

/**
 * Demo staff of one county in bulk (the seed runs at every start and in every test suite): creates
 * those whose openid is not stored yet, and answers every openid's id. Each of them must hold a role
 * in `countyCode` (other than villager), so one `staffCountyCodes` equality finds them all.
 */
export async function createDemoStaff(
  countyCode: string,
  people: readonly (DemoUserFields & { openid: string })[],
): Promise<{ ids: Map<string, Types.ObjectId>; created: Set<string> }> {
  const openids = async () => {
    const wanted = new Set(people.map((p) => p.openid));
    const staff = await UserModel.find({ staffCountyCodes: countyCode }, { openid: 1 }).lean();
    return new Map(staff.filter((u) => wanted.has(u.openid)).map((u) => [u.openid, u._id]));
  };
  const stored = await openids();
  const missing = people.filter((p) => !stored.has(p.openid));
  if (missing.length) await UserModel.insertMany(missing, { ordered: false });
  return { ids: missing.length ? await openids() : stored, created: new Set(missing.map((p) => p.openid)) };
}

/**
 * Finds or creates the person behind a WeChat identity: by unionid when WeChat gives one
 * (the same person across the organisation's apps), else by openid.
 */
export async function findOrCreateWechatUser(openid: string, unionid: string | undefined): Promise<UserDoc> {
  if (unionid) {
    const byUnion = await UserModel.findOne({ unionid }).lean<UserDoc>();
    if (byUnion) return byUnion;
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = await UserModel.findOne({ openid }).lean<UserDoc>();
    if (existing) {
      if (unionid && !existing.unionid) await UserModel.updateOne({ _id: existing._id }, { $set: { unionid } });
      return existing;
    }
    try {
      const created = await UserModel.create({ openid, unionid: unionid ?? null, name: '微信用户' });
      return created.toObject<UserDoc>();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // a concurrent first login won: read it
    }
  }
  throw new Error('could not create user');
}

/**
 * Moves a person to a village, keeping the change on record (membership changes are never lost).
 * `residentStatus` is 'pending' when the village's county asks a cadre to confirm residents.
 */
export async function moveToVillage(
  user: UserDoc,
  villageCode: string,
  via: 'invite' | 'search',
  residentStatus: 'confirmed' | 'pending' = 'confirmed',
): Promise<void> {
  if (user.villageCode === villageCode) return;
  // under the person's lease, reading them afresh: FerretDB writes the whole document, so a role
  // granted meanwhile (changeRoles below) must not be overwritten with the roles read before
  await withLease(`user-roles:${String(user._id)}`, async () => {
    const fresh = await UserModel.findById(user._id).lean<UserDoc>();
    if (!fresh || fresh.villageCode === villageCode) return;
    await VillageBindingModel.create({ userId: fresh._id, villageCode, previousVillageCode: fresh.villageCode ?? null, via });
    await UserModel.updateOne(
      { _id: fresh._id },
      { $set: { villageCode, residentStatus, villageSince: new Date(), ...scopesOf(fresh.roles, villageCode) } },
    );
  });
}

/** The people bound to a village (`villageCode` equality, indexed), optionally only those confirmed or waiting. */
export const residentsOf = (villageCode: string, status?: 'confirmed' | 'pending'): Promise<UserDoc[]> =>
  UserModel.find({ villageCode })
    .sort({ villageSince: 1 })
    .limit(2000)
    .lean<UserDoc[]>()
    .then((users) => (status ? users.filter((u) => (u.residentStatus ?? 'confirmed') === status) : users));

/**
 * Confirms a waiting resident of this village, or (declined) unbinds them from it. Conditional on
 * the person still being bound there and waiting, so a decision on someone who has since moved or
 * been decided changes nothing (null).
 */
export async function decideResidence(userId: string, villageCode: string, confirmed: boolean): Promise<UserDoc | null> {
  // under the person's lease (as moveToVillage): two decisions at once, or a decision and a move, are one after the other
  return withLease(`user-roles:${userId}`, async () => {
    const user = await UserModel.findOne({ _id: userId, villageCode }).lean<UserDoc>();
    if (!user || (user.residentStatus ?? 'confirmed') !== 'pending') return null;
    const set = confirmed
      ? { residentStatus: 'confirmed' as const }
      : { villageCode: null, residentStatus: 'confirmed' as const, villageSince: null, ...scopesOf(user.roles, null) };
    await UserModel.updateOne({ _id: user._id }, { $set: set });
    return { ...user, ...set };
  });
}

/** A person's village changes, newest first (`userId` equality, indexed). */
export const villageBindingsOf = (userId: string) => VillageBindingModel.find({ userId }).sort({ at: -1 }).limit(200).lean();

export async function setProfile(
  userId: string,
  fields: { name?: string; phone?: string; language?: string },
): Promise<void> {
  const set: Record<string, string> = {};
  if (fields.name !== undefined) set.name = fields.name;
  if (fields.phone !== undefined) set.phone = fields.phone;
  if (fields.language !== undefined) set.language = fields.language;
  if (Object.keys(set).length) await UserModel.updateOne({ _id: userId }, { $set: set });
}

/** The avatar others see (media/avatar.ts, once WeChat's check passed it); never on a cancelled account. */
export async function setAvatarUrl(userId: Id, avatarUrl: string): Promise<void> {
  const user = await UserModel.findById(userId, { openid: 1 }).lean();
  if (!user || user.openid.startsWith(CANCELLED_OPENID_PREFIX)) return;
  await UserModel.updateOne({ _id: userId }, { $set: { avatarUrl } });
}

/** The demo identities offered on the login page, in their set order. */
export const demoUsers = (): Promise<UserDoc[]> =>
  UserModel.find({ demo: true }).sort({ demoOrder: 1 }).limit(50).lean<UserDoc[]>();

export const demoUserById = (userId: string): Promise<UserDoc | null> =>
  UserModel.findOne({ _id: userId, demo: true }).lean<UserDoc>();

// --- roles given and withdrawn (invitations module, issue 12) ---

/**
 * Changes a person's roles under a short lease on the person (store/lease.ts): FerretDB does not
 * serialise read-modify-write, so two grants to one person at once would otherwise each write the
 * roles they read and one would be lost. The derived scope fields are rewritten with the roles.
 * Answers the person as stored afterwards (null when there is no such person).
 */
async function changeRoles(userId: Id, change: (roles: UserDoc['roles']) => UserDoc['roles'] | null): Promise<UserDoc | null> {
  return withLease(`user-roles:${String(userId)}`, async () => {
    const user = await UserModel.findById(userId).lean<UserDoc>();
    if (!user) return null;
    const roles = change(user.roles);
    if (!roles) return user;
    const set = { roles, ...scopesOf(roles, user.villageCode ?? null) };
    await UserModel.updateOne({ _id: user._id }, { $set: set });
    return { ...user, ...set };
  });
}

const holds = (roles: UserDoc['roles'], role: string, placeCode: string) =>
  roles.some((r) => r.role === role && r.placeCode === placeCode);

/** Adds a role held at a place (nothing when already held). */
export const grantRole = (userId: Id, role: UserDoc['roles'][number]['role'], placeCode: string): Promise<UserDoc | null> =>
  changeRoles(userId, (roles) => (holds(roles, role, placeCode) ? null : [...roles, { role, placeCode }]));

/** Removes a role held at a place (nothing when not held). */
export const withdrawRole = (userId: Id, role: string, placeCode: string): Promise<UserDoc | null> =>
  changeRoles(userId, (roles) =>
    holds(roles, role, placeCode) ? roles.filter((r) => !(r.role === role && r.placeCode === placeCode)) : null,
  );

// --- web login (accounts/web-login.ts): people who come by the Official Account's web authorisation ---

/**
 * A web (Official Account) openid is not the mini-program's: a person who first comes by the web
 * is stored with `openid` = this prefix + their web openid (unique, and never taken for a
 * mini-program openid, like `demo:`), so they are found again by it when WeChat gives no unionid.
 */
export const WEB_OPENID_PREFIX = 'web:';

/** The person behind a web authorisation: by unionid when WeChat gives one, else by their web openid. */
export const findOrCreateWebUser = (webOpenid: string, unionid: string | undefined): Promise<UserDoc> =>
  findOrCreateWechatUser(`${WEB_OPENID_PREFIX}${webOpenid}`, unionid);

/**
 * A person who first came by the web and now logs in to the mini-program (found by unionid) gets
 * their mini-program openid, which subscribe messages and content checks need. When another
 * record already holds that openid (it came before WeChat gave a unionid), nothing changes.
 */
export async function adoptMiniProgramOpenid(user: UserDoc, openid: string): Promise<UserDoc> {
  if (!user.openid.startsWith(WEB_OPENID_PREFIX) || openid.startsWith(WEB_OPENID_PREFIX)) return user;
  try {
    await UserModel.updateOne({ _id: user._id, openid: user.openid }, { $set: { openid } });
  } catch (err) {
    if (isDuplicateKey(err)) return user;
    throw err;
  }
  return { ...user, openid };
}

// --- counsel profiles (counsel/profile.ts, issue 12) ---

/** The fields of a counsel's profile (users/model.ts counselProfileSchema) as written. */
export interface CounselProfileFields {
  title: string;
  organization: string;
  certificateNumber: string;
  duties: string[];
  specialties: string[];
  photoUrl: string | null;
  villageHours: { villageCode: string; text: string }[];
  onSiteHours: string;
  phoneFromWechat: boolean;
  updatedAt: Date | null;
}

/**
 * Writes a counsel's changed profile fields, and their name and phone (kept on the person), each
 * as its own path: an edit of the form and a photo upload at the same moment do not overwrite each
 * other's fields. A person without a profile yet (a counsel invited, not seeded) gets the whole
 * profile, the schema filling in the defaults. Answers the person as stored afterwards.
 */
export async function updateCounselProfile(
  user: Pick<UserDoc, '_id' | 'counselProfile'>,
  person: { name?: string; phone?: string },
  profile: Partial<CounselProfileFields>,
): Promise<UserDoc | null> {
  const set: Record<string, unknown> = {};
  if (person.name !== undefined) set.name = person.name;
  if (person.phone !== undefined) set.phone = person.phone;
  if (user.counselProfile) {
    for (const [key, value] of Object.entries(profile)) if (value !== undefined) set[`counselProfile.${key}`] = value;
  } else {
    set.counselProfile = profile;
  }
  return UserModel.findOneAndUpdate({ _id: user._id }, { $set: set }, { new: true }).lean<UserDoc>();
}

// --- account cancellation (privacy module, issue 13) ---

/** The stored openid of a cancelled person: unique, and never a WeChat openid, so the next login makes a new person. */
export const CANCELLED_OPENID_PREFIX = 'cancelled:';

/**
 * Erases a person's own data, keeping the record others' records point at (consultations, ledger,
 * ratings, role-change history) under the name given: name, phone, avatar, WeChat binding, village,
 * roles and the counsel profile go; the derived scope fields empty, so no list of a place finds
 * them. Under the person's lease (as changeRoles): a role granted meanwhile is not written back.
 */
export async function forgetUser(userId: Id, anonymousName: string): Promise<void> {
  await withLease(`user-roles:${String(userId)}`, async () => {
    await UserModel.updateOne(
      { _id: userId },
      {
        $set: {
          name: anonymousName,
          openid: `${CANCELLED_OPENID_PREFIX}${String(userId)}`,
          unionid: null,
          phone: null,
          avatarUrl: null,
          roles: [],
          villageCode: null,
          residentStatus: 'confirmed',
          villageSince: null,
          countyCodes: [],
          staffCountyCodes: [],
          counselProfile: null,
          demo: false,
        },
      },
    );
  });
}
