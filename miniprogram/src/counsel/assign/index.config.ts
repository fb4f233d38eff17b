import counsel from '@vc/types/src/i18n/locales/zh-Hans/counsel.json';

export default definePageConfig({ navigationBarTitleText: counsel.assign.title });
