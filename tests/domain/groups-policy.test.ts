import type { GroupStanding, Role } from '../../types/src';
import {
  canModerate,
  canPost,
  canRead,
  joinOutcome,
  moderationOutcome,
  roleInGroup,
  standingOf,
} from '../../server/src/modules/groups/policy';
import { joinRule, tierOf, type JoinRule, type Position } from '../../server/src/modules/groups/membership-rule';

const VILLAGE = '210921001001';
const OTHER_VILLAGE_SAME_TOWNSHIP = '210921001002';
const TOWNSHIP = '210921001';
const COUNTY = '210921';
const OTHER_TOWNSHIP_VILLAGE = '210921100202';
const OTHER_COUNTY = '210922';

const person = (role: Role, placeCode: string, counselCounties: string[] = []): Position => ({
  grants: [{ role, placeCode }],
  counselCounties,
});

describe('joinRule: every role × tier (docs/domain.md R6)', () => {
  // [who, village group, township group, county group] for groups inside the person's county
  const table: [string, Position, JoinRule, JoinRule, JoinRule][] = [
    ['villager of the village', person('villager', VILLAGE), 'approval', 'approval', 'none'],
    ['villager of another village of the township', person('villager', OTHER_VILLAGE_SAME_TOWNSHIP), 'none', 'approval', 'none'],
    ['villager of another township', person('villager', OTHER_TOWNSHIP_VILLAGE), 'none', 'none', 'none'],
    ['counsel of the village', person('counsel', VILLAGE, [COUNTY]), 'automatic', 'automatic', 'automatic'],
    ['counsel of a sibling village', person('counsel', OTHER_VILLAGE_SAME_TOWNSHIP, [COUNTY]), 'none', 'automatic', 'automatic'],
    ['counsel registered in the county, no village now', { grants: [], counselCounties: [COUNTY] }, 'none', 'none', 'automatic'],
    ['township staff of the township', person('township_staff', TOWNSHIP), 'moderator', 'moderator', 'automatic'],
    ['township staff of another township', person('township_staff', '210921100'), 'none', 'none', 'automatic'],
    ['county staff', person('county_staff', COUNTY), 'open', 'open', 'moderator'],
    ['county expert', person('county_expert', COUNTY), 'open', 'open', 'automatic'],
    ['admin', person('admin', ''), 'open', 'open', 'moderator'],
  ];
  it.each(table)('%s', (_, who, village, township, county) => {
    expect(joinRule(VILLAGE, who)).toBe(village);
    expect(joinRule(TOWNSHIP, who)).toBe(township);
    expect(joinRule(COUNTY, who)).toBe(county);
  });

  it('nobody of one county belongs to the groups of another', () => {
    for (const [, who] of table.filter(([label]) => label !== 'admin')) {
      expect(joinRule(OTHER_COUNTY, who)).toBe('none');
      expect(joinRule('210922100201', who)).toBe('none');
    }
  });

  it('tiers follow the code length', () => {
    expect([tierOf(VILLAGE), tierOf(TOWNSHIP), tierOf(COUNTY)]).toEqual(['village', 'township', 'county']);
  });
});

describe('standingOf: position, then what was recorded', () => {
  it('removal and muting outrank position', () => {
    expect(standingOf('automatic', 'removed')).toBe('removed');
    expect(standingOf('automatic', 'muted')).toBe('muted');
    expect(standingOf('approval', 'muted')).toBe('muted');
  });
  it('losing the position ends membership, whatever was recorded', () => {
    for (const recorded of ['active', 'muted', 'pending', 'removed', null] as const)
      expect(standingOf('none', recorded)).toBe('none');
  });
  it('moderators are moderators; approved or automatic members are members', () => {
    expect(standingOf('moderator', null)).toBe('moderator');
    expect(standingOf('approval', 'active')).toBe('member');
    expect(standingOf('open', 'active')).toBe('member');
    expect(standingOf('automatic', null)).toBe('member');
  });
  it('without a record: may join (open) or may ask (approval); a refusal lets them ask again', () => {
    expect(standingOf('open', null)).toBe('can_join');
    expect(standingOf('approval', null)).toBe('can_request');
    expect(standingOf('approval', 'pending')).toBe('pending');
    expect(standingOf('approval', 'refused')).toBe('can_request');
  });
});

describe('rights of each standing', () => {
  const all: GroupStanding[] = ['moderator', 'member', 'muted', 'pending', 'removed', 'can_join', 'can_request', 'none'];
  it('only moderators, members and muted members read; muted members do not post; only moderators moderate', () => {
    expect(all.filter(canRead)).toEqual(['moderator', 'member', 'muted']);
    expect(all.filter(canPost)).toEqual(['moderator', 'member']);
    expect(all.filter(canModerate)).toEqual(['moderator']);
  });
  it('joining: open joins at once, approval and removed ask, none is refused, members stay', () => {
    expect(joinOutcome('can_join')).toEqual({ record: 'active', refused: false });
    expect(joinOutcome('can_request')).toEqual({ record: 'pending', refused: false });
    expect(joinOutcome('removed')).toEqual({ record: 'pending', refused: false });
    expect(joinOutcome('none')).toEqual({ record: null, refused: true });
    for (const s of ['member', 'moderator', 'muted', 'pending'] as const)
      expect(joinOutcome(s)).toEqual({ record: null, refused: false });
  });
  it('moderation applies only where it means something', () => {
    expect(moderationOutcome('member', 'mute')).toBe('muted');
    expect(moderationOutcome('muted', 'mute')).toBeNull();
    expect(moderationOutcome('muted', 'unmute')).toBe('active');
    expect(moderationOutcome('member', 'unmute')).toBeNull();
    expect(moderationOutcome('member', 'remove')).toBe('removed');
    expect(moderationOutcome('muted', 'remove')).toBe('removed');
    expect(moderationOutcome('removed', 'remove')).toBeNull();
    expect(moderationOutcome('pending', 'mute')).toBeNull();
  });
});

describe('roleInGroup: the label next to a name', () => {
  it('staff speak as staff, counsel as counsel, villagers as villagers', () => {
    expect(roleInGroup(VILLAGE, person('township_staff', TOWNSHIP))).toBe('township_staff');
    expect(roleInGroup(VILLAGE, person('counsel', VILLAGE, [COUNTY]))).toBe('counsel');
    expect(roleInGroup(COUNTY, person('counsel', VILLAGE, [COUNTY]))).toBe('counsel');
    expect(roleInGroup(VILLAGE, person('villager', VILLAGE))).toBe('villager');
    expect(roleInGroup(VILLAGE, person('county_expert', COUNTY))).toBe('county_expert');
  });
});
