import feed from '@vc/types/src/i18n/locales/zh-Hans/feed.json';

export default definePageConfig({ navigationBarTitleText: feed.publish.title });
