import account from '@vc/types/src/i18n/locales/zh-Hans/account.json';

export default definePageConfig({ navigationBarTitleText: account.scanLogin.title });
