export default definePageConfig({ navigationBarTitleText: '一村一法律顾问' });
