/**
 * The home page's entry points into each capability, by role: one table, so what a role can open
 * is read (and changed) in one place. Ids are stable: tests tap them. Labels are read when the
 * table is built (at render), so they follow the person's language.
 */
import type { Me, Role, RoleGrant } from '@vc/types';
import { t } from '../../shared/i18n';
import type { PageName } from '../../shared/nav';

export interface Entry {
  id: string;
  label: string;
  page: PageName;
  query?: Record<string, string>;
  /** the main action of its card (a filled button); the others are light */
  primary?: boolean;
}

/** Roles that handle the service hall's cases (types/src/cases/routes.ts caseInbox). */
const CASE_HANDLER_ROLES: readonly Role[] = ['counsel', 'mediator', 'township_staff', 'county_staff', 'admin'];

/** Roles that publish legal-education articles (types/src/articles/routes.ts publishArticle). */
const PUBLISHER_ROLES: readonly Role[] = ['counsel', 'township_staff', 'county_staff', 'admin'];

/** Roles that handle consultations (they get the inbox). */
const HANDLER_ROLES: readonly Role[] = ['counsel', 'township_staff', 'county_staff', 'county_expert'];

/** What a staff grant opens at its place: county staff and township staff work on their place's capabilities. */
export function grantEntries(grant: RoleGrant): Entry[] {
  const code = grant.placeCode;
  const entries: Entry[] = [];
  if (grant.role === 'county_staff') {
    const county = { countyCode: code };
    entries.push(
      { id: `assign-${code}`, label: t('home:entries.counselAssign'), page: 'counselAssign', query: county, primary: true },
      { id: 'link-county-policy', label: t('home:entries.countyPolicy'), page: 'countyPolicy', query: county },
      { id: 'link-county-stats', label: t('home:entries.countyStats'), page: 'ledgerCountyStats', query: county },
      { id: 'link-county-export', label: t('home:entries.export'), page: 'ledgerExport', query: county },
      { id: 'link-county-held-posts', label: t('home:entries.heldPosts'), page: 'groupHeld', query: { code } },
      { id: 'link-county-invite', label: t('home:entries.invite'), page: 'staffInvite', query: { code } },
      { id: 'link-county-staff', label: t('home:entries.staffList'), page: 'staffList', query: { code } },
      { id: 'link-roster-coverage', label: t('feed:entries.coverage'), page: 'educationCoverage', query: county },
    );
  }
  if (grant.role === 'township_staff') {
    const township = { townshipCode: code };
    entries.push(
      {
        id: `ledger-review-${code}`,
        label: t('home:entries.ledgerReview'),
        page: 'ledgerReview',
        query: township,
        primary: true,
      },
      {
        id: 'link-township-progress',
        label: t('home:entries.townshipProgress'),
        page: 'ledgerTownshipProgress',
        query: township,
      },
      { id: 'link-held-posts', label: t('home:entries.heldPosts'), page: 'groupHeld', query: { code } },
      { id: 'link-overdue', label: t('home:entries.overdue'), page: 'consultOverdue', query: township },
      { id: 'link-township-invite', label: t('home:entries.invite'), page: 'staffInvite', query: { code } },
      { id: 'link-township-staff', label: t('home:entries.staffList'), page: 'staffList', query: { code } },
      { id: 'link-roster', label: t('feed:entries.roster'), page: 'educationRoster', query: township },
    );
  }
  if (grant.role === 'village_cadre') {
    entries.push({
      id: `residents-${code}`,
      label: t('home:entries.residents'),
      page: 'villageResidents',
      query: { villageCode: code },
      primary: true,
    });
  }
  // a grant at a village (12-digit code): its notice board
  if (code.length === 12) {
    entries.push({ id: `board-${code}`, label: t('home:entries.board'), page: 'board', query: { villageCode: code } });
  }
  return entries;
}

/** The counsel's own ledger: log a service, see progress and the entries. */
export const counselLedgerEntries = (): Entry[] => [
  { id: 'ledger-entry', label: t('home:entries.ledgerEntry'), page: 'ledgerEntry', primary: true },
  { id: 'ledger-progress', label: t('home:entries.ledgerProgress'), page: 'ledgerProgress' },
  { id: 'ledger-entries', label: t('home:entries.ledgerEntries'), page: 'ledgerEntries' },
  { id: 'link-counsel-profile', label: t('home:entries.counselProfile'), page: 'counselProfile' },
];

/**
 * Work groups for everyone; asking and the service hall for villagers (bound to a village); the inboxes
 * for those who handle consultations and cases; and accepting an invitation to a role, for everyone.
 */
export function communicationEntries(user: Me): Entry[] {
  const entries: Entry[] = [{ id: 'link-groups', label: t('home:entries.groups'), page: 'groupList', primary: true }];
  // a resident the village has not confirmed yet does not ask as its villager
  if (user.village && user.residentStatus !== 'pending') {
    entries.push(
      { id: 'link-ask', label: t('home:entries.ask'), page: 'consultAsk' },
      { id: 'link-my-consultations', label: t('home:entries.myConsultations'), page: 'consultList', query: { box: 'mine' } },
      { id: 'link-hall', label: t('home:entries.hall'), page: 'hallIndex' },
      { id: 'link-feed', label: t('feed:entries.feed'), page: 'educationFeed' },
    );
  }
  // the legal-education feed's publishers (issue 17 item 2): counsel, township and county staff
  if (user.roles.some((g) => PUBLISHER_ROLES.includes(g.role))) {
    entries.push(
      { id: 'link-publish-article', label: t('feed:entries.publish'), page: 'educationPublish' },
      { id: 'link-my-articles', label: t('feed:entries.mine'), page: 'educationMine' },
    );
  }
  if (user.roles.some((g) => HANDLER_ROLES.includes(g.role))) {
    entries.push({ id: 'link-inbox', label: t('home:entries.inbox'), page: 'consultList', query: { box: 'inbox' } });
  }
  // the service hall's cases (后台统一受理): mediators handle them too
  if (user.roles.some((g) => CASE_HANDLER_ROLES.includes(g.role))) {
    entries.push({ id: 'link-case-inbox', label: t('home:entries.caseInbox'), page: 'hallInbox' });
  }
  // lectures (issue 17 item 1): a village's people sign up, its counsel announce
  if (user.roles.some((g) => g.role === 'villager' || g.role === 'counsel')) {
    entries.push({ id: 'link-lectures', label: t('lectures:title.list'), page: 'lecturesList' });
  }
  // everyone logged in sees this card: the place to accept a role someone invited them to
  entries.push({ id: 'link-redeem', label: t('home:entries.redeem'), page: 'redeem' });
  return entries;
}
