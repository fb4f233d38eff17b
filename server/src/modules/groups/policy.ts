import type { GroupStanding, GroupTier } from '@vc/types';
import { covers, type Grant } from '../../shared/scope';

/**
 * Who belongs to which work group (DOMAIN R6). One group per village, township and county,
 * named by the place's division code.
 *
 * - village group: township justice-office staff moderate it; the village's counsel are in it
 *   by position; villagers of the village ask to join and staff approve; county staff and
 *   experts may join;
 * - township group: led by the township office (its staff moderate); counsel serving a village
 *   of the township are in it; villagers of the township (village cadres) ask to join; county
 *   staff and experts may join;
 * - county group: led by the county bureau (its staff moderate); all counsel of the county,
 *   county experts and township offices are in it by position; villagers are not.
 */
export type JoinRule = 'moderator' | 'automatic' | 'open' | 'approval' | 'none';

export interface Position {
  grants: readonly Grant[];
  /** counties where the person is registered as counsel (with or without villages now) */
  counselCounties: readonly string[];
}

/** The county a group lies in: its code's first six digits. */
export const countyOf = (groupCode: string): string => groupCode.slice(0, 6);

export function tierOf(groupCode: string): GroupTier {
  if (groupCode.length === 12) return 'village';
  if (groupCode.length === 9) return 'township';
  return 'county';
}

const has = (p: Position, roles: readonly Grant['role'][], test: (placeCode: string) => boolean) =>
  p.grants.some((g) => roles.includes(g.role) && test(g.placeCode));

export function joinRule(groupCode: string, p: Position): JoinRule {
  const tier = tierOf(groupCode);
  const countyCode = groupCode.slice(0, 6);
  const countyLevel = (code: string) => code.length <= 6 && covers(code, groupCode);
  if (tier === 'county') {
    if (has(p, ['county_staff', 'admin'], countyLevel)) return 'moderator';
    if (has(p, ['county_expert'], countyLevel)) return 'automatic';
    if (p.counselCounties.includes(countyCode) || has(p, ['counsel'], (c) => covers(groupCode, c))) return 'automatic';
    if (has(p, ['township_staff'], (c) => covers(groupCode, c))) return 'automatic';
    return 'none';
  }
  const townshipCode = groupCode.slice(0, 9);
  if (has(p, ['township_staff'], (c) => c === townshipCode)) return 'moderator';
  if (tier === 'village') {
    if (has(p, ['counsel'], (c) => c === groupCode)) return 'automatic';
  } else if (has(p, ['counsel'], (c) => covers(townshipCode, c))) return 'automatic';
  if (has(p, ['county_staff', 'county_expert', 'admin'], countyLevel)) return 'open';
  if (tier === 'village' ? has(p, ['villager'], (c) => c === groupCode) : has(p, ['villager'], (c) => covers(townshipCode, c)))
    return 'approval';
  return 'none';
}

export type MembershipStatus = 'pending' | 'active' | 'muted' | 'removed' | 'refused';

/**
 * Where a person stands, from the rule and what was recorded. A removal or mute outranks
 * position; losing the position (a villager who moved, a counsel whose assignment ended)
 * ends membership at once.
 */
export function standingOf(rule: JoinRule, recorded: MembershipStatus | null): GroupStanding {
  if (rule === 'none') return 'none';
  if (recorded === 'removed') return 'removed';
  if (recorded === 'muted') return 'muted';
  if (rule === 'moderator') return 'moderator';
  if (recorded === 'active' || rule === 'automatic') return 'member';
  if (recorded === 'pending') return 'pending';
  return rule === 'open' ? 'can_join' : 'can_request';
}

export const canRead = (s: GroupStanding) => s === 'moderator' || s === 'member' || s === 'muted';
export const canPost = (s: GroupStanding) => s === 'moderator' || s === 'member';
export const canModerate = (s: GroupStanding) => s === 'moderator';

/** What joining does from each standing: a new recorded status, or nothing to do. */
export function joinOutcome(s: GroupStanding): { record: MembershipStatus | null; refused: boolean } {
  if (s === 'none') return { record: null, refused: true };
  if (s === 'can_join') return { record: 'active', refused: false };
  // a removed person may ask again; a moderator decides
  if (s === 'can_request' || s === 'removed') return { record: 'pending', refused: false };
  return { record: null, refused: false };
}

export type MemberAction = 'mute' | 'unmute' | 'remove';

/** The status a moderation action leaves, or null when it does not apply to that standing. */
export function moderationOutcome(target: GroupStanding, action: MemberAction): MembershipStatus | null {
  if (action === 'mute') return target === 'member' ? 'muted' : null;
  if (action === 'unmute') return target === 'muted' ? 'active' : null;
  return target === 'member' || target === 'muted' ? 'removed' : null;
}

/** The role a person speaks with in a group, shown next to their name. */
export function roleInGroup(groupCode: string, p: Position): Grant['role'] {
  const order: Grant['role'][] = ['township_staff', 'county_staff', 'county_expert', 'counsel', 'admin', 'villager'];
  for (const role of order) {
    if (p.grants.some((g) => g.role === role && (covers(g.placeCode, groupCode) || covers(groupCode, g.placeCode)))) return role;
  }
  if (p.counselCounties.length) return 'counsel';
  return 'villager';
}
