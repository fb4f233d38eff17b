export default definePageConfig({ navigationBarTitleText: '工作群抽查' });
