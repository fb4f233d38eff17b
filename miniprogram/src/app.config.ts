export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/bind/index', 'pages/board/index'],
  subPackages: [{ root: 'county', pages: ['assign/index'] }],
  window: {
    navigationBarTitleText: '村法律顾问',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
});
