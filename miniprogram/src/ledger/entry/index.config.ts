export default definePageConfig({ navigationBarTitleText: '登记工作台账' });
