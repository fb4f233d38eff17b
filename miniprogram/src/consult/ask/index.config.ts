export default definePageConfig({ navigationBarTitleText: '私下咨询' });
