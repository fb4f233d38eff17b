/**
 * How other modules read people: the only way in (they never import accounts/model.ts; ESLint
 * no-restricted-imports). Every list query carries an equality that narrows the candidates, so it
 * is index-backed on the embedded engine (../../store/README.md, rule 1).
 */
import type { Types } from 'mongoose';
import { byIds } from '../../store/ids';
import { UserModel, type UserDoc } from './model';

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

/** Everyone with a role other than villager in a county: staff of the county and its townships, its counsel and experts. */
export async function staffOfCounty(countyCode: string): Promise<UserDoc[]> {
  return UserModel.find({ staffCountyCodes: countyCode }).lean<UserDoc[]>();
}
