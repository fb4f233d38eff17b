/**
 * Issue 17: the language switch walked through the villager's screens in traditional Mongolian and
 * in Tibetan, on the H5 build served by the real server in headless Chromium at 375 px. On every
 * screen: the words are the translation's (the page's own title and texts in the script), the
 * script's font from our server is the one used, nothing sticks out sideways, and a screenshot is
 * saved to .cache/screenshots/languages/<language>/<screen>.png for people who read the language.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GroupListReply, Me } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import type { Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { UI_TIMEOUT, waitForShown } from './support/page';
import { screenshot } from './support/screenshot';
import { uiSuite } from './support/suite';

const suite = uiSuite();
const SHOTS = path.resolve(__dirname, '..', '..', '.cache', 'screenshots', 'languages');
const VILLAGE = '210921001001';

const SCRIPTS = {
  'mn-Mong': { letters: /[\u1820-\u18AA]/g, font: 'VC Mongolian' },
  bo: { letters: /[\u0F40-\u0FBC]/g, font: 'VC Tibetan' },
} as const;
type Translated = keyof typeof SCRIPTS;

interface Screen {
  name: string;
  route: string;
  ready: string;
  /** the resource files of the screen's own words */
  ns: string[];
  query?: () => Record<string, string>;
}
const groups = { village: '' };
const SCREENS: Screen[] = [
  { name: 'home', route: 'pages/index/index', ready: '#home-user-name', ns: ['home', 'privacy'] },
  {
    name: 'board',
    route: 'pages/board/index',
    ready: '#board-village-name',
    ns: ['board'],
    query: () => ({ villageCode: VILLAGE }),
  },
  { name: 'ask', route: 'consult/ask/index', ready: '#ask-submit', ns: ['consult'] },
  {
    name: 'my-consultations',
    route: 'consult/list/index',
    ready: '#consult-new',
    ns: ['consult'],
    query: () => ({ box: 'mine' }),
  },
  { name: 'groups', route: 'groups/list/index', ready: '#open-reports', ns: ['groups'] },
  {
    name: 'group-chat',
    route: 'groups/chat/index',
    ready: '#composer-input',
    ns: ['groups'],
    query: () => ({ code: groups.village }),
  },
  { name: 'lectures', route: 'lectures/list/index', ready: '#lectures-village', ns: ['lectures'] },
  { name: 'feed', route: 'education/feed/index', ready: '#education-feed .list-item', ns: ['feed'] },
  { name: 'hall', route: 'hall/index/index', ready: '.hall-entry', ns: ['hall'] },
  { name: 'me', route: 'pages/me/index', ready: '#language', ns: ['me', 'common'] },
];

/** What the page shows: its letters in the script, and the Han characters among them (names of people and places stay Chinese). */
async function pageText(b: Browser, ready: string): Promise<string> {
  return b.page.evaluate(
    (sel) => (document.querySelector(sel)?.closest<HTMLElement>('.taro_page') ?? document.body).innerText,
    ready,
  );
}

/** The screen's text nodes, trimmed: each label, button and line as drawn. */
async function textNodes(b: Browser, ready: string): Promise<string[]> {
  return b.page.evaluate((sel) => {
    const shown = document.querySelector(sel)?.closest<HTMLElement>('.taro_page') ?? document.body;
    const out: string[] = [];
    const walker = document.createTreeWalker(shown, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (text) out.push(text);
    }
    return out;
  }, ready);
}

/** Elements whose box reaches past the screen's right edge (text that does not wrap, a button too wide). */
async function overflowing(b: Browser, ready: string): Promise<string[]> {
  return b.page.evaluate((sel) => {
    // the screen shown (the one leaving may still slide out beside it)
    const screen = document.querySelector(sel)?.closest<HTMLElement>('.taro_page') ?? document.body;
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const e of Array.from(screen.querySelectorAll<HTMLElement>('*'))) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
      if (r.right > width + 1) out.push(`${e.tagName.toLowerCase()}#${e.id} ${Math.round(r.right)}px`);
    }
    return out.slice(0, 10);
  }, ready);
}

