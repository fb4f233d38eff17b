/**
 * A `wx` global for running the compiled Taro weapp output under jest + miniprogram-simulate.
 * `request` performs a REAL HTTP request (node http) so pages talk to a running server; storage is
 * a Map; login / makePhoneCall / navigation calls are recorded for assertions.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { nativeAttribute } from './native-attrs';
import { multipartBody } from './http';
import sharp from 'sharp';

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
  requests: { method: string; url: string; status: number; header?: Record<string, string> }[];
  phoneCalls: string[];
  navigations: { api: string; url: string }[];
  toasts: string[];
  /** the titles setNavigationBarTitle was given, in order */
  titles: string[];
  /** the tab bar's words as setTabBarItem left them (index → text) */
  tabTexts: Map<number, string>;
  /** the fonts the app asked WeChat to load (family → source) */
  fonts: Map<string, string>;
  /** the code handed out by wx.login */
  loginCode: string;
  /** files written with wx.getFileSystemManager().writeFileSync (path → text), e.g. the data copy */
  files: Map<string, string>;
  /** files offered with wx.shareFileMessage */
  sharedFiles: { filePath: string; fileName?: string }[];
  /** WeChat's privacy guide as the base library enforces it (installPrivacyApis below) */
  privacy: FakePrivacy;
  /** local files the phone holds (temp paths handed out by chooseImage/chooseMedia/chooseAvatar → bytes) */
  tempFiles: Map<string, Buffer>;
  /** what getLocation answers */
  location: { latitude: number; longitude: number; accuracy: number };
  /** calls of the privacy interfaces that reached the phone's own function (after the privacy guide let them through) */
  privateCalls: string[];
  /** wx.uploadFile calls: the URL, the multipart field and file, and the reply status (0: failed) */
  uploads: { url: string; name: string; filePath: string; status: number }[];
  /** wx.requestSubscribeMessage: what the person answers, and every call (requestSubscribeMessage below) */
  subscribe: FakeSubscribe;
  /** wx.compressImage calls: what was asked and the temp file it made */
  compressions: { src: string; quality: number; compressedWidth?: number; compressedHeight?: number; tempFilePath: string }[];
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
        fake.requests.push({ method, url, status, header });
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
      fake.requests.push({ method, url, status: 0, header });
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
    titles: [],
    tabTexts: new Map(),
    fonts: new Map(),
    loginCode: 'test-login-code',
    files: new Map(),
    sharedFiles: [],
    privacy: {
      listener: null,
      authorized: false,
      asked: [],
      exposures: 0,
      agreeTapped: new Set(),
      contractOpened: 0,
      mistakes: [],
    },
    tempFiles: new Map([['wxfile://tmp/photo-1.png', PNG_1PX]]),
    location: { latitude: 41.93, longitude: 121.65, accuracy: 30 },
    privateCalls: [],
    uploads: [],
    subscribe: { answer: () => 'accept', calls: [] },
    compressions: [],
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
    setNavigationBarTitle: (o: { title: string } & Callbacks) => {
      fake.titles.push(o.title);
      ok(o, 'setNavigationBarTitle');
    },
    setTabBarItem: (o: { index: number; text?: string } & Callbacks) => {
      if (o.text !== undefined) fake.tabTexts.set(o.index, o.text);
      ok(o, 'setTabBarItem');
    },
    loadFontFace: (o: { family: string; source: string } & Callbacks) => {
      fake.fonts.set(o.family, o.source);
      ok(o, 'loadFontFace', { status: 'loaded' });
    },
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
  Object.assign(api, privacyApis(fake), imageApis(fake));
  api.requestSubscribeMessage = requestSubscribeMessage(fake);
  fake.api = api;
  return fake;
}

// --- WeChat's privacy guide (用户隐私保护指引), as the base library enforces it since 2023 ---

// 1×1 PNG: the photo the phone "has" for chooseImage / chooseMedia / chooseAvatar
const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

type PrivacyResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

export interface FakePrivacy {
  /** the app's wx.onNeedPrivacyAuthorization listener (the last one registered, as in WeChat) */
  listener: ((resolve: PrivacyResolve, eventInfo: { referrer: string }) => void) | null;
  /** whether the person agreed to the privacy guide (WeChat keeps it per person and app) */
  authorized: boolean;
  /** the interfaces that asked the app's listener, in order (eventInfo.referrer) */
  asked: string[];
  /** resolve({ event: 'exposureAuthorization' }) calls: the pop-up told WeChat it is shown */
  exposures: number;
  /** ids of agreePrivacyAuthorization buttons tapped (WeChat checks resolve's buttonId against them) */
  agreeTapped: Set<string>;
  /** wx.openPrivacyContract calls (the full guide opened) */
  contractOpened: number;
  /** what the app did that WeChat refuses (agree without the button tapped, resolving twice) */
  mistakes: string[];
}

