import groups from '@vc/types/src/i18n/locales/zh-Hans/groups.json';

export default definePageConfig({ navigationBarTitleText: groups.reports.title });
