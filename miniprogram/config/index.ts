import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import CompressionPlugin from 'compression-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import postcss from 'postcss';

/**
 * Build configuration of the mini-program (weapp → dist/, H5 → dist-h5/).
 *
 * Build-time settings (environment variables):
 * - TARO_APP_API_BASE  weapp only: API origin, default http://127.0.0.1:3000. H5 always uses the
 *                      page's own origin (the Koa server serves dist-h5 at / and the API at /api).
 * - TARO_APP_DEMO      '0' hides the demo-identity login; anything else offers it (the server
 *                      still decides: it lists demo identities only outside production).
 * At run time the storage key `vc.apiBase` overrides the API base (tests point it at a random port).
 */
const isH5 = process.env.TARO_ENV === 'h5';
const typesSrc = path.resolve(__dirname, '../../types/src');

/**
 * Method and path of every route (types/src/routes.ts PATHS), read from the contracts at build
 * time and injected as the constant VC_ROUTES: the app calls routes by id without bundling a
 * single zod schema, and no table of paths is written twice. Taro compiles only this folder's
 * TypeScript, so tsx reads the contracts in a child process (about 2 s).
 */
function routePaths(): string {
  const tsx = require.resolve('tsx/cli');
  const script = 'process.stdout.write(JSON.stringify(require(process.argv[1]).PATHS))';
  return execFileSync(process.execPath, [tsx, '-e', script, path.join(typesSrc, 'routes.ts')], { encoding: 'utf8' });
}

/**
 * The workspace hoists postcss-loader to the root next to miniprogram-simulate's postcss 7, so the
 * loader would pick PostCSS 7 ("postcss-import requires PostCSS 8"). Hand it Taro's PostCSS 8.
 */
interface ChainUse {
  get(key: string): unknown;
  tap(f: (o: Record<string, unknown>) => Record<string, unknown>): unknown;
}
interface ChainRule {
  uses: { values(): ChainUse[] };
  oneOfs: { values(): ChainRule[] };
  rules: { values(): ChainRule[] };
}
function usePostcss8(rule: ChainRule): void {
  for (const use of rule.uses.values()) {
    if (String(use.get('loader')).includes('postcss-loader')) {
      use.tap((o) => ({ ...o, implementation: postcss }));
    }
  }
  rule.oneOfs.values().forEach(usePostcss8);
  rule.rules.values().forEach(usePostcss8);
}
/**
 * Some Taro packages stay in miniprogram/node_modules while the ones that import them are hoisted
 * to the root (e.g. taro-h5 → @tarojs/plugin-framework-react): let webpack fall back to ours.
 */
const ownModules = path.resolve(__dirname, '../node_modules');
interface Chain {
  module: { rules: { values(): ChainRule[] } };
  resolve: { modules: { add(p: string): unknown }; alias: { set(k: string, v: string): unknown } };
  plugin(name: string): { use(plugin: unknown, args: unknown[]): unknown };
  optimization: { get(key: string): unknown; splitChunks(value: unknown): unknown };
}
function webpackChain(chain: Chain): void {
  chain.module.rules.values().forEach(usePostcss8);
  chain.resolve.modules.add('node_modules');
  chain.resolve.modules.add(ownModules);
}
/**
 * npm also left a second copy of @tarojs/router under taro-h5/node_modules; two routers means the
 * app's router is not the one Taro.redirectTo uses ("reading 'listen'"). Pin one copy.
 */
function h5WebpackChain(chain: Chain): void {
  webpackChain(chain);
  chain.resolve.alias.set('@tarojs/router$', path.join(ownModules, '@tarojs/router'));
  // compressed once at build, served as .br/.gz by the server (app.ts): the ~600 KB of JS and CSS
  // the login page needs cost ~12 s at 400 kbit/s uncompressed (bench/firstpaint.ts)
  const test = /\.(js|css|html|svg)$/;
  chain.plugin('gzip').use(CompressionPlugin, [{ test, filename: '[path][base].gz', algorithm: 'gzip', threshold: 1024 }]);
  chain.plugin('brotli').use(CompressionPlugin, [
    {
      test,
      filename: '[path][base].br',
      algorithm: 'brotliCompress',
      compressionOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } },
      threshold: 1024,
    },
  ]);
  splitPages(chain);
  // VC_H5_STATS=file writes webpack's module/chunk stats (which module lands in which chunk), to see
  // what a page's chunks carry
  const statsFile = process.env.VC_H5_STATS;
  if (statsFile) chain.plugin('vc-stats').use(StatsFile, [statsFile]);
}