/** A rendered page (miniprogram-simulate), as far as the helpers below need it. */
interface SimPage {
  instance: Record<string, unknown>;
  querySelector(sel: string): { dispatchEvent(name: string, detail?: Record<string, unknown>): void } | null | undefined;
}

function buttonOf(page: SimPage, id: string) {
  const node = page.querySelector(`#${id}`);
  if (!node) throw new Error(`#${id} not found`);
  const openType = nativeAttribute(page, 'button', id, 'open-type');
  return { node, openType: typeof openType === 'string' ? openType : '' };
}

export const PRIVACY_ERRNO = 104;
const refusal = (api: string) => ({ errMsg: `${api}:fail privacy permission is not authorized`, errno: PRIVACY_ERRNO });

/**
 * Before a privacy interface runs: when the app registered onNeedPrivacyAuthorization and the person
 * has not agreed yet, WeChat holds the call and hands the listener a resolve function; 'agree' (only
 * after the agree button was tapped) lets it through, 'disagree' fails it. Resolves true to go on.
 */
function privacyGate(fake: FakeWx, referrer: string): Promise<boolean> {
  const p = fake.privacy;
  if (p.authorized || !p.listener) return Promise.resolve(true);
  return new Promise((go) => {
    let settled = false;
    p.asked.push(referrer);
    p.agreeTapped.clear();
    const resolve: PrivacyResolve = (option) => {
      if (option.event === 'exposureAuthorization') {
        p.exposures += 1;
        return;
      }
      if (settled) {
        p.mistakes.push(`resolve(${option.event}) after this question was settled`);
        return;
      }
      settled = true;
      if (option.event === 'agree') {
        if (!option.buttonId || !p.agreeTapped.has(option.buttonId)) {
          p.mistakes.push(`resolve(agree) with buttonId ${option.buttonId ?? '(none)'} but that agree button was not tapped`);
          go(false);
          return;
        }
        p.authorized = true;
        go(true);
        return;
      }
      go(false);
    };
    p.listener!(resolve, { referrer });
  });
}

/** A privacy interface with callbacks: held by the privacy guide, then run by `run` or failed. */
function gated<O extends Callbacks>(fake: FakeWx, api: string, run: (o: O) => Record<string, unknown>) {
  return (o: O) => {
    void privacyGate(fake, api).then((go) => {
      if (!go) {
        const err = refusal(api);
        o?.fail?.(err);
        o?.complete?.(err);
        return;
      }
      fake.privateCalls.push(api);
      ok(o, api, run(o));
    });
  };
}

function privacyApis(fake: FakeWx): Record<string, unknown> {
  const photos = (count: number) => [...fake.tempFiles.keys()].filter((k) => k.includes('/photo-')).slice(0, Math.max(1, count));
  return {
    onNeedPrivacyAuthorization: (listener: FakePrivacy['listener']) => {
      fake.privacy.listener = listener;
    },
    getPrivacySetting: (o: Callbacks) =>
      ok(o, 'getPrivacySetting', {
        needAuthorization: !fake.privacy.authorized,
        privacyContractName: '《村法律顾问小程序隐私保护指引》',
      }),
    openPrivacyContract: (o?: Callbacks) => {
      fake.privacy.contractOpened += 1;
      ok(o, 'openPrivacyContract');
    },
    getLocation: gated(fake, 'getLocation', () => ({ ...fake.location, speed: -1, altitude: 0 })),
    chooseImage: gated(fake, 'chooseImage', (o: Callbacks & { count?: number }) => {
      const paths = photos(o.count ?? 9);
      return { tempFilePaths: paths, tempFiles: paths.map((path) => ({ path, size: fake.tempFiles.get(path)!.length })) };
    }),
    chooseMedia: gated(fake, 'chooseMedia', (o: Callbacks & { count?: number }) => ({
      type: 'image',
      tempFiles: photos(o.count ?? 9).map((tempFilePath) => ({
        tempFilePath,
        size: fake.tempFiles.get(tempFilePath)!.length,
        fileType: 'image',
      })),
    })),
    setClipboardData: gated(fake, 'setClipboardData', () => ({})),
    uploadFile: (
      o: Callbacks & {
        url: string;
        filePath: string;
        name: string;
        header?: Record<string, string>;
        formData?: Record<string, string>;
      },
    ) => uploadFile(fake, o),
  };
}

