export default definePageConfig({ navigationBarTitleText: '绑定所在村' });