/**
 * The file a module comes from: `resource` for JS; extracted CSS modules have none, their
 * nameForCondition() names the stylesheet (so NutUI's CSS joins its JS in the nutui chunk).
 */
interface SplitModule {
  resource?: string;
  nameForCondition?: () => string | null;
}
const fileOfModule = (m: SplitModule): string => (m.resource ?? m.nameForCondition?.() ?? '').replace(/\\/g, '/');

/** Capabilities: the subpackage roots of src/app.config.ts (one folder each under src/), read from it. */
const CAPABILITIES = [...readFileSync(path.join(__dirname, '../src/app.config.ts'), 'utf8').matchAll(/root:\s*'([^']+)'/g)].map(
  (m) => m[1]!,
);

/**
 * Taro's H5 build splits only the entry's chunks (splitChunks.chunks 'initial'), so each page's
 * chunk carried its own copy of Taro's component wrappers, Taro's H5 APIs and their polyfills
 * (about 265 KB of the 310 KB, before minifying, of the login page's chunk), and the home page's as well — a visitor on a
 * slow network fetched them twice before the login page showed. Pages' chunks are now split too:
 * - `taro-pages`: the Taro libraries every page uses, in one chunk index.html preloads next to the
 *   app's own scripts (PreloadChunks below), fetched once and cached for every later page;
 * - `nutui`: NutUI React Taro (toast, dialog, …), for the pages that use it;
 * - `cap-<capability>`: code shared by the pages of one capability (a subpackage in weapp), loaded
 *   with the first of its pages;
 * what a single page uses stays in its own chunk.
 */
function splitPages(chain: Chain): void {
  const taro = chain.optimization.get('splitChunks') as { cacheGroups?: Record<string, unknown> } & Record<string, unknown>;
  const capabilityGroups = Object.fromEntries(
    CAPABILITIES.map((cap) => [
      `cap-${cap}`,
      {
        name: `cap-${cap}`,
        chunks: 'async',
        minChunks: 2,
        priority: 5,
        test: (m: SplitModule) => fileOfModule(m).includes(`/src/${cap}/`),
      },
    ]),
  );
  chain.optimization.splitChunks({
    ...taro,
    cacheGroups: {
      ...taro.cacheGroups,
      'taro-pages': {
        name: 'taro-pages',
        chunks: 'async',
        minChunks: 2,
        priority: 120,
        enforce: true,
        test: (m: SplitModule) =>
          /\/node_modules\/(@tarojs\/|abortcontroller-polyfill|tslib|@babel\/runtime)/.test(fileOfModule(m)),
      },
      nutui: {
        name: 'nutui',
        chunks: 'async',
        minChunks: 2,
        priority: 110,
        enforce: true,
        test: (m: SplitModule) => fileOfModule(m).includes('/node_modules/@nutui/'),
      },
      ...capabilityGroups,
    },
  });
  chain.plugin('vc-preload').use(PreloadChunks, [['taro-pages']]);
}

interface HtmlTag {
  tagName: string;
  voidTag: boolean;
  attributes: Record<string, string | boolean>;
  innerHTML?: string;
  meta: Record<string, unknown>;
}
interface Compilation {
  namedChunks: Map<string, { files: Set<string> }>;
  chunkGroups: { origins: { request?: string }[]; chunks: { files: Set<string> }[] }[];
  outputOptions: { publicPath?: unknown };
}

/** The storage key of the session (src/shared/session.ts SESSION_KEY), read by index.html's preload script. */
const SESSION_KEY = 'vc.session';

/**
 * index.html fetches what the first page needs while the app's scripts download, instead of after
 * the app has started and asked its router for the page:
 * - <link rel="preload"> for the named chunks every page uses (their JS and CSS);
 * - a few lines of script that preload the first page's own chunks: the login page's for a visitor
 *   without a session at the app's address (src/app.ts sends him there), the home page's for one
 *   with a session; a deep link (another page's address) preloads nothing more.
 */
