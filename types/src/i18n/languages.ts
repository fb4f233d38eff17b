/**
 * The languages the app speaks (issue 17): Simplified Chinese, complete and the default; traditional
 * Mongolian script (Fumeng, seed 000, is a Mongolian autonomous county) and Tibetan (Qinghai, seed
 * 001) for the villager-facing screens. Codes are BCP 47 tags with the script where it matters
 * (mn-Mong, not mn, which would be Cyrillic Mongolian). A county may switch a language off.
 */
export const LANGUAGES = ['zh-Hans', 'mn-Mong', 'bo'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-Hans';

/** Each language named in itself, as a language picker shows it whatever the current language. */
export const LANGUAGE_AUTONYMS: Record<Language, string> = {
  'zh-Hans': '简体中文',
  'mn-Mong': 'ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ',
  bo: 'བོད་ཡིག',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The key of a translation file's note on who translated it and whether a native speaker reviewed it. */
export const META_KEY = '_meta';
