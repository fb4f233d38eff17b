export default definePageConfig({ navigationBarTitleText: '办事详情' });
