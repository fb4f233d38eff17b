import Taro from '@tarojs/taro';
import type { Language } from '@vc/types/src/i18n/languages';
import { apiBase } from './http';

/**
 * The fonts of the translations: most phones sold in China carry no Mongolian or Tibetan font, so
 * the app loads one from our server (GET /fonts/…, the @fontsource files, only the script's own
 * subset: about 100 KB each) when a person chooses the language. app.css names the families.
 */
const FONTS: Partial<Record<Language, { family: string; file: string }>> = {
  'mn-Mong': { family: 'VC Mongolian', file: 'noto-sans-mongolian.woff2' },
  bo: { family: 'VC Tibetan', file: 'noto-serif-tibetan.woff2' },
};
const loaded = new Set<Language>();

export function loadFontFor(language: Language): void {
  const font = FONTS[language];
  if (!font || loaded.has(language)) return;
  loaded.add(language);
  const base = apiBase() || (process.env.TARO_ENV === 'h5' ? window.location.origin : '');
  void Taro.loadFontFace({
    global: true,
    family: font.family,
    source: `url("${base}/fonts/${font.file}")`,
  }).catch(() => {
    // the system's font, if any, is named next in app.css
    loaded.delete(language);
  });
}
