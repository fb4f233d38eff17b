import Taro from '@tarojs/taro';

/**
 * Every screen, by capability. The main package (pages/) holds only what opens the app: home,
 * login, binding a village, the notice board; each other capability is a subpackage loaded when
 * first opened (app.config.ts lists the same paths).
 */
export const PAGES = {
  // main package: the three tabs (TAB_PAGES), then what opens the app
  index: '/pages/index/index',
  work: '/pages/work/index',
  me: '/pages/me/index',
  notFound: '/pages/not-found/index',
  login: '/pages/login/index',
  bind: '/pages/bind/index',
  board: '/pages/board/index',
  // ledger: the counsel's entries and progress, the township's review and progress, the county's statistics and export
  ledgerEntry: '/ledger/entry/index',
  ledgerEntries: '/ledger/entries/index',
  ledgerProgress: '/ledger/progress/index',
  ledgerReview: '/ledger/review/index',
  ledgerTownshipProgress: '/ledger/township-progress/index',
  ledgerCountyStats: '/ledger/county-stats/index',
  ledgerExport: '/ledger/export/index',
  // counsel: assigning counsel to villages (county staff)
  counselAssign: '/counsel/assign/index',
  // counsel: a counsel's profile on the notice board (the counsel's own, or corrected by county staff)
  counselProfile: '/counsel/profile/index',
  // policy: the county's targets and deadlines (county staff)
  countyPolicy: '/policy/county/index',
  // groups: work groups and their moderation
  groupList: '/groups/list/index',
  groupChat: '/groups/chat/index',
  groupManage: '/groups/manage/index',
  groupHeld: '/groups/held/index',
  // groups: reports (举报) and held consultation texts (township staff decide; everyone sees their own reports)
  groupReports: '/groups/reports/index',
  // consult: private consultations
  consultList: '/consult/list/index',
  consultThread: '/consult/thread/index',
  consultAsk: '/consult/ask/index',
  consultOverdue: '/consult/overdue/index',
  // village: what village cadres do (confirming residents)
  villageResidents: '/village/residents/index',
  // staff: inviting people to a role, the staff list and its record of role changes (county and township staff)
  staffInvite: '/staff/invite/index',
  staffList: '/staff/list/index',
  // account: accepting an invitation (opened by its mini-program code or by typing the code)
  redeem: '/account/redeem/index',
  // account: confirming a PC's scan-to-login (opened by the code on the PC's login page)
  scanLogin: '/account/scan-login/index',
  // privacy: the privacy policy (我的, with the account, data copy and cancellation, is the tab `me`)
  privacyPolicy: '/privacy/policy/index',
  // privacy: 我的资料 (avatar, name, and the phone where the role needs one)
  privacyProfile: '/privacy/profile/index',
  // privacy: 提醒设置 (which subscribe-message notices are on, and turning them on)
  privacyNotices: '/privacy/notices/index',
  // inspections: the monthly inspection of village groups (township and county staff)
  inspections: '/inspections/index',
  // hall: the service hall (legal aid, mediation, bookings, complaints as tracked cases) and its inbox
  hallIndex: '/hall/index/index',
  hallLegalAid: '/hall/legal-aid/index',
  hallApply: '/hall/apply/index',
  hallCase: '/hall/case/index',
  hallInbox: '/hall/inbox/index',
  // backoffice: call-backs (township staff) and the assessment figures (county staff), issue 16
  backofficeCallbacks: '/backoffice/callbacks/index',
  backofficeAssessment: '/backoffice/assessment/index',
  // lectures: announcements, sign-up, the QR check-in and the ledger entry (issue 17 item 1)
  lecturesList: '/lectures/list/index',
  lecturesAnnounce: '/lectures/announce/index',
  lecturesDetail: '/lectures/detail/index',
  lecturesCheckin: '/lectures/checkin/index',
  // education: the legal-education feed (villagers), an article, publishing and one's own articles (staff and counsel),
  // the legal-literate roster (township staff) and its coverage per village (county staff), issue 17
  educationFeed: '/education/feed/index',
  educationArticle: '/education/article/index',
  educationPublish: '/education/publish/index',
  educationMine: '/education/mine/index',
  educationRoster: '/education/roster/index',
  educationCoverage: '/education/roster-coverage/index',
} as const;

export type PageName = keyof typeof PAGES;

/** The tab bar's pages (app.config.ts tabBar): reached by switchTab, which takes no query. */
export const TAB_PAGES: readonly PageName[] = ['index', 'work', 'me'];
const isTab = (page: PageName) => TAB_PAGES.includes(page);

function withQuery(url: string, query?: Record<string, string>): string {
  if (!query) return url;
  const qs = Object.keys(query)
    .map((k) => `${k}=${encodeURIComponent(query[k] ?? '')}`)
    .join('&');
  return qs ? `${url}?${qs}` : url;
}

export function goto(page: PageName, query?: Record<string, string>): void {
  if (isTab(page)) void Taro.switchTab({ url: PAGES[page] });
  else void Taro.navigateTo({ url: withQuery(PAGES[page], query) });
}

export function replaceWith(page: PageName, query?: Record<string, string>): void {
  if (isTab(page)) void Taro.switchTab({ url: PAGES[page] });
  else void Taro.redirectTo({ url: withQuery(PAGES[page], query) });
}

/** Back to a fresh home page (after login, bind, logout). */
export function restart(): void {
  void Taro.reLaunch({ url: PAGES.index });
}
