import type { GroupStanding } from '@vc/types';
import { covers, type Grant } from '../../shared/scope';
import type { JoinRule, Position } from './membership-rule';

/**
 * What a person may do in a group, from their standing: the rule of their position
 * (membership-rule.ts, docs/domain.md R6) together with what was recorded (joined, asked, muted, removed).
 */

/** 'left': the person moved to another village; they ask again like anyone else if they come back */
export type MembershipStatus = 'pending' | 'active' | 'muted' | 'removed' | 'refused' | 'left';

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

/**
 * Who a member list shows: moderators, members, the muted, those asking and the removed (not
 * who merely may join or ask). A filter by standing counts moderators among the members.
 */
export function onMemberList(s: GroupStanding, filter?: GroupStanding): boolean {
  if (s === 'none' || s === 'can_join' || s === 'can_request') return false;
  return !filter || s === filter || (filter === 'member' && s === 'moderator');
}

/** What joining does from each standing: a new recorded status, or nothing to do. */
export function joinOutcome(s: GroupStanding): { record: MembershipStatus | null; refused: boolean } {
  if (s === 'none') return { record: null, refused: true };
  if (s === 'can_join') return { record: 'active', refused: false };
  // a removed person may ask again; a moderator decides
  if (s === 'can_request' || s === 'removed') return { record: 'pending', refused: false };
  return { record: null, refused: false };
}

/**
 * A recorded status as it stands at `now`: a mute whose time is up is over, with no job to lift it
 * (the record keeps 'muted' and its end; whoever reads it reads it so). A mute without an end lasts
 * until a moderator unmutes.
 */
export function statusAt(
  recorded: MembershipStatus | null,
  mutedUntil: Date | null | undefined,
  now: Date = new Date(),
): MembershipStatus | null {
  if (recorded === 'muted' && mutedUntil && mutedUntil.getTime() <= now.getTime()) return 'active';
  return recorded;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a mute of `days` days given at `now` ends; null for a mute until unmuted. */
export function muteEnd(days: number | undefined, now: Date = new Date()): Date | null {
  return days === undefined ? null : new Date(now.getTime() + days * DAY_MS);
}

/** The end a member list shows: only while the mute still holds. */
export function mutedUntilShown(
  recorded: MembershipStatus | null,
  mutedUntil: Date | null | undefined,
  now: Date = new Date(),
): Date | null {
  return recorded === 'muted' && mutedUntil && statusAt(recorded, mutedUntil, now) === 'muted' ? mutedUntil : null;
}

/**
 * A member list's name search: a case-insensitive part of the name, taken literally (the list is
 * built in memory from positions and records, so no database pattern is involved).
 */
export function nameMatches(name: string, q: string | undefined): boolean {
  if (!q) return true;
  return name.toLocaleLowerCase('zh-CN').includes(q.trim().toLocaleLowerCase('zh-CN'));
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
  const order: Grant['role'][] = [
    'township_staff',
    'county_staff',
    'county_expert',
    'counsel',
    'village_cadre',
    'mediator',
    'legal_literate',
    'admin',
    'villager',
  ];
  for (const role of order) {
    if (p.grants.some((g) => g.role === role && (covers(g.placeCode, groupCode) || covers(groupCode, g.placeCode)))) return role;
  }
  if (p.counselCounties.length) return 'counsel';
  return 'villager';
}
