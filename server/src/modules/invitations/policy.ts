/**
 * Who may give which role at which place (issue 12), and the state of an invitation: pure functions,
 * tested as a table in tests/domain/invitations-policy.test.ts. Withdrawing a role follows the same
 * rule: who may give a role at a place may take it back there.
 */
import type { InvitableRole, InvitationStatus, Role } from '@vc/types';
import { INVITABLE_ROLES, ROLE_GRANTS, ROLE_PLACE_LENGTHS } from '@vc/types';
import { covers, type Grant } from '../../shared/scope';

/**
 * The roles each issuing role may give, inside the place where the issuer holds it:
 * - township staff: the village's cadres, mediators and legal-literate residents (their township's villages);
 * - county staff: township staff, counsel, county experts and other county staff (their county);
 * - an admin (the country '' or a province): county staff and admins, and everything county staff may.
 * Nobody else gives roles; no role is given outside the issuer's place.
 */
/** docs/domain.md "Who uses it": the table is shared with the invite screen (types/src/constants.ts ROLE_GRANTS). */
export const GIVES: { readonly [R in Role]?: readonly InvitableRole[] } = ROLE_GRANTS;

export type GrantDecision = 'allow' | 'ROLE_PLACE_MISMATCH' | 'GRANT_NOT_ALLOWED' | 'OUT_OF_JURISDICTION';

const isInvitable = (role: Role): role is InvitableRole => (INVITABLE_ROLES as readonly Role[]).includes(role);

/** Whether the role is held at a place of this code's level ('' the whole country, admins only). */
export function fitsPlace(role: InvitableRole, placeCode: string): boolean {
  return /^\d*$/.test(placeCode) && ROLE_PLACE_LENGTHS[role].includes(placeCode.length);
}

/**
 * May someone with these grants give (or withdraw) `role` at `placeCode`? The refusal says why,
 * in this order: the issuer's roles give no such role, the role is not held at that level of
 * place, or the place is outside every grant that would give it.
 */
export function grantDecision(issuer: readonly Grant[], role: Role, placeCode: string): GrantDecision {
  if (!isInvitable(role)) return 'GRANT_NOT_ALLOWED';
  const able = issuer.filter((g) => GIVES[g.role]?.includes(role));
  if (able.length === 0) return 'GRANT_NOT_ALLOWED';
  if (!fitsPlace(role, placeCode)) return 'ROLE_PLACE_MISMATCH';
  return able.some((g) => covers(g.placeCode, placeCode)) ? 'allow' : 'OUT_OF_JURISDICTION';
}

/** Roles limited per place, and their limit (legal-literate residents per village; docs/domain.md). */
export function roleLimit(role: Role, max: { legalLiterate: number }): number | null {
  return role === 'legal_literate' ? max.legalLiterate : null;
}

/** An invitation's state now: withdrawn, then used up, then expired, else active. */
export function invitationStatus(
  invitation: { uses: number; expiresAt: Date; withdrawnAt: Date | null },
  used: number,
  now: Date,
): InvitationStatus {
  if (invitation.withdrawnAt) return 'withdrawn';
  if (used >= invitation.uses) return 'used_up';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The refusal of a code in each state but active. */
export const STATUS_REFUSAL = {
  withdrawn: 'INVITATION_WITHDRAWN',
  used_up: 'INVITATION_USED_UP',
  expired: 'INVITATION_EXPIRED',
} as const;

/**
 * The level fields stored with a record at this place (model.ts placeLevelFields), and the one
 * equality that finds the records at a place and inside it.
 */
export function placeLevels(placeCode: string) {
  return {
    placeCode,
    provinceCode: placeCode.slice(0, 2),
    countyCode: placeCode.length >= 6 ? placeCode.slice(0, 6) : null,
    townshipCode: placeCode.length >= 9 ? placeCode.slice(0, 9) : null,
  };
}
export function insidePlace(code: string): Record<string, string> {
  if (code.length === 2) return { provinceCode: code };
  if (code.length === 6) return { countyCode: code };
  if (code.length === 9) return { townshipCode: code };
  return { placeCode: code };
}