async function choose(b: Browser, language: string): Promise<void> {
  await b.page.goto(`${suite.stack.baseUrl}/#/pages/me/index`);
  await waitForShown(b, '#language');
  await b.page.click(`#language-${language}`);
  // the language's files come from the server first; the page follows once they are in
  await b.page.waitForFunction((l) => document.documentElement.lang === l, language, { timeout: UI_TIMEOUT });
}

type Tree = { [key: string]: string | Tree };
const LOCALES = path.resolve(__dirname, '..', '..', 'types', 'src', 'i18n', 'locales');
const read = (language: string, ns: string): Tree => {
  const file = path.join(LOCALES, language, `${ns}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Tree) : {};
};
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[prefix + k, v]] : prefix === '' && k === '_meta' ? [] : leaves(v, `${prefix}${k}.`),
  );
}
/** The Chinese of every word the translation has for these namespaces (whole phrases without placeholders). */
function translatedChinese(language: Translated, namespaces: string[]): string[] {
  return namespaces.flatMap((ns) => {
    const translated = new Set(leaves(read(language, ns)).map(([key]) => key));
    return leaves(read('zh-Hans', ns))
      .filter(([key, zh]) => translated.has(key) && !zh.includes('{{') && zh.length >= 4)
      .map(([, zh]) => zh);
  });
}

/**
 * The screen speaks the language: its script's letters are there, none of the Chinese words the
 * translation replaces is left (what people wrote, names and places stay as written), the
 * script's font from our server is in use, and nothing sticks out sideways.
 */
async function expectTranslated(
  b: Browser,
  name: string,
  language: Translated,
  namespaces: string[],
  ready: string,
): Promise<void> {
  const { letters, font } = SCRIPTS[language];
  // a screen draws its data after its frame: wait (a while) for the script to show before reading
  await b.page
    .waitForFunction(
      ({ sel, source }) =>
        new RegExp(source, 'g').test(document.querySelector(sel)?.closest<HTMLElement>('.taro_page')?.innerText ?? ''),
      { sel: ready, source: letters.source },
      { timeout: 10000 },
    )
    .catch(() => undefined);
  await b.page.evaluate(() => document.fonts.ready);
  const text = await pageText(b, ready);
  const inScript = text.match(letters)?.length ?? 0;
  // a word left is a whole text of the screen (a label, a button): the same words inside what people
  // or the county wrote (the board's procedures name 服务大厅) are theirs, not the app's
  const texts = new Set(await textNodes(b, ready));
  const leftInChinese = translatedChinese(language, namespaces).filter((zh) => texts.has(zh));
  // (the screen's text comes with a failure, to see what it showed)
  expect({ name, inScript: inScript > 10, leftInChinese, text: inScript > 10 ? '' : text.slice(0, 300) }).toEqual({
    name,
    inScript: true,
    leftInChinese: [],
    text: '',
  });
  // the script's font came from our server and is the one in use
  // (FontFaceSet.check answers true for a family nobody declared, so the face itself is looked up)
  const loaded = await b.page.evaluate((f) => {
    let found = false;
    document.fonts.forEach((face) => {
      if (face.family.replace(/["']/g, '') === f && face.status === 'loaded') found = true;
    });
    return found;
  }, font);
  expect({ name, font, loaded }).toEqual({ name, font, loaded: true });
  expect({ name, overflow: await overflowing(b, ready) }).toEqual({ name, overflow: [] });
}

async function walk(language: Translated): Promise<void> {
  const who = await findIdentity(suite.stack.baseUrl, '林红霞', 'villager');
  const session = await demoLogin(suite.stack.baseUrl, who.id);
  const list = await api<GroupListReply>(suite.stack.baseUrl, 'GET', '/api/groups', session.token);
  groups.village = list.items.find((g) => g.tier === 'village')?.code ?? '';
  const b = suite.keep(await openAs(suite.stack.baseUrl, who));
  await b.page.setViewportSize({ width: 375, height: 740 });
  await choose(b, language);
  await b.page.waitForFunction((l) => document.documentElement.lang === l, language, { timeout: UI_TIMEOUT });
  expect((await api<Me>(suite.stack.baseUrl, 'GET', '/api/me', session.token)).language).toBe(language);

  for (const screen of SCREENS) {
    const qs = screen.query ? `?${new URLSearchParams(screen.query()).toString()}` : '';
    await b.page.goto(`${suite.stack.baseUrl}/#/${screen.route}${qs}`);
    await waitForShown(b, screen.ready);
    await expectTranslated(b, screen.name, language, screen.ns, screen.ready);
    await screenshot(b, path.join(SHOTS, language, `${screen.name}.png`));
  }

  // logged out, the phone keeps the language: the login page speaks it too
  await b.page.evaluate(() => localStorage.removeItem('vc.session'));
  await b.page.goto(`${suite.stack.baseUrl}/#/pages/login/index`);
  await waitForShown(b, '#demo-identities');
  await expectTranslated(b, 'login', language, ['login'], '#demo-identities');
  await screenshot(b, path.join(SHOTS, language, 'login.png'));

  // a villager without a village binds one in the language
  const unbound = await findIdentity(suite.stack.baseUrl, '何春生', 'villager');
  const u = suite.keep(await openAs(suite.stack.baseUrl, unbound, '#village-query'));
  await u.page.setViewportSize({ width: 375, height: 740 });
  await choose(u, language);
  await u.page.goto(`${suite.stack.baseUrl}/#/pages/bind/index`);
  await waitForShown(u, '#village-query');
  await expectTranslated(u, 'bind', language, ['bind'], '#village-query');
  await screenshot(u, path.join(SHOTS, language, 'bind.png'));
}

