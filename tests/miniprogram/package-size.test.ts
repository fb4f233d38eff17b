/**
 * Issue 17's limit on the COMPILED weapp: the main package (what WeChat downloads before the first
 * screen) stays under 1 MB with i18next and the Chinese words in it, and the translations are not
 * in any package: they are downloaded when a person chooses one (GET /api/i18n/:language).
 * Needs `npm run build:weapp -w miniprogram`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DIST } from './support/taro-weapp';

const MB = 1024 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { subPackages: { root: string }[] };
const subRoots = app.subPackages.map((s) => path.join(DIST, s.root.replace(/\/$/, '')) + path.sep);
const all = filesUnder(DIST).filter((f) => !f.endsWith('.map'));
const main = all.filter((f) => !subRoots.some((root) => f.startsWith(root)));
/** A file's text with the \\uXXXX escapes the bundler writes for JSON modules read as the letters. */
const textOf = (f: string) =>
  readFileSync(f, 'utf8').replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

it('the main package is under 1 MB', () => {
  const bytes = main.reduce((sum, f) => sum + statSync(f).size, 0);
  expect(bytes).toBeGreaterThan(100 * 1024); // it is the app, not an empty folder
  expect(bytes).toBeLessThan(MB);
});

it('no package carries a translation: Mongolian and Tibetan letters come only from the server', () => {
  const withScript = all
    .filter((f) => /\.(js|json|wxml|wxss)$/.test(f))
    .filter((f) => {
      const text = textOf(f);
      // the languages' own names (the picker shows each in itself) are the only letters allowed
      const stripped = text.replace(/ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ|བོད་ཡིག/g, '');
      return /[\u1820-\u18AA\u0F40-\u0FBC]/.test(stripped);
    });
  expect(withScript.map((f) => path.relative(DIST, f))).toEqual([]);
  // and the Chinese words are in the main package (bundled: the first screen needs no download)
  expect(main.some((f) => f.endsWith('.js') && textOf(f).includes('用于记录驻村服务的签到位置'))).toBe(true);
});