/**
 * The image interfaces as WeChat documents them, on the files the phone holds (fake.tempFiles), with
 * real image decoding and encoding (sharp):
 * - getImageInfo({ src }) → { width, height, type, path, orientation };
 * - compressImage({ src, quality = 80 (0–100, JPEG only), compressedWidth?, compressedHeight? }) →
 *   { tempFilePath }: a NEW temp file, the image re-encoded in its own format (quality applies to
 *   JPEG), scaled to the given width/height (one of them alone keeps the proportions);
 * - getFileInfo({ filePath }) → { size, digest } (md5, the documented default).
 * A path the phone does not hold fails with the documented "file not exist".
 */
function imageApis(fake: FakeWx): Record<string, unknown> {
  let made = 0;
  const run = <O extends Callbacks>(name: string, o: O, work: () => Promise<Record<string, unknown>>) => {
    work().then(
      (res) => ok(o, name, res),
      (e: unknown) => {
        const err = { errMsg: `${name}:fail ${e instanceof Error ? e.message : String(e)}` };
        o?.fail?.(err);
        o?.complete?.(err);
      },
    );
  };
  const bytesOf = (path: string) => {
    const bytes = fake.tempFiles.get(path);
    if (!bytes) throw new Error('file not exist');
    return bytes;
  };
  return {
    getImageInfo: (o: Callbacks & { src: string }) =>
      run('getImageInfo', o, async () => {
        const meta = await sharp(bytesOf(o.src)).metadata();
        return { width: meta.width, height: meta.height, type: meta.format, path: o.src, orientation: 'up' };
      }),
    compressImage: (o: Callbacks & { src: string; quality?: number; compressedWidth?: number; compressedHeight?: number }) =>
      run('compressImage', o, async () => {
        const source = bytesOf(o.src);
        const quality = Math.min(100, Math.max(1, Math.round(o.quality ?? 80)));
        let image = sharp(source);
        if (o.compressedWidth || o.compressedHeight)
          image = image.resize({ width: o.compressedWidth, height: o.compressedHeight, fit: 'fill' });
        const format = (await sharp(source).metadata()).format;
        const out =
          format === 'jpeg'
            ? await image.jpeg({ quality }).toBuffer()
            : format === 'png'
              ? await image.png().toBuffer()
              : await image.webp({ quality }).toBuffer();
        made += 1;
        const tempFilePath = `wxfile://tmp/compressed-${made}.${format === 'jpeg' ? 'jpg' : format}`;
        fake.tempFiles.set(tempFilePath, out);
        fake.compressions.push({
          src: o.src,
          quality,
          compressedWidth: o.compressedWidth,
          compressedHeight: o.compressedHeight,
          tempFilePath,
        });
        return { tempFilePath };
      }),
    getFileInfo: (o: Callbacks & { filePath: string }) =>
      run('getFileInfo', o, () => {
        const bytes = bytesOf(o.filePath);
        return Promise.resolve({ size: bytes.length, digest: createHash('md5').update(bytes).digest('hex') });
      }),
  };
}

/** wx.uploadFile: a real multipart/form-data POST of a file the phone holds (fake.tempFiles). */
function uploadFile(
  fake: FakeWx,
  o: Callbacks & {
    url: string;
    filePath: string;
    name: string;
    header?: Record<string, string>;
    formData?: Record<string, string>;
  },
) {
  const record = (status: number) => fake.uploads.push({ url: o.url, name: o.name, filePath: o.filePath, status });
  const fail = (msg: string) => {
    record(0);
    const err = { errMsg: `uploadFile:fail ${msg}` };
    o.fail?.(err);
    o.complete?.(err);
  };
  const bytes = fake.tempFiles.get(o.filePath);
  if (!bytes) {
    setTimeout(() => fail('file not found'), 0);
    return { abort() {}, onProgressUpdate() {} };
  }
  const type = o.filePath.endsWith('.png') ? 'image/png' : o.filePath.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
  const { body, contentType } = multipartBody(
    { name: o.name, fileName: o.filePath.split('/').pop() ?? 'file', type, bytes },
    o.formData,
  );
  const u = new URL(o.url);
  const lib = u.protocol === 'https:' ? https : http;
  const req = lib.request(
    u,
    {
      method: 'POST',
      headers: {
        ...(o.header ?? {}),
        'Content-Type': contentType,
        'Content-Length': String(body.length),
      },
    },
    (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        record(res.statusCode ?? 0);
        // like WeChat: data is the reply as text, whatever its type
        const r = { errMsg: 'uploadFile:ok', statusCode: res.statusCode ?? 0, data: text };
        o.success?.(r);
        o.complete?.(r);
      });
    },
  );
  req.on('error', (e) => fail(e.message));
  req.end(body);
  return { abort() {}, onProgressUpdate() {} };
}

