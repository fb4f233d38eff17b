import login from '@vc/types/src/i18n/locales/zh-Hans/login.json';

export default definePageConfig({ navigationBarTitleText: login.title });
