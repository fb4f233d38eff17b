/**
 * Benchmark 5: first paint of the H5 app on a slow network.
 *
 * The H5 build is copied once into a temporary folder (others may rebuild miniprogram/dist-h5 during
 * the run) together with a minimal static HTML page, and served by the real server (tests/support/
 * stack.ts with the demo data, H5_DIR pointing at the copy). Headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core) loads it through the Chrome DevTools Protocol's
 * Network.emulateNetworkConditions: 400 kbit/s down and up, 400 ms latency added to every request;
 * no CPU throttling. Each load is a fresh browser context (empty cache).
 *
 * Measured from navigation start, in the page itself:
 *   - first contentful paint (PerformanceObserver 'paint' entries);
 *   - the login page's demo identities (#demo-identities) shown: the start of the animation frame after
 *     the element is in the document with a non-empty box (a MutationObserver watches for it); FCP is a
 *     presentation time, a few ms after its frame starts, so on the floor page "shown" comes just before FCP;
 *   - the bytes of JS and CSS transferred before that (Resource Timing transferSize, responseEnd before);
 *   - the same for a signed-in villager (林红霞's session put in localStorage before the app loads, as
 *     her phone keeps it): the home page's greeting (#home-user-name) shown.
 * The floor is the same throttled load, in the same run, of the minimal page (one paragraph of text)
 * from the same server: the network's own cost of a first paint.
 *
 * Also static: the JS and CSS the home page needs (what index.html loads and preloads, plus the home
 * page's chunks as listed in the app's route table), as built and as served with brotli, next to the
 * weapp package sizes.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startStack } from '../tests/support/stack';
import { demoLoginByName } from '../tests/miniprogram/support/http';
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from '../tests/e2e/support/browser';
import { compare, sideOf, type Comparison } from './lib/report';
import { spread } from './lib/stats';

const root = path.resolve(__dirname, '..');
export const DEFAULT_H5_DIR = path.join(root, 'miniprogram', 'dist-h5');

/** 400 kbit/s in bytes per second, as the DevTools protocol wants it */
export const NETWORK = { downKbit: 400, upKbit: 400, latencyMs: 400 };
const FLOOR_PAGE = 'bench-floor.html';
const FLOOR_HTML =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>下限</title></head>' +
  '<body><p id="floor">一村（居）一法律顾问</p></body></html>';
const LOGIN_SELECTOR = '#demo-identities';
/** the home page's greeting, drawn from the stored session before the server answers */
const HOME_SELECTOR = '#home-user-name';
const HOME_AS = '林红霞';
const SESSION_KEY = 'vc.session';

export interface LoadSample {
  fcpMs: number;
  visibleMs: number;
  /** JS and CSS bytes transferred (headers included) whose response ended before the content was shown */
  jsCssBytes: number;
  jsCssFiles: number;
  /** the document itself */
  documentBytes: number;
}

export interface BuiltFile {
  file: string;
  /** as built */
  bytes: number;
  /** as served to a browser that accepts brotli (the .br the build writes; the server sends it) */
  brBytes: number;
}

/** What one page needs before it can draw: the files index.html loads or preloads, then the page's chunks. */
export interface PageJs {
  page: string;
  /** the page's chunks the route table loads (shared ones first), beyond what index.html brings */
  chunks: BuiltFile[];
  /** index.html's scripts and preloads plus these chunks, JS and CSS */
  kb: number;
  brKb: number;
}

export interface HomeJs {
  /** scripts and stylesheets index.html loads, and the chunks it preloads */
  entry: BuiltFile[];
  home: PageJs;
  /** pages/login/index, where a visitor without a session lands */
  login: PageJs;
  /** all .js in the build (without licence texts) */
  allJsKb: number;
  allJsFiles: number;
}

