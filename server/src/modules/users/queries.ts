/**
 * How other modules read and seed people: the only way in (they never import users/model.ts;
 * ESLint no-restricted-imports). Every list query carries an equality that narrows the candidates,
 * so it is index-backed on the embedded engine (../../store/README.md, rule 1).
 */
import type { Types } from 'mongoose';
import { byIds } from '../../store/ids';
import { isDuplicateKey } from '../../store/duplicates';
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
  for (const user of await UserModel.find(filter).lean<UserDoc[]>()) found.set(String(user._id), user);
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
  return UserModel.find({ staffCountyCodes: countyCode }).lean<UserDoc[]>();
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
export type DemoUserFields = Partial<
  Pick<UserDoc, 'name' | 'phone' | 'roles' | 'villageCode' | 'counselProfile' | 'demo' | 'demoOrder'>
> & {
  name: string;
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

/** Moves a person to a village, keeping the change on record (membership changes are never lost). */
export async function moveToVillage(user: UserDoc, villageCode: string, via: 'invite' | 'search'): Promise<void> {
  if (user.villageCode === villageCode) return;
  await VillageBindingModel.create({ userId: user._id, villageCode, previousVillageCode: user.villageCode ?? null, via });
  await UserModel.updateOne({ _id: user._id }, { $set: { villageCode, ...scopesOf(user.roles, villageCode) } });
}

export async function setProfile(userId: string, fields: { name?: string; phone?: string }): Promise<void> {
  const set: Record<string, string> = {};
  if (fields.name !== undefined) set.name = fields.name;
  if (fields.phone !== undefined) set.phone = fields.phone;
  if (Object.keys(set).length) await UserModel.updateOne({ _id: userId }, { $set: set });
}

/** The demo identities offered on the login page, in their set order. */
export const demoUsers = (): Promise<UserDoc[]> =>
  UserModel.find({ demo: true }).sort({ demoOrder: 1 }).limit(50).lean<UserDoc[]>();

export const demoUserById = (userId: string): Promise<UserDoc | null> =>
  UserModel.findOne({ _id: userId, demo: true }).lean<UserDoc>();