it('a villager reads her screens in traditional Mongolian', async () => {
  await walk('mn-Mong');
});

it('a villager reads her screens in Tibetan', async () => {
  await walk('bo');
});

it('county staff switch Tibetan off on the policy page: the villager is offered it no more and reads Chinese', async () => {
  const county = suite.keep(await openAs(suite.stack.baseUrl, await findIdentity(suite.stack.baseUrl, '赵振华', 'county_staff')));
  await county.page.goto(`${suite.stack.baseUrl}/#/policy/county/index`);
  await waitForShown(county, '#policy-language-bo-toggle');
  await county.page.click('#policy-language-bo-toggle');
  await county.page.waitForFunction(
    () => document.querySelector('#policy-language-bo')?.textContent?.includes('已关闭'),
    undefined,
    {
      timeout: UI_TIMEOUT,
    },
  );
  const token = (await demoLogin(suite.stack.baseUrl, (await findIdentity(suite.stack.baseUrl, '赵振华', 'county_staff')).id))
    .token;
  const policy = await api<{ languagesOff: string[] }>(suite.stack.baseUrl, 'GET', '/api/counties/210921/policy', token);
  expect(policy.languagesOff).toEqual(['bo']);

  const villager = await findIdentity(suite.stack.baseUrl, '林红霞', 'villager');
  const b = suite.keep(await openAs(suite.stack.baseUrl, villager));
  await b.page.goto(`${suite.stack.baseUrl}/#/pages/me/index`);
  await waitForShown(b, '#language');
  expect(await b.page.locator('#language-bo').count()).toBe(0);
  expect(await b.page.locator('#language-mn-Mong').count()).toBe(1);
  const me = await api<Me>(suite.stack.baseUrl, 'GET', '/api/me', (await demoLogin(suite.stack.baseUrl, villager.id)).token);
  expect(me.language).toBe('zh-Hans');
  expect(me.languages).toEqual(['zh-Hans', 'mn-Mong']);
});
