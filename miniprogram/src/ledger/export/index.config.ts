import ledger from '@vc/types/src/i18n/locales/zh-Hans/ledger.json';

export default definePageConfig({ navigationBarTitleText: ledger.export.title });
