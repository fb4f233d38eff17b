import { useEffect, type PropsWithChildren } from 'react';
import Taro, { usePageNotFound } from '@tarojs/taro';
import { PAGES } from './shared/nav';
import { getSession, subscribe } from './shared/session';
import { followAccountLanguage, i18n, labelTabBar, refreshLanguage } from './shared/i18n';
import { loadFontFor } from './shared/fonts';
import { DEFAULT_LANGUAGE, isLanguage } from '@vc/types/src/i18n/languages';
import './app.css';

/**
 * H5: a visitor without a session who opens the app's address goes straight to the login page. The
 * home page would send him there anyway (useSignedInUser), but only after its own code had been
 * fetched and run: on a slow network that cost about a second before the login page showed
 * (bench/firstpaint.ts). Runs before Taro's router reads the address (this module is imported first).
 */
if (process.env.TARO_ENV === 'h5' && !getSession()) {
  const route = window.location.hash.replace(/^#/, '').split('?')[0];
  if (route === '' || route === '/' || route === PAGES.index) window.history.replaceState(null, '', `#${PAGES.login}`);
}

function App({ children }: PropsWithChildren) {
  // an address that does not exist (an old shared link, a mistyped H5 address) says so and leads
  // on; WeChat requires the redirect to happen synchronously in this callback
  usePageNotFound(() => {
    void Taro.redirectTo({ url: PAGES.notFound }).catch(() => Taro.reLaunch({ url: PAGES.notFound }));
  });
  // H5: the splash index.html paints before any script arrives goes once the first page is drawn
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.getElementById('vc-splash')?.remove();
  }, []);
  // the person's language: its font, the tab bar's words, the document's lang (screen readers)
  useEffect(() => {
    const follow = (language: string) => {
      if (isLanguage(language)) loadFontFor(language);
      labelTabBar();
      if (process.env.TARO_ENV === 'h5') document.documentElement.lang = language;
    };
    // the app config already holds the Chinese
    if (i18n.language !== DEFAULT_LANGUAGE) follow(i18n.language);
    refreshLanguage();
    i18n.on('languageChanged', follow);
    const unsubscribe = subscribe((session) => followAccountLanguage(session?.user.language));
    return () => {
      i18n.off('languageChanged', follow);
      unsubscribe();
    };
  }, []);
  return children;
}

export default App;
