export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/bind/index', 'pages/board/index'],
  subPackages: [
    { root: 'county', pages: ['assign/index', 'policy/index', 'stats/index', 'export/index'] },
    { root: 'ledger', pages: ['progress/index', 'entry/index', 'entries/index'] },
    { root: 'township', pages: ['review/index', 'progress/index'] },
    { root: 'groups', pages: ['list/index', 'chat/index', 'manage/index', 'held/index'] },
    { root: 'consult', pages: ['list/index', 'thread/index', 'ask/index', 'overdue/index'] },
  ],
  permission: { 'scope.userLocation': { desc: '用于记录驻村服务的签到位置' } },
  requiredPrivateInfos: ['getLocation'],
  window: {
    navigationBarTitleText: '村法律顾问',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
});
