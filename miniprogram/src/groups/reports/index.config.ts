export default definePageConfig({ navigationBarTitleText: '举报与审核' });
