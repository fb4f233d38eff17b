import type { Role } from '../../types/src';
import { groupsToLookAt, joinRule, type JoinRule, type Position } from '../../server/src/modules/groups/membership-rule';

// Fumeng county (210921): township 001 with villages 001 and 002, township 100 with village 202
const COUNTY = '210921';
const TOWNSHIP = '210921001';
const VILLAGE = '210921001001';
const SIBLING_VILLAGE = '210921001002';
const OTHER_TOWNSHIP = '210921100';
const OTHER_TOWNSHIP_VILLAGE = '210921100202';
const OTHER_COUNTY = '210922';
const OTHER_COUNTY_TOWNSHIP = '210922100';
const OTHER_COUNTY_VILLAGE = '210922100201';

const at = (role: Role, placeCode: string, counselCounties: string[] = []): Position => ({
  grants: [{ role, placeCode }],
  counselCounties,
});
const counselOf = (villageCode: string): Position => at('counsel', villageCode, [villageCode.slice(0, 6)]);
const registeredCounsel: Position = { grants: [], counselCounties: [COUNTY] };
const nationalAdmin = at('admin', '');
const provinceAdmin = at('admin', '21');

type Row = [who: string, position: Position, rule: JoinRule];

describe('docs/domain.md R6, village group: set up by the counsel under the township office', () => {
  const rows: Row[] = [
    ['the village’s counsel is in it by position', counselOf(VILLAGE), 'automatic'],
    [
      'a villager of the village (committee members, mediators, representatives) asks to join',
      at('villager', VILLAGE),
      'approval',
    ],
    ['a village cadre of the village is in it by position', at('village_cadre', VILLAGE), 'automatic'],
    ['a people’s mediator of the village is in it by position', at('mediator', VILLAGE), 'automatic'],
    ['a legal-literate resident of the village is in it by position', at('legal_literate', VILLAGE), 'automatic'],
    ['a village cadre of a sibling village is not eligible', at('village_cadre', SIBLING_VILLAGE), 'none'],
    ['the township office of the village’s township moderates it', at('township_staff', TOWNSHIP), 'moderator'],
    ['county bureau staff may join', at('county_staff', COUNTY), 'open'],
    ['a county expert may join', at('county_expert', COUNTY), 'open'],
    ['the national admin may join', nationalAdmin, 'open'],
    ['a province admin of the province may join', provinceAdmin, 'open'],
    ['a villager of a sibling village is not eligible', at('villager', SIBLING_VILLAGE), 'none'],
    ['the counsel of a sibling village is not eligible', counselOf(SIBLING_VILLAGE), 'none'],
    ['a counsel registered in the county without this village is not eligible', registeredCounsel, 'none'],
    ['the office of another township is not eligible', at('township_staff', OTHER_TOWNSHIP), 'none'],
    ['staff of another county are not eligible', at('county_staff', OTHER_COUNTY), 'none'],
    ['an expert of another county is not eligible', at('county_expert', OTHER_COUNTY), 'none'],
  ];
  it.each(rows)('%s', (_, position, rule) => expect(joinRule(VILLAGE, position)).toBe(rule));
});

describe('docs/domain.md R6, township group: led by the township justice office', () => {
  const rows: Row[] = [
    ['the township office moderates it', at('township_staff', TOWNSHIP), 'moderator'],
    ['a counsel serving a village of the township is in it', counselOf(SIBLING_VILLAGE), 'automatic'],
    [
      'a villager of any village of the township (party secretaries, committee heads) asks to join',
      at('villager', SIBLING_VILLAGE),
      'approval',
    ],
    ['a village cadre of a village of the township asks to join', at('village_cadre', SIBLING_VILLAGE), 'approval'],
    ['a mediator is not in the township group', at('mediator', SIBLING_VILLAGE), 'none'],
    ['county bureau staff may join', at('county_staff', COUNTY), 'open'],
    ['a county expert may join', at('county_expert', COUNTY), 'open'],
    ['the national admin may join', nationalAdmin, 'open'],
    ['a villager of another township is not eligible', at('villager', OTHER_TOWNSHIP_VILLAGE), 'none'],
    ['a counsel of another township’s village is not eligible', counselOf(OTHER_TOWNSHIP_VILLAGE), 'none'],
    ['a counsel registered in the county without a village here is not eligible', registeredCounsel, 'none'],
    ['the office of another township is not eligible', at('township_staff', OTHER_TOWNSHIP), 'none'],
    ['staff of another county are not eligible', at('county_staff', OTHER_COUNTY), 'none'],
  ];
  it.each(rows)('%s', (_, position, rule) => expect(joinRule(TOWNSHIP, position)).toBe(rule));
});

