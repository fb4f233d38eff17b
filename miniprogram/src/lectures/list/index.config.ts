import lectures from '@vc/types/src/i18n/locales/zh-Hans/lectures.json';

export default definePageConfig({ navigationBarTitleText: lectures.title.list });
