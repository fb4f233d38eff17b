import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@vc/types/src/i18n/languages';
import { readText, writeStored } from './storage';

/**
 * The language this phone shows, kept in its storage so the first screen after a restart is already
 * in it (the account keeps it too: shared/i18n.ts follows the account's choice on login). Its own
 * module so the request layer (http.ts) can send it without importing i18next.
 */
const LANGUAGE_KEY = 'vc.language';

export function storedLanguage(): Language {
  const v = readText(LANGUAGE_KEY);
  return isLanguage(v) ? v : DEFAULT_LANGUAGE;
}

export function storeLanguage(language: Language): void {
  writeStored(LANGUAGE_KEY, language);
}
