import board from '@vc/types/src/i18n/locales/zh-Hans/board.json';

export default definePageConfig({ navigationBarTitleText: board.title });
