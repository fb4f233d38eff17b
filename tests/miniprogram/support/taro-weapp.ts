/**
 * Runs the COMPILED Taro weapp output (miniprogram/dist) in miniprogram-simulate.
 *
 * Order matters: install `wx` and the App/Page globals, require dist/app.js (it pulls in
 * runtime/taro/vendors/common and registers the app), launch the app, then load a page with
 * simulate.load(...) — its chunk runs `Page(config)`, which we map onto `Component`.
 */
import path from 'node:path';
import fs from 'node:fs';
import { createFakeWx, type FakeWx } from './fake-wx';

// miniprogram-simulate has no type declarations
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as {
  load(componentPath: string, options?: Record<string, unknown>): string;
  render(id: string, props?: Record<string, unknown>): SimComponent;
};

export const DIST = path.resolve(__dirname, '../../../miniprogram/dist');

/** Storage keys used by the mini-program (miniprogram/src/shared/{http,session}.ts). */
export const API_BASE_KEY = 'vc.apiBase';
export const SESSION_KEY = 'vc.session';

export interface SimNode {
  dom: HTMLElement;
  dispatchEvent(name: string, detail?: Record<string, unknown>): void;
  querySelector(sel: string): SimNode | null;
  querySelectorAll(sel: string): SimNode[];
}
export interface SimComponent extends SimNode {
  attach(parent: Element): void;
  detach(): void;
  instance: Record<string, unknown>;
}

type AnyFn = (...args: unknown[]) => unknown;
type PageConfig = Record<string, unknown> & { data?: Record<string, unknown> };

interface Globals {
  wx: Record<string, unknown>;
  App: (cfg: Record<string, unknown>) => void;
  getApp: () => unknown;
  getCurrentPages: () => unknown[];
  Page: (cfg: PageConfig) => void;
  Component: (cfg: Record<string, unknown>) => void;
  requirePlugin: () => unknown;
}

export interface WeappRuntime {
  wx: FakeWx;
  /** Renders a page (e.g. 'pages/board/index') with the given query, attached to the document. */
  openPage(route: string, query?: Record<string, string>): SimComponent;
  /** What WeChat does when an address names no page: calls the app's onPageNotFound. */
  pageNotFound(route: string): void;
}

let pending: { route: string; query: Record<string, string> } | null = null;
const pages: Record<string, unknown>[] = [];

/**
 * Installs the globals and boots the compiled app. Call once per test file (jest gives every
 * file a fresh module registry and global object).
 */
export function bootWeapp(init: {
  apiBase: string;
  storage?: Record<string, unknown>;
  /** a stand-in for wx.cloud (the cloud runtime cannot run here); Taro takes it as Taro.cloud at boot */
  cloud?: Record<string, unknown>;
}): WeappRuntime {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`${DIST}/app.js is missing: run \`npm run build:weapp -w miniprogram\` first`);
  }
  const fake = createFakeWx();
  fake.storage.set(API_BASE_KEY, init.apiBase);
  for (const [k, v] of Object.entries(init.storage ?? {})) fake.storage.set(k, v);
  if (init.cloud) fake.api.cloud = init.cloud;

  const g = globalThis as unknown as Globals;
  g.wx = fake.api;
  let app: Record<string, unknown> | null = null;
  g.App = (cfg) => {
    app = cfg;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages.slice();
  g.requirePlugin = () => ({});
  g.Page = (cfg: PageConfig) => {
    const target = pending;
    const methods: Record<string, AnyFn> = {};
    for (const [k, v] of Object.entries(cfg)) {
      if (typeof v === 'function') methods[k] = v as AnyFn;
    }
    g.Component({
      data: cfg.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          this.route = target?.route;
          this.__route__ = target?.route;
          this.options = target?.query ?? {};
          pages.push(this);
          const call = (name: string, ...args: unknown[]) => methods[name]?.apply(this, args);
          call('onLoad', target?.query ?? {});
          call('onShow');
          call('onReady');
        },
        detached(this: Record<string, unknown>) {
          methods.onUnload?.apply(this, []);
          const i = pages.indexOf(this);
          if (i >= 0) pages.splice(i, 1);
        },
      },
    });
  };

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(DIST, 'app.js'));
  if (!app) throw new Error('dist/app.js did not call App()');
  const a = app as Record<string, AnyFn>;
  a.onLaunch?.call(app, { path: 'pages/index/index', query: {}, scene: 1001 });
  a.onShow?.call(app, { path: 'pages/index/index', query: {}, scene: 1001 });

  return {
    wx: fake,
    pageNotFound(route) {
      a.onPageNotFound?.call(app, { path: route, query: {}, isEntryPage: false });
    },
    openPage(route, query = {}) {
      pending = { route, query };
      const id = simulate.load(path.join(DIST, route), { rootPath: DIST });
      const comp = simulate.render(id);
      const parent = document.createElement('parent-wrapper');
      document.body.appendChild(parent);
      comp.attach(parent);
      return comp;
    },
  };
}

/** Polls until `fn` returns a truthy value without throwing (Taro renders asynchronously). */
export async function waitFor<T>(fn: () => T | null | undefined | false, timeoutMs = 10000, what = 'condition'): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Text of the element with this id inside the rendered page, or null. */
export function textOf(page: SimNode, id: string): string | null {
  const node = page.querySelector(`#${id}`);
  return node ? (node.dom.textContent ?? '').trim() : null;
}

/** Taps the element with this id (goes through Taro's event handler into React). */
export function tap(page: SimNode, id: string): void {
  const node = page.querySelector(`#${id}`);
  if (!node) throw new Error(`#${id} not found`);
  node.dispatchEvent('tap');
}

/** Types into the input with this id, as the phone's keyboard does (an input event with the whole value). */
export function typeInto(page: SimNode, id: string, value: string): void {
  const node = page.querySelector(`#${id}`);
  if (!node) throw new Error(`#${id} not found`);
  node.dispatchEvent('input', { detail: { value } });
}
