import type { ConsentBody, PrivacyPolicyReply, PrivacyStatus } from '@vc/types';
import {
  CANCELLATION_ERASES,
  CANCELLATION_KEEPS,
  PRIVACY_POLICY_SECTIONS,
  PRIVACY_POLICY_SUMMARY,
  PRIVACY_POLICY_TITLE,
  RETENTION,
} from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import { userById } from '../users/queries';
import { ConsentModel } from './model';
import { consentsOf } from './queries';
import { consentNeeded } from './policy';

/** The policy in force: the text of types/src/privacy/policy.ts under the configured version. */
export const policyOf = (version: string): PrivacyPolicyReply => ({
  version,
  title: PRIVACY_POLICY_TITLE,
  summary: PRIVACY_POLICY_SUMMARY,
  sections: PRIVACY_POLICY_SECTIONS.map((s) => ({ title: s.title, paragraphs: [...s.paragraphs] })),
  retention: { ...RETENTION },
  cancellation: { erases: [...CANCELLATION_ERASES], keeps: [...CANCELLATION_KEEPS] },
});

export async function privacyStatus(userId: string, currentVersion: string): Promise<PrivacyStatus> {
  const consents = await consentsOf(userId);
  return {
    currentVersion,
    consentedVersion: consents[0]?.version ?? null,
    consentNeeded: consentNeeded(
      consents.map((c) => c.version),
      currentVersion,
    ),
    consents: consents.map((c) => ({ version: c.version, at: c.at.toISOString(), via: c.via })),
  };
}

/** Records the person's agreement to the version in force (once per version; a repeat changes nothing). */
export async function consent(userId: string, body: ConsentBody, currentVersion: string): Promise<PrivacyStatus> {
  if (body.version !== currentVersion) throw new AppError('PRIVACY_VERSION_OUTDATED');
  if (!(await userById(userId))) throw new AppError('USER_NOT_FOUND');
  try {
    await ConsentModel.create({ userId, version: body.version, via: body.via, at: new Date() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return privacyStatus(userId, currentVersion);
}
