import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The translations' fonts, served to the mini-program (Taro.loadFontFace) and the H5 app: only the
 * script's own subset of each @fontsource family (about 100 KB as woff2), not the whole family.
 */
const FILES: Record<string, { pkg: string; file: string }> = {
  'noto-sans-mongolian.woff2': { pkg: '@fontsource/noto-sans-mongolian', file: 'noto-sans-mongolian-mongolian-400-normal.woff2' },
  'noto-serif-tibetan.woff2': { pkg: '@fontsource/noto-serif-tibetan', file: 'noto-serif-tibetan-tibetan-400-normal.woff2' },
};

const cache = new Map<string, Buffer>();

/** The font file by its public name, or null for any other name. */
export function fontFile(name: string): Buffer | null {
  const entry = FILES[name];
  if (!entry) return null;
  let data = cache.get(name);
  if (!data) {
    const dir = path.dirname(require.resolve(`${entry.pkg}/package.json`));
    data = readFileSync(path.join(dir, 'files', entry.file));
    cache.set(name, data);
  }
  return data;
}
