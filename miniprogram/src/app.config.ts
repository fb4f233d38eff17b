/**
 * One subpackage per capability (its screens, components/ and services/ together); the main package
 * holds only home, login, binding a village and the notice board. shared/nav.ts PAGES names the same paths.
 */
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/bind/index', 'pages/board/index'],
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
    { root: 'privacy', pages: ['policy/index', 'me/index', 'profile/index', 'notices/index'] },
  ],
  permission: { 'scope.userLocation': { desc: '用于记录驻村服务的签到位置' } },
  requiredPrivateInfos: ['getLocation'],
  // WeChat's privacy guide: privacy interfaces wait for our pop-up (shared/components/PrivacyPopup.tsx)
  __usePrivacyCheck__: true,
  window: {
    navigationBarTitleText: '村法律顾问',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
});
