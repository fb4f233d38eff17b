/**
 * Who manages machine credentials, and where they may be scoped: pure rules
 * (tests/domain/machine-access-policy.test.ts).
 */
import { covers, type Grant } from '../../shared/scope';

/** A credential is scoped to a province (2 digits) or a county (6 digits), never the whole country or below a county. */
export const isCredentialPlace = (placeCode: string): boolean => /^(\d{2}|\d{6})$/.test(placeCode);

export type ManageRefusal = 'MACHINE_CREDENTIAL_PLACE_LEVEL' | 'MACHINE_CREDENTIAL_NOT_ALLOWED';

/**
 * Whether someone holding `grants` may issue, list and revoke the machine credentials of a place,
 * and read their calls: county staff for their own county; an admin for any province or county
 * inside theirs ('' is the whole country). Null when allowed.
 */
export function manageRefusal(grants: readonly Grant[], placeCode: string): ManageRefusal | null {
  if (!isCredentialPlace(placeCode)) return 'MACHINE_CREDENTIAL_PLACE_LEVEL';
  const allowed = grants.some(
    (g) => (g.role === 'county_staff' && g.placeCode === placeCode) || (g.role === 'admin' && covers(g.placeCode, placeCode)),
  );
  return allowed ? null : 'MACHINE_CREDENTIAL_NOT_ALLOWED';
}

/** A credential is managed under the place it is scoped to or any place containing it (a province sees its counties'). */
export const isManagedUnder = (pathPlaceCode: string, credentialPlaceCode: string): boolean =>
  covers(pathPlaceCode, credentialPlaceCode);

/** lastUsedAt is written at most this often per credential, so a call costs one insert, not two writes */
export const LAST_USED_PRECISION_MS = 60_000;

export const needsTouch = (lastUsedAt: Date | null, now: Date): boolean =>
  lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= LAST_USED_PRECISION_MS;
