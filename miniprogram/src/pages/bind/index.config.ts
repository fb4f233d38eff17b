import bind from '@vc/types/src/i18n/locales/zh-Hans/bind.json';

export default definePageConfig({ navigationBarTitleText: bind.title });
