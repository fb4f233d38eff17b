import policy from '@vc/types/src/i18n/locales/zh-Hans/policy.json';

export default definePageConfig({ navigationBarTitleText: policy.county.title });
