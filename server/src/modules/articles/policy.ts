/**
 * The legal-education feed's rules (issue 17 item 2), pure: where a person may publish, whose
 * feed an article is in, who sees its reads and may withdraw it, and the feed's paging.
 * tests/domain/articles-policy.test.ts.
 */
import { placeStaff, type ArticleScopeLevel, type Role } from '@vc/types';
import { covers, type Grant } from '../../shared/scope';

/** Staff who publish to any place inside theirs (a county's staff: the county and all in it). */
const OFFICES: readonly Role[] = placeStaff;

export function scopeLevelOf(code: string): ArticleScopeLevel | null {
  return code.length === 6 ? 'county' : code.length === 9 ? 'township' : code.length === 12 ? 'village' : null;
}

/**
 * Where a person may publish: county and township staff (and admins) anywhere inside their place;
 * a counsel only to a village they serve now (their grants are their assigned villages,
 * accounts/policy.ts effectiveGrants), never to a township or the county.
 */
export function mayPublishAt(grants: readonly Grant[], scopeCode: string): boolean {
  if (!scopeLevelOf(scopeCode)) return false;
  return grants.some(
    (g) => (OFFICES.includes(g.role) && covers(g.placeCode, scopeCode)) || (g.role === 'counsel' && g.placeCode === scopeCode),
  );
}

/** The scopes whose articles a village's feed shows: the village, its township, its county. */
export const feedScopes = (villageCode: string): [string, string, string] => [
  villageCode,
  villageCode.slice(0, 9),
  villageCode.slice(0, 6),
];

/**
 * Whether a published article is open to a person: its scope contains a place where they hold
 * something (a villager's village inside a county article's scope), or they hold something above
 * it (township staff over a village article). Another village's or township's articles are not.
 */
export function mayRead(grants: readonly Grant[], scopeCode: string): boolean {
  return grants.some((g) => covers(scopeCode, g.placeCode) || covers(g.placeCode, scopeCode));
}

/** The staff above an article's scope (its township's or county's office, an admin). */
export const isStaffAbove = (grants: readonly Grant[], scopeCode: string): boolean =>
  grants.some((g) => OFFICES.includes(g.role) && covers(g.placeCode, scopeCode));

/** Reads are the publisher's and the staff above's to see; villagers never see others' reads. */
export const seesReads = (grants: readonly Grant[], userId: string, article: { publisherId: string; scopeCode: string }) =>
  article.publisherId === userId || isStaffAbove(grants, article.scopeCode);

/** The publisher, or the staff above the scope, may withdraw. */
export const mayWithdraw = seesReads;

/**
 * The village a legal-literate resident may share the article to: one where they hold the role
 * and whose feed holds the article (the village, its township or its county is the scope).
 */
export function shareVillage(grants: readonly Grant[], scopeCode: string): string | null {
  const grant = grants.find((g) => g.role === 'legal_literate' && g.placeCode.length === 12 && covers(scopeCode, g.placeCode));
  return grant ? grant.placeCode : null;
}

// --- paging: newest first, by (publishedAt, id); the cursor names the last item shown ---

export interface Pageable {
  id: string;
  publishedAt: Date;
}

export const cursorOf = (item: Pageable): string => `${String(item.publishedAt.getTime()).padStart(13, '0')}_${item.id}`;

/** Newer first; the id breaks ties, so the order is total and a page never repeats or skips one. */
const newerFirst = (a: Pageable, b: Pageable) =>
  b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** After the cursor in that order. */
function after(item: Pageable, cursor: string): boolean {
  const [ms, id] = cursor.split('_') as [string, string];
  const t = Number(ms);
  return item.publishedAt.getTime() < t || (item.publishedAt.getTime() === t && item.id < id);
}

/** One page of `items` (any order, no duplicates) after `cursor`, and the next page's cursor. */
export function pageOf<T extends Pageable>(items: readonly T[], cursor: string | undefined, limit: number) {
  const sorted = [...items].sort(newerFirst).filter((i) => !cursor || after(i, cursor));
  const page = sorted.slice(0, limit);
  return { page, nextCursor: sorted.length > limit ? cursorOf(page[page.length - 1]!) : null };
}

/** The start of the text a list shows. */
export function excerptOf(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}
