/**
 * The home page's entry points into each capability, by role: one table, so what a role can open
 * is read (and changed) in one place. Ids are stable: tests tap them.
 */
import type { Me, Role, RoleGrant } from '@vc/types';
import type { PageName } from '../../shared/nav';
import { t } from '../../shared/i18n';

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

/** Roles that handle consultations (they get the inbox). */
const HANDLER_ROLES: readonly Role[] = ['counsel', 'township_staff', 'county_staff', 'county_expert'];

/** What a staff grant opens at its place: county staff and township staff work on their place's capabilities. */
export function grantEntries(grant: RoleGrant): Entry[] {
  const code = grant.placeCode;
  const entries: Entry[] = [];
  if (grant.role === 'county_staff') {
    const county = { countyCode: code };
    entries.push(
      { id: `assign-${code}`, label: '法律顾问指派', page: 'counselAssign', query: county, primary: true },
      { id: 'link-county-policy', label: '县级政策设置', page: 'countyPolicy', query: county },
      { id: 'link-county-stats', label: '达标统计', page: 'ledgerCountyStats', query: county },
      { id: 'link-county-export', label: '导出台账', page: 'ledgerExport', query: county },
      { id: 'link-county-held-posts', label: '待审核群消息', page: 'groupHeld', query: { code } },
      { id: 'link-county-invite', label: '邀请与人员', page: 'staffInvite', query: { code } },
      { id: 'link-county-staff', label: '人员名单', page: 'staffList', query: { code } },
    );
  }
  if (grant.role === 'township_staff') {
    const township = { townshipCode: code };
    entries.push(
      { id: `ledger-review-${code}`, label: '台账审核', page: 'ledgerReview', query: township, primary: true },
      { id: 'link-township-progress', label: '进度落后的村', page: 'ledgerTownshipProgress', query: township },
      { id: 'link-held-posts', label: '待审核群消息', page: 'groupHeld', query: { code } },
      { id: 'link-overdue', label: '超时咨询', page: 'consultOverdue', query: township },
      { id: 'link-township-invite', label: '邀请与人员', page: 'staffInvite', query: { code } },
      { id: 'link-township-staff', label: '人员名单', page: 'staffList', query: { code } },
    );
  }
  if (grant.role === 'village_cadre') {
    entries.push({
      id: `residents-${code}`,
      label: '村民身份确认',
      page: 'villageResidents',
      query: { villageCode: code },
      primary: true,
    });
  }
  // a grant at a village (12-digit code): its notice board
  if (code.length === 12) {
    entries.push({ id: `board-${code}`, label: '查看公示栏', page: 'board', query: { villageCode: code } });
  }
  return entries;
}

/** The counsel's own ledger: log a service, see progress and the entries. */
export const COUNSEL_LEDGER_ENTRIES: readonly Entry[] = [
  { id: 'ledger-entry', label: '登记台账', page: 'ledgerEntry', primary: true },
  { id: 'ledger-progress', label: '我的服务进度', page: 'ledgerProgress' },
  { id: 'ledger-entries', label: '我的台账', page: 'ledgerEntries' },
  { id: 'link-counsel-profile', label: '我的顾问资料', page: 'counselProfile' },
];

/**
 * Work groups for everyone; asking and the service hall for villagers (bound to a village); the inboxes
 * for those who handle consultations and cases; and accepting an invitation to a role, for everyone.
 */
export function communicationEntries(user: Me): Entry[] {
  const entries: Entry[] = [{ id: 'link-groups', label: '工作群', page: 'groupList', primary: true }];
  // a resident the village has not confirmed yet does not ask as its villager
  if (user.village && user.residentStatus !== 'pending') {
    entries.push(
      { id: 'link-ask', label: '私下咨询法律顾问', page: 'consultAsk' },
      { id: 'link-my-consultations', label: '我的咨询', page: 'consultList', query: { box: 'mine' } },
      { id: 'link-hall', label: '服务大厅', page: 'hallIndex' },
    );
  }
  if (user.roles.some((g) => HANDLER_ROLES.includes(g.role))) {
    entries.push({ id: 'link-inbox', label: '咨询待办', page: 'consultList', query: { box: 'inbox' } });
  }
  // the service hall's cases (后台统一受理): mediators handle them too
  if (user.roles.some((g) => CASE_HANDLER_ROLES.includes(g.role))) {
    entries.push({ id: 'link-case-inbox', label: '办事大厅待办', page: 'hallInbox' });
  }
  // lectures (issue 17 item 1): a village's people sign up, its counsel announce
  if (user.roles.some((g) => g.role === 'villager' || g.role === 'counsel')) {
    entries.push({ id: 'link-lectures', label: t('lectures:title.list'), page: 'lecturesList' });
  }
  // everyone logged in sees this card: the place to accept a role someone invited them to
  entries.push({ id: 'link-redeem', label: '输入邀请码', page: 'redeem' });
  return entries;
}