/**
 * Taps a button of open-type="agreePrivacyAuthorization" as the person would: WeChat records the
 * agreement and fires the button's agreeprivacyauthorization event (the app then resolves 'agree').
 */
export function tapAgreeButton(fake: FakeWx, page: SimPage, id: string): void {
  const { node, openType } = buttonOf(page, id);
  if (!openType.split('|').includes('agreePrivacyAuthorization')) {
    throw new Error(`#${id} is not an agreePrivacyAuthorization button (open-type="${openType}")`);
  }
  fake.privacy.agreeTapped.add(id);
  node.dispatchEvent('tap');
  node.dispatchEvent('agreeprivacyauthorization', { detail: {} });
}

/**
 * Taps a privacy button (open-type getPhoneNumber or chooseAvatar) as the person would: the privacy
 * guide first (the app's pop-up, waiting for the person), then WeChat's own sheet answers with
 * `detail` (getphonenumber's code, chooseavatar's avatarUrl); refused, the event carries the failure.
 */
export async function pressPrivacyButton(
  fake: FakeWx,
  page: SimPage,
  id: string,
  openType: 'getPhoneNumber' | 'chooseAvatar',
  detail: Record<string, unknown>,
): Promise<void> {
  const { node, openType: declared } = buttonOf(page, id);
  if (!declared.split('|').includes(openType)) throw new Error(`#${id} has open-type="${declared}", not ${openType}`);
  const event = openType.toLowerCase();
  const go = await privacyGate(fake, `button.${openType}`);
  if (!go) {
    node.dispatchEvent(event, { detail: refusal(openType) });
    return;
  }
  fake.privateCalls.push(`button.${openType}`);
  node.dispatchEvent(event, { detail: { errMsg: `${openType}:ok`, ...detail } });
}

// --- one-time subscribe messages (wx.requestSubscribeMessage) ---

export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

export interface FakeSubscribe {
  /** what the person answers in WeChat's sheet for each template id (default: accept) */
  answer: (tmplId: string) => SubscribeAnswer;
  /** every call: the template ids asked, whether it came from a tap, and what was answered (null: failed) */
  calls: { tmplIds: string[]; fromTap: boolean; results: Record<string, SubscribeAnswer> | null }[];
}

/**
 * Whether the current call stack runs inside a tap dispatched to the page (miniprogram-simulate's
 * dispatchEvent): WeChat shows the sheet only from the person's own tap, not after an await.
 */
function insideTap(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return /\bdispatchEvent\b/.test(stack);
}

/** wx.requestSubscribeMessage: 1–3 template ids, only from a tap; answers `{ errMsg, [tmplId]: result }`. */
function requestSubscribeMessage(fake: FakeWx) {
  return (o: Callbacks & { tmplIds?: string[] }) => {
    const tmplIds = [...(o?.tmplIds ?? [])];
    const fromTap = insideTap();
    const fail = (errMsg: string, errCode: number) => {
      fake.subscribe.calls.push({ tmplIds, fromTap, results: null });
      const err = { errMsg: `requestSubscribeMessage:fail ${errMsg}`, errCode };
      setTimeout(() => {
        o?.fail?.(err);
        o?.complete?.(err);
      }, 0);
    };
    if (!fromTap) return fail('can only be invoked by user TAP gesture.', 20003);
    if (tmplIds.length === 0) return fail('No template data return, verify the template id exist', 20001);
    if (tmplIds.length > 3) return fail('Templates count out of max bounds', 20003);
    const results = Object.fromEntries(tmplIds.map((id) => [id, fake.subscribe.answer(id)]));
    fake.subscribe.calls.push({ tmplIds, fromTap, results });
    ok(o, 'requestSubscribeMessage', results);
  };
}
