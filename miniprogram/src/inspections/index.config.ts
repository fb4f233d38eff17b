import inspections from '@vc/types/src/i18n/locales/zh-Hans/inspections.json';

export default definePageConfig({ navigationBarTitleText: inspections.title });
