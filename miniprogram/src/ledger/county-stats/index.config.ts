export default definePageConfig({ navigationBarTitleText: '达标统计' });
