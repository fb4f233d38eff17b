import type { Role } from '@vc/types';
import type { Grant } from '../../shared/scope';

export interface GrantSource {
  roles: { role: Role; placeCode: string }[];
  villageCode?: string | null;
  /** 'pending' until the village confirms the person lives there (residents module) */
  residentStatus?: 'confirmed' | 'pending' | null;
}

/**
 * The grants a person acts with:
 * - a bound village makes them a villager of that village, once the village has confirmed them
 *   where the county asks for that;
 * - a counsel acts only in the villages assigned to them now (their county-level registration
 *   says which county may assign them, it is not a jurisdiction);
 * - every other role acts at the place it is held.
 */
export function effectiveGrants(user: GrantSource, assignedVillageCodes: readonly string[]): Grant[] {
  const grants: Grant[] = user.roles.filter((r) => r.role !== 'counsel' && r.role !== 'villager').map((r) => ({ ...r }));
  if (user.villageCode && user.residentStatus !== 'pending') grants.push({ role: 'villager', placeCode: user.villageCode });
  if (user.roles.some((r) => r.role === 'counsel')) {
    for (const code of new Set(assignedVillageCodes)) grants.push({ role: 'counsel', placeCode: code });
  }
  return grants;
}

/** Within the signature window, the clock of the cloud function and ours may differ this much. */
export const CLOUD_SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

export function isFreshTimestamp(timestampMs: number, nowMs: number): boolean {
  return Number.isFinite(timestampMs) && Math.abs(nowMs - timestampMs) <= CLOUD_SIGNATURE_WINDOW_MS;
}
