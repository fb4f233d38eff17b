import consult from '@vc/types/src/i18n/locales/zh-Hans/consult.json';

export default definePageConfig({ navigationBarTitleText: consult.list.title });
