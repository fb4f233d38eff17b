/**
 * Who issues invitations and where, as the pages show it. The table is the server's own
 * (types/src/constants.ts ROLE_GRANTS, read by grantDecision), so the invite page offers only the
 * roles the signed-in person may give at their place, and says where each is held: the county
 * itself, one of its townships, or one of the township's villages. The server checks again.
 */
import { INVITABLE_ROLES, ROLE_GRANTS, type InvitableRole } from '@vc/types/src/constants';
import type { Role, Session } from '@vc/types';
import { t } from '../../shared/i18n';

export type IssuerRole = Extract<Role, 'county_staff' | 'township_staff'>;

/** the issuer's role and the place where they hold it */
export interface Issuer {
  role: IssuerRole;
  code: string;
  name: string;
}

/** What each issuing role gives, in the order offered. */
const GIVES: Record<IssuerRole, readonly InvitableRole[]> = ROLE_GRANTS;

export function grantableRoles(issuer: Issuer): readonly InvitableRole[] {
  return GIVES[issuer.role];
}

/** Whether this issuer may give (and so withdraw) the role; the server checks again. */
export function gives(issuer: Issuer, role: Role): role is InvitableRole {
  return (INVITABLE_ROLES as readonly Role[]).includes(role) && GIVES[issuer.role].includes(role as InvitableRole);
}

/**
 * Where a role given by this issuer is held: at the issuer's own place ('self', e.g. a counsel at the
 * county), or at one of its children ('child': a township of the county, a village of the township).
 */
export function placeKind(issuer: Issuer, role: InvitableRole): 'self' | 'child' {
  if (issuer.role === 'township_staff') return 'child';
  return role === 'township_staff' ? 'child' : 'self';
}

const ISSUER_ROLES: readonly IssuerRole[] = ['county_staff', 'township_staff'];

/**
 * The place a staff page works on: the grant named by the page query's `code`, else the person's
 * first county grant, else their first township grant; null when they issue nowhere.
 */
export function issuerOf(session: Session, queryCode?: string): Issuer | null {
  const grants = session.user.roles.filter((g): g is typeof g & { role: IssuerRole } =>
    (ISSUER_ROLES as readonly Role[]).includes(g.role),
  );
  const grant =
    grants.find((g) => g.placeCode === queryCode) ??
    grants.find((g) => g.role === 'county_staff') ??
    grants.find((g) => g.role === 'township_staff');
  return grant ? { role: grant.role, code: grant.placeCode, name: grant.placeName } : null;
}

/** Why the invite page is refused; a function: the words of the moment it is shown. */
export const notIssuer = () => t('staff:notIssuer');
