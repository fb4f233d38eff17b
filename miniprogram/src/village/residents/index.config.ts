import village from '@vc/types/src/i18n/locales/zh-Hans/village.json';

export default definePageConfig({ navigationBarTitleText: village.residents.title });