class PreloadChunks {
  constructor(private readonly names: string[]) {}
  apply(compiler: { hooks: { compilation: { tap(name: string, f: (c: Compilation) => void): void } } }) {
    compiler.hooks.compilation.tap('vc-preload', (compilation) => {
      const hooks = HtmlWebpackPlugin.getHooks(compilation as never);
      hooks.alterAssetTagGroups.tap('vc-preload', (data) => {
        const base = typeof compilation.outputOptions.publicPath === 'string' ? compilation.outputOptions.publicPath : '/';
        const wanted = (files: Iterable<string>) => [...files].filter((f) => /\.(js|css)$/.test(f));
        const link = (file: string): HtmlTag => ({
          tagName: 'link',
          voidTag: true,
          attributes: { rel: 'preload', as: file.endsWith('.css') ? 'style' : 'script', href: base + file },
          meta: { plugin: 'vc-preload' },
        });
        const preloaded = new Set<string>();
        for (const name of this.names) {
          const files = wanted(compilation.namedChunks.get(name)?.files ?? []);
          if (!files.length) throw new Error(`no chunk named ${name} to preload`);
          files.forEach((f) => preloaded.add(f));
          data.headTags.push(...(files.map(link) as never[]));
        }
        // a page's chunk group is the one its route table's import() made
        const pageFiles = (page: string) => {
          const group = compilation.chunkGroups.find((g) => g.origins.some((o) => o.request?.endsWith(`/${page}`)));
          if (!group) throw new Error(`no chunk group imports ${page}`);
          return wanted(group.chunks.flatMap((c) => [...c.files])).filter((f) => !preloaded.has(f));
        };
        const first = { login: pageFiles('pages/login/index'), home: pageFiles('pages/index/index') };
        const script =
          `(function(){try{var r=location.hash.replace(/^#/,'').split('?')[0];` +
          `if(r!==''&&r!=='/'&&r!=='/pages/index/index')return;` +
          `var f=localStorage.getItem(${JSON.stringify(SESSION_KEY)})?${JSON.stringify(first.home)}:${JSON.stringify(first.login)};` +
          `f.forEach(function(x){var l=document.createElement('link');l.rel='preload';` +
          `l.as=/\\.css$/.test(x)?'style':'script';l.href=${JSON.stringify(base)}+x;document.head.appendChild(l)})}catch(e){}})()`;
        data.headTags.push({
          tagName: 'script',
          voidTag: false,
          attributes: {},
          innerHTML: script,
          meta: { plugin: 'vc-preload' },
        } as never);
        return data;
      });
    });
  }
}

/** Writes webpack's stats (modules with their chunks, chunks with their files) as JSON. */
class StatsFile {
  constructor(private readonly file: string) {}
  apply(compiler: { hooks: { done: { tap(name: string, f: (stats: { toJson(o: object): unknown }) => void): void } } }) {
    compiler.hooks.done.tap('vc-stats', (stats) => {
      const json = stats.toJson({ all: false, modules: true, chunks: true, chunkModules: false, ids: true, assets: false });
      writeFileSync(this.file, JSON.stringify(json));
    });
  }
}

const config: UserConfigExport<'webpack5'> = {
  projectName: 'village-counsel',
  date: '2025-1-1',
  // our styles are drawn at 750 px wide; NutUI React Taro's at 375 (its documented Taro setting)
  designWidth(input?: { file?: string }) {
    return input?.file?.replace(/\\+/g, '/').includes('@nutui/') ? 375 : 750;
  },
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: isH5 ? 'dist-h5' : 'dist',
  plugins: [],
  defineConstants: {
    VC_API_BASE: JSON.stringify(isH5 ? '' : process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000'),
    VC_DEMO: JSON.stringify(process.env.TARO_APP_DEMO !== '0'),
    // weapp: the cloud environment whose `login` function to use; '' = wx.login + /api/auth/wechat
    VC_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV || ''),
    VC_ROUTES: routePaths(),
  },
  alias: {
    '@vc/types/src/paths': path.join(typesSrc, 'paths.ts'),
    // zod-free rules shared with the server (tiers' escalation order, the 12-hour limit, …)
    '@vc/types/src/constants': path.join(typesSrc, 'constants.ts'),
    // the role and status labels: this checkout's, compiled like the two above (a git worktree
    // sharing another checkout's node_modules would otherwise reach that checkout's uncompiled file)
    '@vc/types/src/labels': path.join(typesSrc, 'labels.ts'),
    // the resource files of the languages (issue 17): the Chinese bundled, the rest downloaded
    '@vc/types/src/i18n': path.join(typesSrc, 'i18n'),
  },
  copy: { patterns: [], options: {} },
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  mini: {
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
    },
    webpackChain,
    compile: { include: [typesSrc] },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    webpackChain: h5WebpackChain,
    compile: { include: [typesSrc] },
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    postcss: {
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
    },
  },
};
export default defineConfig<'webpack5'>(config);
