export default definePageConfig({ navigationBarTitleText: '进度落后' });
