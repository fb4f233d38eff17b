/**
 * What a native component of a rendered page was given. miniprogram-simulate keeps only id and
 * data-* on native elements (j-component), so attributes such as a <button>'s open-type are read
 * where Taro sends them: the page's data tree (setData), under the short key its base template
 * (dist/base.wxml) binds to that attribute, e.g. open-type="{{i.p11}}".
 */
import fs from 'node:fs';
import path from 'node:path';

const BASE_WXML = path.resolve(__dirname, '../../../miniprogram/dist/base.wxml');
const keys = new Map<string, string | null>();

/** The data key Taro's base template binds to `attr` of native `tag`, e.g. ('button', 'open-type') → 'p11'. */
function keyOf(tag: string, attr: string): string | null {
  const id = `${tag} ${attr}`;
  if (!keys.has(id)) {
    const wxml = fs.readFileSync(BASE_WXML, 'utf8');
    const element = wxml.match(new RegExp(`<${tag}\\s[^>]*>`))?.[0] ?? '';
    keys.set(id, element.match(new RegExp(`\\s${attr}="\\{\\{(?:xs\\.b\\()?i\\.(\\w+)`))?.[1] ?? null);
  }
  return keys.get(id)!;
}

type Tree = Record<string, unknown>;

function find(tree: unknown, id: string): Tree | null {
  if (!tree || typeof tree !== 'object') return null;
  const t = tree as Tree;
  if (t.uid === id || t.sid === id) return t;
  for (const v of Object.values(t)) {
    const found = find(v, id);
    if (found) return found;
  }
  return null;
}

/** The value of `attr` given to the native `tag` with this id on the page (undefined: not given). */
export function nativeAttribute(page: { instance: Record<string, unknown> }, tag: string, id: string, attr: string): unknown {
  const key = keyOf(tag, attr);
  if (!key) throw new Error(`Taro's base template binds no ${attr} on <${tag}>`);
  const node = find((page.instance as { data?: unknown }).data, id);
  if (!node) throw new Error(`#${id} is not in the page's data`);
  return node[key];
}
