import type { GroupTier, Role } from '@vc/types';
import { covers, type Grant } from '../../shared/scope';

/**
 * Who belongs to which work group (docs/domain.md R6), decided here and nowhere else. One group per
 * village, township and county, named by the place's division code.
 *
 * - village group: township justice-office staff moderate it; the village's counsel are in it
 *   by position; villagers of the village ask to join and staff approve; county staff and
 *   experts may join;
 * - township group: led by the township office (its staff moderate); counsel serving a village
 *   of the township are in it; villagers of the township (village cadres) ask to join; county
 *   staff and experts may join;
 * - village cadres, people's mediators and legal-literate residents (roles held at a village) are
 *   in their village's group by position; cadres may ask to join the township group;
 * - county group: led by the county bureau (its staff moderate); all counsel of the county,
 *   county experts and township offices are in it by position; villagers are not.
 *
 * What a rule means for a person (with what was recorded) is `standingOf` in policy.ts.
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

/** Whose staff moderate a group (the table below): the township office for village and township groups, the county bureau for county groups. */
export type ModeratingOffice = { townshipCode: string } | { countyCode: string };

export function moderatingOffice(groupCode: string): ModeratingOffice {
  return tierOf(groupCode) === 'county' ? { countyCode: countyOf(groupCode) } : { townshipCode: groupCode.slice(0, 9) };
}

/** How a grant's place must lie relative to the group for the grant to count there. */
type Where = (grantPlace: string, groupCode: string) => boolean;
/** the grant is held at the group's own place */
const atThePlace: Where = (place, group) => place === group;
/** the grant is held at the group's place or a place inside it */
const inThePlace: Where = (place, group) => covers(group, place);
/** the grant is the township office of the group's township (its own group, or a village's) */
const townshipOffice: Where = (place, group) => place === group.slice(0, 9);
/** a county-level (or wider) grant whose area contains the group */
const overTheCounty: Where = (place, group) => place.length <= 6 && covers(place, group);

/** docs/domain.md R6 as a table: what a grant of each role gives in a group of each tier, and where it must be held. */
const R6: Record<Role, Record<GroupTier, readonly [JoinRule, Where] | null>> = {
  villager: { village: ['approval', atThePlace], township: ['approval', inThePlace], county: null },
  // village cadres, mediators and legal-literate residents are members of their village's group by
  // position (DOMAIN "Who uses it"); cadres ask to join the township group like other villagers
  village_cadre: { village: ['automatic', atThePlace], township: ['approval', inThePlace], county: null },
  mediator: { village: ['automatic', atThePlace], township: null, county: null },
  legal_literate: { village: ['automatic', atThePlace], township: null, county: null },
  counsel: { village: ['automatic', atThePlace], township: ['automatic', inThePlace], county: ['automatic', inThePlace] },
  township_staff: {
    village: ['moderator', townshipOffice],
    township: ['moderator', townshipOffice],
    county: ['automatic', inThePlace],
  },
  county_staff: { village: ['open', overTheCounty], township: ['open', overTheCounty], county: ['moderator', overTheCounty] },
  county_expert: { village: ['open', overTheCounty], township: ['open', overTheCounty], county: ['automatic', overTheCounty] },
  admin: { village: ['open', overTheCounty], township: ['open', overTheCounty], county: ['moderator', overTheCounty] },
};

/** Strongest first: a person holding several grants gets the strongest rule any of them gives. */
const STRENGTH: readonly JoinRule[] = ['moderator', 'automatic', 'open', 'approval', 'none'];
const stronger = (a: JoinRule, b: JoinRule): JoinRule => (STRENGTH.indexOf(a) <= STRENGTH.indexOf(b) ? a : b);

/**
 * The membership rule (docs/domain.md R6): what a person's position gives them in one group —
 * `moderator` (leads it), `automatic` (in it by position), `open` (may join at once),
 * `approval` (may ask; a moderator decides) or `none` (not eligible). The tier is the code's length.
 */
export function joinRule(groupCode: string, position: Position): JoinRule {
  const tier = tierOf(groupCode);
  // counsel registered in the county are in its group, with or without villages now
  let rule: JoinRule = tier === 'county' && position.counselCounties.includes(countyOf(groupCode)) ? 'automatic' : 'none';
  for (const grant of position.grants) {
    const entry = R6[grant.role][tier];
    if (entry && entry[1](grant.placeCode, groupCode)) rule = stronger(rule, entry[0]);
  }
  return rule;
}

/** The group codes (village, township, county) of a place and the places it lies in. */
function groupCodesOf(placeCode: string): string[] {
  return [12, 9, 6].filter((n) => placeCode.length >= n).map((n) => placeCode.slice(0, n));
}

/**
 * Where to look for a person's groups ("my groups"), from the rule alone: for each grant, the
 * groups of its place and of the places containing it in which that grant gives a rule; and
 * when a grant gives a rule in a township's or county's group, the groups one level below are
 * looked at too (a township office's villages, a county's townships). Village groups two levels
 * below (hundreds per county) are found only by record. Every candidate is still decided by
 * `joinRule` on the whole position.
 */
export function groupsToLookAt(position: Position): { codes: string[]; villagesOf: string[]; townshipsOf: string[] } {
  // a registered counsel's county group (automatic by the rule)
  const codes = new Set<string>(position.counselCounties);
  const villagesOf = new Set<string>();
  const townshipsOf = new Set<string>();
  for (const grant of position.grants) {
    const alone: Position = { grants: [grant], counselCounties: [] };
    for (const code of groupCodesOf(grant.placeCode)) if (joinRule(code, alone) !== 'none') codes.add(code);
    const place = grant.placeCode;
    if ((place.length === 9 || place.length === 6) && joinRule(place, alone) !== 'none')
      (place.length === 9 ? villagesOf : townshipsOf).add(place);
  }
  return { codes: [...codes], villagesOf: [...villagesOf], townshipsOf: [...townshipsOf] };
}
