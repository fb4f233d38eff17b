import type { GroupStanding, GroupSummary } from '@vc/types';
import { AppError } from '../../shared/errors';
import { placeByCode } from '../places/lookup';
import { canModerate } from './policy';
import { tierOf } from './membership-rule';

/** The place levels that have a work group. */
export const GROUP_LEVELS: readonly string[] = ['county', 'township', 'village'];

/** The place a group is named by; a code that names no group's place is GROUP_NOT_FOUND. */
export async function groupPlace(groupCode: string) {
  const place = await placeByCode(groupCode);
  if (!place || !GROUP_LEVELS.includes(place.level)) throw new AppError('GROUP_NOT_FOUND');
  return place;
}

/** A group as listed and shown above its messages; pending requests only for its moderators. */
export function summarise(
  groupCode: string,
  name: string,
  standing: GroupStanding,
  lastSeq: number,
  pendingRequests: number,
): GroupSummary {
  return {
    code: groupCode,
    tier: tierOf(groupCode),
    name: `${name}工作群`,
    standing,
    lastSeq,
    pendingRequests: canModerate(standing) ? pendingRequests : null,
  };
}
