import backoffice from '@vc/types/src/i18n/locales/zh-Hans/backoffice.json';

export default definePageConfig({ navigationBarTitleText: backoffice.assessment.title });
