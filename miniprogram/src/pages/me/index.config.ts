import common from '@vc/types/src/i18n/locales/zh-Hans/common.json';

export default definePageConfig({ navigationBarTitleText: common.tabs.me });
