/**
 * The legal-education feed's rules (issue 17 item 2): where each may publish, who reads what, who
 * sees reads and withdraws, who shares, and the newest-first paging by cursor.
 */
import {
  cursorOf,
  excerptOf,
  feedScopes,
  mayPublishAt,
  mayRead,
  mayWithdraw,
  pageOf,
  seesReads,
  shareVillage,
} from '../../server/src/modules/articles/policy';
import type { Grant } from '../../server/src/shared/scope';

const COUNTY = '210921';
const TOWNSHIP = '210921001';
const VILLAGE = '210921001001';
const SIBLING = '210921001002';
const OTHER_TOWNSHIP_VILLAGE = '210921100201';

const g = (role: Grant['role'], placeCode: string): Grant => ({ role, placeCode });

describe('mayPublishAt', () => {
  it.each([
    ['county staff: the county', [g('county_staff', COUNTY)], COUNTY, true],
    ['county staff: a township', [g('county_staff', COUNTY)], TOWNSHIP, true],
    ['county staff: a village', [g('county_staff', COUNTY)], OTHER_TOWNSHIP_VILLAGE, true],
    ['county staff: another county', [g('county_staff', COUNTY)], '210922', false],
    ['township staff: their township', [g('township_staff', TOWNSHIP)], TOWNSHIP, true],
    ['township staff: its village', [g('township_staff', TOWNSHIP)], VILLAGE, true],
    ['township staff: the county', [g('township_staff', TOWNSHIP)], COUNTY, false],
    ['township staff: another township’s village', [g('township_staff', TOWNSHIP)], OTHER_TOWNSHIP_VILLAGE, false],
    ['counsel: a village served', [g('counsel', VILLAGE)], VILLAGE, true],
    ['counsel: a village not served', [g('counsel', VILLAGE)], SIBLING, false],
    ['counsel: the township of a village served', [g('counsel', VILLAGE)], TOWNSHIP, false],
    ['a villager', [g('villager', VILLAGE)], VILLAGE, false],
    ['a legal-literate resident', [g('legal_literate', VILLAGE)], VILLAGE, false],
    ['an admin', [g('admin', '')], VILLAGE, true],
    ['not a place code', [g('county_staff', COUNTY)], '2109210', false],
  ] as const)('%s → %s', (_, grants, scope, expected) => expect(mayPublishAt(grants, scope)).toBe(expected));
});

describe('reading', () => {
  it('a village’s feed is its village, township and county', () => {
    expect(feedScopes(VILLAGE)).toEqual([VILLAGE, TOWNSHIP, COUNTY]);
  });

  it('a villager reads their village’s, township’s and county’s articles, never another village’s or township’s', () => {
    const villager = [g('villager', VILLAGE)];
    expect(mayRead(villager, VILLAGE)).toBe(true);
    expect(mayRead(villager, TOWNSHIP)).toBe(true);
    expect(mayRead(villager, COUNTY)).toBe(true);
    expect(mayRead(villager, SIBLING)).toBe(false);
    expect(mayRead(villager, '210921100')).toBe(false);
  });

  it('staff read what is above and below them, not a sibling township’s', () => {
    const township = [g('township_staff', TOWNSHIP)];
    expect(mayRead(township, VILLAGE)).toBe(true);
    expect(mayRead(township, COUNTY)).toBe(true);
    expect(mayRead(township, OTHER_TOWNSHIP_VILLAGE)).toBe(false);
  });
});

describe('reads, withdrawal and sharing', () => {
  const article = { publisherId: 'p1', scopeCode: VILLAGE };
  it('the publisher and staff above see reads and may withdraw; a villager and another township’s staff may not', () => {
    expect(seesReads([g('counsel', VILLAGE)], 'p1', article)).toBe(true);
    expect(seesReads([g('township_staff', TOWNSHIP)], 'x', article)).toBe(true);
    expect(mayWithdraw([g('county_staff', COUNTY)], 'x', article)).toBe(true);
    expect(seesReads([g('villager', VILLAGE)], 'x', article)).toBe(false);
    expect(mayWithdraw([g('township_staff', '210921100')], 'x', article)).toBe(false);
    // a county article's reads are the county's, not a township's
    expect(seesReads([g('township_staff', TOWNSHIP)], 'x', { publisherId: 'p1', scopeCode: COUNTY })).toBe(false);
  });

  it('a legal-literate resident shares to their own village when its feed holds the article', () => {
    const resident = [g('villager', VILLAGE), g('legal_literate', VILLAGE)];
    expect(shareVillage(resident, COUNTY)).toBe(VILLAGE);
    expect(shareVillage(resident, VILLAGE)).toBe(VILLAGE);
    expect(shareVillage(resident, SIBLING)).toBeNull();
    expect(shareVillage([g('villager', VILLAGE)], VILLAGE)).toBeNull();
  });
});

describe('paging', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  const items = [
    { id: 'a'.repeat(24), publishedAt: at(1) },
    { id: 'b'.repeat(24), publishedAt: at(3) },
    { id: 'c'.repeat(24), publishedAt: at(3) },
    { id: 'd'.repeat(24), publishedAt: at(2) },
    { id: 'e'.repeat(24), publishedAt: at(5) },
  ];

  it('goes newest first, ties by id, with no repeats or gaps across pages', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const { page, nextCursor } = pageOf(items, cursor, 2);
      seen.push(...page.map((p) => p.id[0]!));
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    expect(seen.join('')).toBe('ecbda');
  });

  it('the cursor has the contract’s form, and the last page has none', () => {
    expect(cursorOf(items[0]!)).toMatch(/^\d{13}_[a-f0-9]{24}$/);
    expect(pageOf(items, undefined, 5).nextCursor).toBeNull();
  });

  it('an excerpt is the text’s start on one line, cut with an ellipsis', () => {
    expect(excerptOf('第一行\n第二行', 60)).toBe('第一行 第二行');
    expect(excerptOf('一二三四五六', 4)).toBe('一二三…');
  });
});
