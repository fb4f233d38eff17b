import privacy from '@vc/types/src/i18n/locales/zh-Hans/privacy.json';

export default definePageConfig({ navigationBarTitleText: privacy.policy.title });
