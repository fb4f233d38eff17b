import type { Access, Role } from '@vc/types';

/** A role held at a place. placeCode '' (admin) covers the whole country. */
export interface Grant {
  role: Role;
  placeCode: string;
}

/**
 * Division codes nest by prefix (county 210921 ⊃ township 210921100 ⊃ village 210921100001),
 * so "is this place inside my jurisdiction" is a prefix test.
 */
export function covers(grantPlaceCode: string, targetCode: string): boolean {
  return targetCode.startsWith(grantPlaceCode);
}

/**
 * A machine credential calling (provincial and 12348 systems; modules/machine-access): no person,
 * only the place it is scoped to (a province or a county).
 */
export interface MachineIdentity {
  credentialId: string;
  placeCode: string;
}

/** Who is asking: a person's grants (a session), a machine credential, or nobody. */
export type Caller = readonly Grant[] | MachineIdentity | null;

const isGrants = (caller: Exclude<Caller, null>): caller is readonly Grant[] => Array.isArray(caller);

export type AccessDecision =
  'allow' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'OUT_OF_JURISDICTION' | 'MACHINE_ROUTE_FORBIDDEN' | 'MACHINE_OUT_OF_SCOPE';

/**
 * The one access rule of every route: the caller must hold one of the route's roles at a place
 * that contains the route's target place. Distinguishes "wrong role" from "wrong place" so the
 * message tells people which it is. A machine credential may only read routes marked `machine`,
 * for places inside its own; every other route is refused to it, public ones included.
 */
export function decideAccess(caller: Caller, access: Access, targetCode: string | null): AccessDecision {
  if (caller !== null && !isGrants(caller)) {
    if (access.kind !== 'role' || access.machine !== true || access.scope === null || targetCode === null) {
      return 'MACHINE_ROUTE_FORBIDDEN';
    }
    return covers(caller.placeCode, targetCode) ? 'allow' : 'MACHINE_OUT_OF_SCOPE';
  }
  const grants = caller;
  if (access.kind === 'public' || access.kind === 'signed' || access.kind === 'wechat') return 'allow'; // signatures are checked before this
  if (!grants) return 'UNAUTHENTICATED';
  // group membership is decided afterwards by the groups policy (mountRoutes' decideMember)
  if (access.kind === 'session' || access.kind === 'member') return 'allow';
  const withRole = grants.filter((g) => access.roles.includes(g.role));
  if (withRole.length === 0) return 'FORBIDDEN';
  if (access.scope === null) return 'allow';
  if (targetCode === null) return 'FORBIDDEN';
  return withRole.some((g) => covers(g.placeCode, targetCode)) ? 'allow' : 'OUT_OF_JURISDICTION';
}

/** True when some grant of one of `roles` covers `code` (for checks inside services). */
export function holdsAt(grants: readonly Grant[], roles: readonly Role[], code: string): boolean {
  return grants.some((g) => roles.includes(g.role) && covers(g.placeCode, code));
}
