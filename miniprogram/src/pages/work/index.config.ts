import home from '@vc/types/src/i18n/locales/zh-Hans/home.json';

export default definePageConfig({ navigationBarTitleText: home.work.title });
