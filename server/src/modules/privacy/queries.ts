/**
 * How other modules read privacy records (they never import privacy/model.ts): the accounts
 * module's `me` tells the phone which policy version the person last agreed to.
 */
import { ConsentModel } from './model';

/** The versions a person agreed to, newest first (`userId` equality, the prefix of a unique index). */
export async function consentsOf(userId: string) {
  return ConsentModel.find({ userId }).sort({ at: -1 }).limit(100).lean();
}

/** The version the person agreed to last (null: never). */
export async function consentedVersion(userId: string): Promise<string | null> {
  return (await consentsOf(userId))[0]?.version ?? null;
}
