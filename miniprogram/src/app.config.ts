/**
 * One subpackage per capability (its screens, components/ and services/ together); the main package
 * holds what opens the app and the tab bar: home (to-do first), 办事 (the role's work), 我的, login,
 * binding a village, the notice board and the page for an address that does not exist.
 * shared/nav.ts PAGES names the same paths (and TAB_PAGES the tabs).
 */
import common from '@vc/types/src/i18n/locales/zh-Hans/common.json';

// the config can only hold the Chinese: the title and tab texts follow the language at run time
// (Screen's title, shared/i18n.ts labelTabBar)
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/work/index',
    'pages/me/index',
    'pages/login/index',
    'pages/bind/index',
    'pages/board/index',
    'pages/not-found/index',
  ],
  subPackages: [
    {
      root: 'ledger',
      pages: [
        'entry/index',
        'entries/index',
        'progress/index',
        'review/index',
        'township-progress/index',
        'county-stats/index',
        'export/index',
      ],
    },
    { root: 'counsel', pages: ['assign/index', 'profile/index'] },
    { root: 'policy', pages: ['county/index'] },
    { root: 'groups', pages: ['list/index', 'chat/index', 'manage/index', 'held/index', 'reports/index'] },
    { root: 'consult', pages: ['list/index', 'thread/index', 'ask/index', 'overdue/index'] },
    { root: 'village', pages: ['residents/index'] },
    { root: 'staff', pages: ['invite/index', 'list/index'] },
    { root: 'account', pages: ['redeem/index', 'scan-login/index'] },
    { root: 'privacy', pages: ['policy/index', 'profile/index', 'notices/index'] },
    { root: 'inspections', pages: ['index'] },
    { root: 'hall', pages: ['index/index', 'legal-aid/index', 'apply/index', 'case/index', 'inbox/index'] },
    { root: 'backoffice', pages: ['callbacks/index', 'assessment/index'] },
    { root: 'lectures', pages: ['list/index', 'announce/index', 'detail/index', 'checkin/index'] },
    {
      root: 'education',
      pages: ['feed/index', 'article/index', 'publish/index', 'mine/index', 'roster/index', 'roster-coverage/index'],
    },
  ],
  permission: { 'scope.userLocation': { desc: common.app.locationPurpose } },
  requiredPrivateInfos: ['getLocation'],
  // WeChat's privacy guide: privacy interfaces wait for our pop-up (shared/components/PrivacyPopup.tsx)
  __usePrivacyCheck__: true,
  window: {
    navigationBarTitleText: common.app.title,
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    // the H5 build draws the same title bar, with back and home buttons (Taro's router)
    navigationStyle: 'default',
  },
  // home with the to-do counts, the role's work, and 我的 (issue 14 item 1); text tabs, large type
  tabBar: {
    color: '#444444',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: common.tabs.home },
      { pagePath: 'pages/work/index', text: common.tabs.work },
      { pagePath: 'pages/me/index', text: common.tabs.me },
    ],
  },
});