export interface FirstPaintResult {
  h5Dir: string;
  builtAt: string;
  network: typeof NETWORK;
  cpuThrottling: 'none';
  rounds: number;
  product: LoadSample[];
  /** the same load by a signed-in villager (a stored session): the home page shown */
  home: LoadSample[];
  floor: LoadSample[];
  /** medians of the product's samples */
  median: { fcpMs: number; visibleMs: number; jsCssKb: number; jsCssFiles: number };
  homeJs: HomeJs;
  comparisons: Comparison[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function fileOf(dir: string, name: string): BuiltFile {
  const bytes = statSync(path.join(dir, name)).size;
  const br = path.join(dir, `${name}.br`);
  // files under the compression threshold (1 KB) are served as they are
  return { file: name, bytes, brBytes: existsSync(br) ? statSync(br).size : bytes };
}

/**
 * A chunk id's JS and CSS files: the build names them js/<name>.<hash>.js and css/<name>.<hash>.css,
 * where <name> is the chunk's name if it has one (the webpack runtime in app.js maps ids to names:
 * `__webpack_require__.u=function(a){return"js/"+({"252":"taro-pages",…}[a]||a)+…`), else its id.
 */
function chunkFiles(h5Dir: string, appSource: string): (id: string) => string[] {
  const names = appSource.match(/__webpack_require__\.u=function\(\w\)\{return"js\/"\+\((\{[^{}]*\})\[/);
  const nameOf = names ? (JSON.parse(names[1]!) as Record<string, string>) : {};
  const list = (dir: string, ext: string) =>
    readdirSync(path.join(h5Dir, dir))
      .filter((f) => f.endsWith(ext))
      .map((f) => `${dir}/${f}`);
  const built = [...list('js', '.js'), ...list('css', '.css')];
  return (id) => {
    const name = nameOf[id] ?? id;
    return built.filter((f) => f.startsWith(`js/${name}.`) || f.startsWith(`css/${name}.`));
  };
}

/** The JS and CSS the home page (and the login page) needs, from index.html and the app's route table. */
export function h5HomeJs(h5Dir: string = DEFAULT_H5_DIR): HomeJs {
  const html = readFileSync(path.join(h5Dir, 'index.html'), 'utf8');
  const linked = [
    ...[...html.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link[^>]*\shref="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!),
  ];
  const entry = [...new Set(linked)].map((f) => fileOf(h5Dir, f));
  const app = entry.find((e) => /(^|\/)app\.[^/]*\.js$/.test(e.file));
  if (!app) throw new Error(`${h5Dir}/index.html loads no app.*.js`);
  const appSource = readFileSync(path.join(h5Dir, app.file), 'utf8');
  const filesOf = chunkFiles(h5Dir, appSource);
  const jsFiles = readdirSync(path.join(h5Dir, 'js')).filter((f) => f.endsWith('.js'));
  const sum = (xs: BuiltFile[], pick: (x: BuiltFile) => number) => xs.reduce((t, x) => t + pick(x), 0);
  const pageOf = (page: string): PageJs => {
    const at = appSource.indexOf(`"path":"${page}","load":`);
    if (at < 0) throw new Error(`the route table in ${app.file} has no ${page}`);
    const load = appSource.slice(at, appSource.indexOf('.then(', at) + 1);
    const ids = [...load.matchAll(/\w\.e\((\d+)\)/g)].map((m) => m[1]!);
    const files = ids.flatMap((id) => {
      const found = filesOf(id);
      if (!found.length) throw new Error(`chunk ${id} of ${page} has no file in ${h5Dir}/js`);
      return found;
    });
    const chunks = [...new Set(files)].filter((f) => !entry.some((e) => e.file === f)).map((f) => fileOf(h5Dir, f));
    const all = [...entry, ...chunks];
    return { page, chunks, kb: kb(sum(all, (x) => x.bytes)), brKb: kb(sum(all, (x) => x.brBytes)) };
  };
  const allJs = jsFiles.reduce((t, f) => t + statSync(path.join(h5Dir, 'js', f)).size, 0);
  return {
    entry,
    home: pageOf('pages/index/index'),
    login: pageOf('pages/login/index'),
    allJsKb: kb(allJs),
    allJsFiles: jsFiles.length,
  };
}

/** h5HomeJs, or undefined when there is no H5 build in `h5Dir` (the size benchmark does not need one). */
export function h5HomeJsIfBuilt(h5Dir: string = DEFAULT_H5_DIR): HomeJs | undefined {
  return existsSync(path.join(h5Dir, 'index.html')) ? h5HomeJs(h5Dir) : undefined;
}

/**
 * Installed before any page script: records in window.__vcShownAt when the selector is first shown.
 * A string, not a function: tsx adds helper calls to named functions that do not exist in the page.
 */
const watchFor = (selector: string) => `(() => {
  const check = () => {
    if (window.__vcShownAt !== undefined) return true;
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return false;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    // the frame the element is drawn in
    requestAnimationFrame(() => { if (window.__vcShownAt === undefined) window.__vcShownAt = performance.now(); });
    return true;
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  document.addEventListener('DOMContentLoaded', () => { if (check()) observer.disconnect(); });
})();`;

/** Before any page script: the session a signed-in person's phone keeps (Taro's H5 storage wraps it as { data }). */
const withSession = (session: unknown) =>
  `localStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(JSON.stringify({ data: session }))});`;

async function load(browser: Browser, url: string, selector: string, before = ''): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: NETWORK.latencyMs,
      downloadThroughput: (NETWORK.downKbit * 1000) / 8,
      uploadThroughput: (NETWORK.upKbit * 1000) / 8,
    });
    await page.addInitScript({ content: before + watchFor(selector) });
    await page.goto(url, { waitUntil: 'commit', timeout: 120000 });
    await page.waitForFunction(() => (window as unknown as { __vcShownAt?: number }).__vcShownAt !== undefined, null, {
      timeout: 180000,
      polling: 200,
    });
    return await page.evaluate(() => {
      const shown = (window as unknown as { __vcShownAt: number }).__vcShownAt;
      const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (r) => r.responseEnd <= shown && /\.(js|css)(\?|$)/.test(new URL(r.name).pathname),
      );
      return {
        fcpMs: fcp ? fcp.startTime : NaN,
        visibleMs: shown,
        jsCssBytes: resources.reduce((s, r) => s + r.transferSize, 0),
        jsCssFiles: resources.length,
        documentBytes: nav?.transferSize ?? 0,
      };
    });
  } finally {
    await context.close();
  }
}

export async function benchFirstPaint(
  log: (line: string) => void,
  options: { h5Dir?: string; rounds?: number } = {},
): Promise<FirstPaintResult> {
  const source = path.resolve(options.h5Dir ?? DEFAULT_H5_DIR);
  const rounds = options.rounds ?? 3;
  if (!existsSync(path.join(source, 'index.html')))
    throw new Error(`${source}/index.html is missing: build the H5 app first (npm run build:h5)`);
  // a frozen copy: others may rebuild dist-h5 while this runs
  const dir = mkdtempSync(path.join(tmpdir(), 'vc-bench-h5-'));
  cpSync(source, dir, { recursive: true });
  writeFileSync(path.join(dir, FLOOR_PAGE), FLOOR_HTML);
  const builtAt = statSync(path.join(source, 'index.html')).mtime.toISOString();
  const homeJs = h5HomeJs(dir);

  const stack = await startStack({ seedDemo: true, env: { H5_DIR: dir } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const product: LoadSample[] = [];
  const home: LoadSample[] = [];
  const floor: LoadSample[] = [];
  try {
    const signedIn = withSession(await demoLoginByName(stack.baseUrl, HOME_AS));
    // one throttled warm-up of each: the server's first answers (file reads, the demo query) not counted
    await load(browser, `${stack.baseUrl}/${FLOOR_PAGE}`, '#floor');
    await load(browser, `${stack.baseUrl}/`, LOGIN_SELECTOR);
    await load(browser, `${stack.baseUrl}/`, HOME_SELECTOR, signedIn);
    for (let i = 0; i < rounds; i++) {
      // alternate, so drift on a shared machine hits both sides
      floor.push(await load(browser, `${stack.baseUrl}/${FLOOR_PAGE}`, '#floor'));
      product.push(await load(browser, `${stack.baseUrl}/`, LOGIN_SELECTOR));
      home.push(await load(browser, `${stack.baseUrl}/`, HOME_SELECTOR, signedIn));
      const p = product[product.length - 1]!;
      const h = home[home.length - 1]!;
      log(
        `  round ${i + 1}/${rounds}: H5 FCP ${p.fcpMs.toFixed(0)} ms, login shown ${p.visibleMs.toFixed(0)} ms, ` +
          `${kb(p.jsCssBytes)} KB JS/CSS; home (signed in) shown ${h.visibleMs.toFixed(0)} ms, ${kb(h.jsCssBytes)} KB; ` +
          `floor FCP ${floor[floor.length - 1]!.fcpMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const med = (xs: number[]) => spread(xs).p50;
  const net = `${NETWORK.downKbit} kbit/s, ${NETWORK.latencyMs} ms`;
  const comparisons = [
    compare(
      'H5 first paint',
      `first contentful paint (${net})`,
      sideOf(
        'H5 app at / (index.html, its JS and CSS)',
        product.map((s) => s.fcpMs),
      ),
      sideOf(
        'a minimal static HTML page, same server',
        floor.map((s) => s.fcpMs),
      ),
    ),
    compare(
      'H5 first paint',
      `login page shown (${LOGIN_SELECTOR}; ${net})`,
      sideOf(
        'H5 app at / → login page, demo identities from /api',
        product.map((s) => s.visibleMs),
      ),
      sideOf(
        "the minimal page's text shown",
        floor.map((s) => s.visibleMs),
      ),
      'p50 latency',
      [
        `JS+CSS transferred before it: ${kb(med(product.map((s) => s.jsCssBytes)))} KB in ${med(product.map((s) => s.jsCssFiles))} files ` +
          `(median; at ${NETWORK.downKbit} kbit/s that alone is ${((med(product.map((s) => s.jsCssBytes)) * 8) / NETWORK.downKbit / 1000).toFixed(1)} s)`,
      ],
    ),
    compare(
      'H5 first paint',
      `home page shown, signed in (${HOME_SELECTOR}; ${net})`,
      sideOf(
        `H5 app at / with ${HOME_AS}'s stored session → home page`,
        home.map((s) => s.visibleMs),
      ),
      sideOf(
        "the minimal page's text shown",
        floor.map((s) => s.visibleMs),
      ),
      'p50 latency',
      [
        `JS+CSS transferred before it: ${kb(med(home.map((s) => s.jsCssBytes)))} KB in ${med(home.map((s) => s.jsCssFiles))} files (median)`,
      ],
    ),
  ];
  return {
    h5Dir: source,
    builtAt,
    network: NETWORK,
    cpuThrottling: 'none',
    rounds,
    product,
    home,
    floor,
    median: {
      fcpMs: med(product.map((s) => s.fcpMs)),
      visibleMs: med(product.map((s) => s.visibleMs)),
      jsCssKb: kb(med(product.map((s) => s.jsCssBytes))),
      jsCssFiles: med(product.map((s) => s.jsCssFiles)),
    },
    homeJs,
    comparisons,
  };
}
