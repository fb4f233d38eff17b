/**
 * A `wx` global for running the compiled Taro weapp output under jest + miniprogram-simulate.
 * `request` performs a REAL HTTP request (node http) so pages talk to a running server; storage is
 * a Map; login / makePhoneCall / navigation calls are recorded for assertions.
 */
import http from 'node:http';
import https from 'node:https';

type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
};

export interface WxRequestOptions extends Callbacks {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  dataType?: string;
  responseType?: string;
  timeout?: number;
}

export interface FakeWx {
  /** the object to install as global `wx` */
  api: Record<string, unknown>;
  storage: Map<string, unknown>;
  /** every HTTP request made: method and URL, and the reply status */
  requests: { method: string; url: string; status: number }[];
  phoneCalls: string[];
  navigations: { api: string; url: string }[];
  toasts: string[];
  /** the code handed out by wx.login */
  loginCode: string;
  /** files written with wx.getFileSystemManager().writeFileSync (path → text), e.g. the data copy */
  files: Map<string, string>;
  /** files offered with wx.shareFileMessage */
  sharedFiles: { filePath: string; fileName?: string }[];
}

function ok<T extends Callbacks>(opts: T | undefined, name: string, res: Record<string, unknown> = {}) {
  const r = { errMsg: `${name}:ok`, ...res };
  // async like the real API
  setTimeout(() => {
    opts?.success?.(r);
    opts?.complete?.(r);
  }, 0);
}

function doRequest(fake: FakeWx, opts: WxRequestOptions) {
  const method = (opts.method || 'GET').toUpperCase();
  let url = opts.url;
  const header: Record<string, string> = { ...(opts.header || {}) };
  let payload: string | undefined;
  if (opts.data !== undefined && opts.data !== null) {
    if (method === 'GET' || method === 'HEAD') {
      if (typeof opts.data === 'object') {
        const qs = Object.entries(opts.data as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&');
        if (qs) url += (url.includes('?') ? '&' : '?') + qs;
      }
    } else {
      payload = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
      if (!Object.keys(header).some((k) => k.toLowerCase() === 'content-type')) {
        header['Content-Type'] = 'application/json';
      }
    }
  }
  if (payload !== undefined) header['Content-Length'] = String(Buffer.byteLength(payload));
  let aborted = false;
  const fail = (msg: string) => {
    const err = { errMsg: `request:fail ${msg}` };
    opts.fail?.(err);
    opts.complete?.(err);
  };
  let req: http.ClientRequest;
  try {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    req = lib.request(u, { method, headers: header, timeout: opts.timeout ?? 15000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (aborted) return;
        const buf = Buffer.concat(chunks);
        let data: unknown;
        if (opts.responseType === 'arraybuffer') {
          data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
        } else {
          data = buf.toString('utf8');
          if (opts.dataType === undefined || opts.dataType === 'json') {
            try {
              data = JSON.parse(data as string);
            } catch {
              /* keep the text, like wx does */
            }
          }
        }
        const status = res.statusCode ?? 0;
        fake.requests.push({ method, url, status });
        const r = { errMsg: 'request:ok', statusCode: status, data, header: res.headers, cookies: [] };
        opts.success?.(r);
        opts.complete?.(r);
      });
      res.on('error', (e) => fail(e.message));
    });
  } catch (e) {
    setTimeout(() => fail((e as Error).message), 0);
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  }
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (e) => {
    if (!aborted) {
      fake.requests.push({ method, url, status: 0 });
      fail(e.message);
    }
  });
  if (payload !== undefined) req.write(payload);
  req.end();
  return {
    abort() {
      aborted = true;
      req.destroy();
      fail('abort');
    },
    onHeadersReceived() {},
    offHeadersReceived() {},
    onChunkReceived() {},
    offChunkReceived() {},
  };
}

export function createFakeWx(): FakeWx {
  const fake: FakeWx = {
    api: {},
    storage: new Map(),
    requests: [],
    phoneCalls: [],
    navigations: [],
    toasts: [],
    loginCode: 'test-login-code',
    files: new Map(),
    sharedFiles: [],
  };
  const systemInfo = {
    brand: 'devtools',
    model: 'jest',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 667,
    windowWidth: 375,
    windowHeight: 667,
    statusBarHeight: 20,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'Android 10',
    platform: 'devtools',
    SDKVersion: '3.5.0',
    safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
  };
  const nav = (apiName: string) => (o: { url?: string } & Callbacks) => {
    fake.navigations.push({ api: apiName, url: o?.url ?? '' });
    ok(o, apiName);
  };
  const storage = fake.storage;
  const api: Record<string, unknown> = {
    request: (o: WxRequestOptions) => doRequest(fake, o),
    login: (o: Callbacks) => ok(o, 'login', { code: fake.loginCode }),
    checkSession: (o: Callbacks) => ok(o, 'checkSession'),
    makePhoneCall: (o: { phoneNumber: string } & Callbacks) => {
      fake.phoneCalls.push(o.phoneNumber);
      ok(o, 'makePhoneCall');
    },
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    removeStorageSync: (k: string) => void storage.delete(k),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    setStorage: (o: { key: string; data: unknown } & Callbacks) => {
      storage.set(o.key, o.data);
      ok(o, 'setStorage');
    },
    getStorage: (o: { key: string } & Callbacks) => {
      if (storage.has(o.key)) ok(o, 'getStorage', { data: storage.get(o.key) });
      else setTimeout(() => o.fail?.({ errMsg: 'getStorage:fail data not found' }), 0);
    },
    removeStorage: (o: { key: string } & Callbacks) => {
      storage.delete(o.key);
      ok(o, 'removeStorage');
    },
    // files (wx.getFileSystemManager) and sending one to a chat (wx.shareFileMessage): the data copy (privacy)
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getFileSystemManager: () => ({
      writeFileSync: (filePath: string, data: string) => void fake.files.set(filePath, data),
    }),
    shareFileMessage: (o: { filePath: string; fileName?: string } & Callbacks) => {
      fake.sharedFiles.push({ filePath: o.filePath, fileName: o.fileName });
      ok(o, 'shareFileMessage');
    },
    navigateTo: nav('navigateTo'),
    redirectTo: nav('redirectTo'),
    reLaunch: nav('reLaunch'),
    switchTab: nav('switchTab'),
    navigateBack: nav('navigateBack'),
    showToast: (o: { title: string } & Callbacks) => {
      fake.toasts.push(o.title);
      ok(o, 'showToast');
    },
    hideToast: (o?: Callbacks) => ok(o, 'hideToast'),
    showLoading: (o?: Callbacks) => ok(o, 'showLoading'),
    hideLoading: (o?: Callbacks) => ok(o, 'hideLoading'),
    showModal: (o: Callbacks) => ok(o, 'showModal', { confirm: true, cancel: false }),
    setNavigationBarTitle: (o: Callbacks) => ok(o, 'setNavigationBarTitle'),
    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo: (o: Callbacks) => ok(o, 'getSystemInfo', { ...systemInfo }),
    getWindowInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ ...systemInfo }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
    createSelectorQuery: () => {
      const q = {
        select: () => q,
        selectAll: () => q,
        in: () => q,
        boundingClientRect: () => q,
        fields: () => q,
        exec: (cb?: (r: unknown[]) => void) => cb?.([]),
      };
      return q;
    },
  };
  fake.api = api;
  return fake;
}