describe('docs/domain.md R6, county group: led by the county bureau', () => {
  const rows: Row[] = [
    ['the bureau’s staff moderate it', at('county_staff', COUNTY), 'moderator'],
    ['the national admin moderates it', nationalAdmin, 'moderator'],
    ['a province admin of the province moderates it', provinceAdmin, 'moderator'],
    ['a counsel serving a village of the county is in it', counselOf(OTHER_TOWNSHIP_VILLAGE), 'automatic'],
    ['a counsel registered in the county, with no village now, is in it', registeredCounsel, 'automatic'],
    ['every township office of the county is in it', at('township_staff', OTHER_TOWNSHIP), 'automatic'],
    ['county experts (lawyers, notaries, appraisers) are in it', at('county_expert', COUNTY), 'automatic'],
    ['villagers are not', at('villager', VILLAGE), 'none'],
    ['staff of another county are not', at('county_staff', OTHER_COUNTY), 'none'],
    ['a counsel of another county is not', counselOf(OTHER_COUNTY_VILLAGE), 'none'],
    ['the office of a township of another county is not', at('township_staff', OTHER_COUNTY_TOWNSHIP), 'none'],
    ['an admin of another province is not', at('admin', '41'), 'none'],
  ];
  it.each(rows)('%s', (_, position, rule) => expect(joinRule(COUNTY, position)).toBe(rule));
});

describe('several grants: the strongest one decides', () => {
  it('a villager who is also the village’s counsel is in the village group by position', () => {
    const both: Position = {
      grants: [...at('villager', VILLAGE).grants, ...counselOf(VILLAGE).grants],
      counselCounties: [COUNTY],
    };
    expect(joinRule(VILLAGE, both)).toBe('automatic');
    expect(joinRule(COUNTY, both)).toBe('automatic');
  });
  it('a township officer living in a village of the township moderates its group', () => {
    const both: Position = {
      grants: [at('villager', VILLAGE).grants[0]!, at('township_staff', TOWNSHIP).grants[0]!],
      counselCounties: [],
    };
    expect(joinRule(VILLAGE, both)).toBe('moderator');
    expect(joinRule(COUNTY, both)).toBe('automatic');
  });
  it('a county expert living in the village joins without asking', () => {
    const both: Position = {
      grants: [at('villager', VILLAGE).grants[0]!, at('county_expert', COUNTY).grants[0]!],
      counselCounties: [],
    };
    expect(joinRule(VILLAGE, both)).toBe('open');
  });
  it('the order of the grants does not matter', () => {
    const grants = [at('county_expert', COUNTY).grants[0]!, at('county_staff', COUNTY).grants[0]!];
    expect(joinRule(COUNTY, { grants, counselCounties: [] })).toBe('moderator');
    expect(joinRule(COUNTY, { grants: [...grants].reverse(), counselCounties: [] })).toBe('moderator');
  });
  it('nobody holds a rule in the groups of another county, whatever they hold here', () => {
    const everything: Position = {
      grants: (['villager', 'counsel', 'township_staff', 'county_staff', 'county_expert'] as const).map((role) => ({
        role,
        placeCode: role === 'township_staff' ? TOWNSHIP : role.startsWith('county') ? COUNTY : VILLAGE,
      })),
      counselCounties: [COUNTY],
    };
    for (const code of [OTHER_COUNTY, OTHER_COUNTY_TOWNSHIP, OTHER_COUNTY_VILLAGE])
      expect(joinRule(code, everything)).toBe('none');
  });
});

describe('groupsToLookAt: where "my groups" looks, from the rule', () => {
  const look = (p: Position) => {
    const { codes, villagesOf, townshipsOf } = groupsToLookAt(p);
    return { codes: [...codes].sort(), villagesOf, townshipsOf };
  };
  it('a villager: their village’s and township’s groups', () => {
    expect(look(at('villager', VILLAGE))).toEqual({ codes: [TOWNSHIP, VILLAGE], villagesOf: [], townshipsOf: [] });
  });
  it('a counsel: the village’s, township’s and county’s groups', () => {
    expect(look(counselOf(VILLAGE))).toEqual({ codes: [COUNTY, TOWNSHIP, VILLAGE], villagesOf: [], townshipsOf: [] });
  });
  it('a counsel with no village now: the county group', () => {
    expect(look(registeredCounsel)).toEqual({ codes: [COUNTY], villagesOf: [], townshipsOf: [] });
  });
  it('a township office: its township’s and county’s groups, and the villages of its township', () => {
    expect(look(at('township_staff', TOWNSHIP))).toEqual({ codes: [COUNTY, TOWNSHIP], villagesOf: [TOWNSHIP], townshipsOf: [] });
  });
  it('county staff and experts: the county group and its townships’ (not its hundreds of villages)', () => {
    for (const role of ['county_staff', 'county_expert'] as const)
      expect(look(at(role, COUNTY))).toEqual({ codes: [COUNTY], villagesOf: [], townshipsOf: [COUNTY] });
  });
  it('an admin above the counties: nothing by position (groups found by record only)', () => {
    expect(look(nationalAdmin)).toEqual({ codes: [], villagesOf: [], townshipsOf: [] });
    expect(look(provinceAdmin)).toEqual({ codes: [], villagesOf: [], townshipsOf: [] });
  });
  it('every code looked at is one the rule gives the person', () => {
    const people = [
      at('villager', VILLAGE),
      counselOf(VILLAGE),
      registeredCounsel,
      at('township_staff', TOWNSHIP),
      at('county_staff', COUNTY),
    ];
    for (const p of people) for (const code of groupsToLookAt(p).codes) expect(joinRule(code, p)).not.toBe('none');
  });
});
