import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LANGUAGE, type Language } from '@vc/types/src/i18n/languages';
import type { LanguageResources } from '@vc/types';

/**
 * The resource files of every language, read once from the contracts package
 * (types/src/i18n/locales/<language>/<namespace>.json): one file per namespace, so adding a
 * namespace or a translation is adding a file. `errors.json` of a translation holds the error
 * catalogue's messages (types/src/errors.ts, the Chinese) by code.
 */
const LOCALES = path.resolve(__dirname, '..', '..', '..', '..', 'types', 'src', 'i18n', 'locales');

type Bundles = LanguageResources['bundles'];
const cache = new Map<Language, Bundles>();

export function bundlesOf(language: Language): Bundles {
  const hit = cache.get(language);
  if (hit) return hit;
  const dir = path.join(LOCALES, language);
  const bundles: Bundles = {};
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      bundles[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Bundles[string];
    }
  }
  cache.set(language, bundles);
  return bundles;
}

/** An error's message in a translation, or undefined (Chinese, or a code the translation lacks). */
export function translatedError(language: Language, code: string): string | undefined {
  if (language === DEFAULT_LANGUAGE) return undefined;
  const message = bundlesOf(language).errors?.[code];
  return typeof message === 'string' ? message : undefined;
}
