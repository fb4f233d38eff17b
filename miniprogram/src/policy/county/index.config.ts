export default definePageConfig({ navigationBarTitleText: '县级政策设置' });
