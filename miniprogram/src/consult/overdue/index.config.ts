export default definePageConfig({ navigationBarTitleText: '超时咨询' });
