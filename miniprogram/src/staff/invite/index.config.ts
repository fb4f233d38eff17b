import staff from '@vc/types/src/i18n/locales/zh-Hans/staff.json';

export default definePageConfig({ navigationBarTitleText: staff.invite.title });
