/**
 * Issue 17: every word a person sees in the mini-program comes from the resource files
 * (types/src/i18n/locales). These tests read the source: a Han character in a string or in JSX
 * text of any page, component or helper fails, naming the file and line; and each translation
 * keeps to the Chinese files' keys and interpolations and says who translated it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { LANGUAGES, DEFAULT_LANGUAGE, META_KEY } from '../../types/src/i18n/languages';
import { NAMESPACES, zhHans } from '../../types/src/i18n/resources';
import { ERRORS } from '../../types/src/errors';

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'miniprogram', 'src');
const LOCALES = path.join(ROOT, 'types', 'src', 'i18n', 'locales');
const HAN = /\p{Script=Han}/u;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** The strings, template parts and JSX texts of a source file that contain Han characters (comments are not looked at). */
export function hardCodedHan(fileName: string, source: string): { line: number; text: string }[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      if (HAN.test(node.text))
        found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text.trim() });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('no words outside the resource files', () => {
  it('finds Han characters in strings and JSX text, not in comments', () => {
    const source = `// 首页 in a comment is fine\nconst a = '首页';\nconst b = \`共 \${n} 条\`;\nconst c = <View>办事</View>;\nconst d = t('tabs.home');`;
    expect([...new Set(hardCodedHan('x.tsx', source).map((f) => f.line))]).toEqual([2, 3, 4]);
  });

  it('no page, component or helper of the mini-program holds a Han character', () => {
    const offenders = filesUnder(SRC).flatMap((file) =>
      hardCodedHan(file, readFileSync(file, 'utf8')).map((f) => `${path.relative(ROOT, file)}:${f.line} ${f.text}`),
    );
    expect(offenders).toEqual([]);
  });
});

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (!prefix && key === META_KEY) continue;
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(at, value);
    else for (const [k, v] of leaves(value, at)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the resource files', () => {
  it('registers every Chinese file as a namespace, and only those', () => {
    const files = readdirSync(path.join(LOCALES, DEFAULT_LANGUAGE)).map((f) => f.replace(/\.json$/, ''));
    expect([...NAMESPACES].sort()).toEqual(files.sort());
  });

  for (const language of LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE)) {
    describe(language, () => {
      const dir = path.join(LOCALES, language);
      const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

      it('has files for namespaces that exist (or the error catalogue), each saying who translated it and that it awaits review', () => {
        expect(files.length).toBeGreaterThan(0);
        for (const file of files) {
          const ns = file.replace(/\.json$/, '');
          expect(['errors', ...NAMESPACES]).toContain(ns);
          const meta = (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>)[META_KEY] as Record<
            string,
            string
          >;
          expect(meta?.translator).toBeTruthy();
          expect(meta?.review).toMatch(/native speaker/);
        }
      });

      it('translates only keys the Chinese has, with the same {{placeholders}}, and no Chinese left in', () => {
        const problems: string[] = [];
        for (const file of files.filter((f) => f !== 'errors.json')) {
          const ns = file.replace(/\.json$/, '');
          const zh = leaves((zhHans as unknown as Record<string, Tree>)[ns] ?? {});
          for (const [key, text] of leaves(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Tree)) {
            const source = zh.get(key);
            if (source === undefined) problems.push(`${file} ${key}: not in the Chinese file`);
            else if (placeholders(source).join() !== placeholders(text).join())
              problems.push(`${file} ${key}: placeholders differ`);
            if (HAN.test(text)) problems.push(`${file} ${key}: Chinese left in`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('translates in errors.json only codes of the error catalogue (types/src/errors.ts), each a message with no Chinese left in', () => {
        const catalogue = files.includes('errors.json')
          ? (JSON.parse(readFileSync(path.join(dir, 'errors.json'), 'utf8')) as Record<string, unknown>)
          : {};
        const problems: string[] = [];
        for (const [code, message] of Object.entries(catalogue)) {
          if (code === META_KEY) continue;
          if (!Object.hasOwn(ERRORS, code)) problems.push(`errors.json ${code}: not a code of types/src/errors.ts`);
          if (typeof message !== 'string' || !message.trim()) problems.push(`errors.json ${code}: not a message`);
          else if (HAN.test(message)) problems.push(`errors.json ${code}: Chinese left in`);
        }
        expect(problems).toEqual([]);
      });
    });
  }
});
