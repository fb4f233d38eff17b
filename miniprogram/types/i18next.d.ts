import 'i18next';
import type { zhHans } from '@vc/types/src/i18n/resources';

// the keys a page may ask for are those of the Chinese files: a missing or mistyped key fails tsc
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof zhHans;
  }
}
