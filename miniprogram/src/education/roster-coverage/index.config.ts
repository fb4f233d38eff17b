import roster from '@vc/types/src/i18n/locales/zh-Hans/roster.json';

export default definePageConfig({ navigationBarTitleText: roster.coverage.title });
