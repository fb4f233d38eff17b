import hall from '@vc/types/src/i18n/locales/zh-Hans/hall.json';

export default definePageConfig({ navigationBarTitleText: hall.index.title });
