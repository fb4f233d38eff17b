/** Helpers shared by the county pages (kept in the county subpackage). */
import type { RoleGrant } from '@vc/types';
import { getSession } from '../services/session';

/** The county to work on: `countyCode` from the page query, else the user's first county grant. */
export function countyGrant(queryCode?: string): RoleGrant | null {
  const grants = getSession()?.user.roles.filter((g) => g.role === 'county_staff') ?? [];
  return grants.find((g) => g.placeCode === queryCode) ?? grants[0] ?? null;
}

export function countyCodeOf(queryCode?: string): string | null {
  return queryCode || countyGrant(queryCode)?.placeCode || null;
}

/** The server sends rates as percentages (0–100, one decimal). */
export function pct(rate: number): string {
  return `${Math.round(rate * 10) / 10}%`;
}
