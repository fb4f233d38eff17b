import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import Taro from '@tarojs/taro';
import { DEFAULT_LANGUAGE, META_KEY, type Language } from '@vc/types/src/i18n/languages';
import { NAMESPACES, zhHans } from '@vc/types/src/i18n/resources';
import { call } from './api';
import { storeLanguage, storedLanguage } from './language';
import { readObject, writeStored } from './storage';

/**
 * The app's words (issue 17), through i18next and react-i18next: a page asks for its namespace
 * (`useTranslation('consult')`) and its keys are checked by the compiler against the Chinese files
 * (types/i18next.d.ts). Chinese is bundled and complete; another language is downloaded once when
 * chosen and kept in the phone's storage, so the next start shows it at once and the main package
 * carries only Chinese. A key a translation lacks shows in Chinese (fallbackLng).
 */
const bundleKey = (language: Language) => `vc.i18n.${language}`;
type Bundles = Record<string, Record<string, unknown>>;

export const i18n = i18next.createInstance();

function addBundles(language: Language, bundles: Bundles): void {
  for (const ns of Object.keys(bundles)) {
    // the translator's note is for people reading the file, not a word of the app
    const words = { ...bundles[ns] };
    delete words[META_KEY];
    i18n.addResourceBundle(language, ns, words, true, true);
  }
}

const initial = storedLanguage();
const cached = initial === DEFAULT_LANGUAGE ? null : readObject<Bundles>(bundleKey(initial));
void i18n.use(initReactI18next).init({
  resources: { [DEFAULT_LANGUAGE]: zhHans },
  // a translation not yet downloaded on this phone: Chinese until it is (loadLanguage)
  lng: initial === DEFAULT_LANGUAGE || cached ? initial : DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  ns: NAMESPACES,
  defaultNS: 'common',
  // React escapes what it renders; i18next's escaping would show &amp; in names
  interpolation: { escapeValue: false },
  // synchronous: the first render already has the words
  initAsync: false,
  react: { useSuspense: false },
});
if (cached) addBundles(initial, cached);

/** Downloads a translation's files (once per start: they may have been corrected since) and keeps them. */
async function loadLanguage(language: Language): Promise<void> {
  if (language === DEFAULT_LANGUAGE) return;
  const reply = await call('languageResources', { params: { language } });
  addBundles(language, reply.bundles);
  writeStored(bundleKey(language), reply.bundles);
}

/** Shows the app in `language` from now on, on this phone (the account is saved by the caller). */
export async function switchLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

/** Refreshes the stored translation in the background after a start (a newer text, a reviewed file). */
export function refreshLanguage(): void {
  const language = storedLanguage();
  if (language === DEFAULT_LANGUAGE) return;
  void loadLanguage(language)
    .then(() => i18n.changeLanguage(language))
    .catch(() => undefined);
}

/** The words outside React (module-level messages, toasts from plain functions). */
export const t = i18n.t.bind(i18n);

/** The tab bar's words follow the language (the app config can only hold the Chinese). */
export function labelTabBar(): void {
  const tabs = [t('common:tabs.home'), t('common:tabs.work'), t('common:tabs.me')];
  tabs.forEach((text, index) => {
    void Taro.setTabBarItem({ index, text }).catch(() => undefined);
  });
}

/**
 * The account keeps the person's language: signing in on another phone, or a county switching the
 * language off (the server then answers Chinese), brings this phone to the account's. Called by the
 * app once it runs, not when this module loads: the storage and session modules this one reaches
 * (through the request layer) import it back, and may not have finished loading yet.
 */
export function followAccountLanguage(language: Language | undefined): void {
  if (language && language !== storedLanguage()) void switchLanguage(language).catch(() => undefined);
}
