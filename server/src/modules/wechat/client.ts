/**
 * The WeChat API client: `wechat-api` (Official Account APIs, token handling) extended by its
 * mixin mechanism with the mini-program endpoints. Its base URL is configurable so tests run it
 * against a local fake that answers as WeChat documents.
 */
import WechatAPI from 'wechat-api';
import { WechatTokenModel } from './model';

type Cb = (err: (Error & { code?: number }) | null, data?: unknown, res?: unknown) => void;
type Api = WechatAPI & Record<string, (...args: unknown[]) => void>;

/** errcodes meaning "this access token is no longer good" */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

function wechatError(data: { errcode: number; errmsg?: string }): Error & { code: number } {
  const err = new Error(data.errmsg ?? `errcode ${data.errcode}`) as Error & { code: number };
  err.name = 'WeChatAPIError';
  err.code = data.errcode;
  return err;
}

function parseJson(data: unknown): Record<string, unknown> | null {
  try {
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Calls a token-bearing endpoint. On a token errcode the stored token is dropped first, then
 * errcode 40001 is reported, which makes wechat-api's preRequest retry once with a fresh token
 * (its own retry would reuse a revoked token that has not reached its expiry time).
 */
function tokenRequest(api: Api, url: string, opts: Record<string, unknown>, binary: boolean, callback: Cb): void {
  const token = api.token.accessToken;
  api.request(`${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`, opts, (err, data, res) => {
    if (err) return callback(err);
    const headers = (res as { headers?: Record<string, string> } | undefined)?.headers ?? {};
    const isJson = !binary || String(headers['content-type'] ?? '').includes('json');
    const json = isJson ? parseJson(data) : null;
    if (json && typeof json.errcode === 'number' && json.errcode !== 0) {
      if (TOKEN_ERRCODES.has(json.errcode)) {
        WechatTokenModel.deleteOne({ appid: api.appid, accessToken: token })
          .then(() => callback(wechatError(json as { errcode: number }), { errcode: 40001 }))
          .catch((dbErr: Error) => callback(dbErr));
        return;
      }
      return callback(wechatError(json as { errcode: number; errmsg?: string }), json);
    }
    callback(null, binary ? data : json);
  });
}

WechatAPI.mixin({
  /** wx.login code → openid/session_key (no access token; appid + secret) */
  code2Session(this: Api, code: string, callback: Cb) {
    const url =
      `${this.endpoint}/sns/jscode2session?appid=${encodeURIComponent(this.appid)}` +
      `&secret=${encodeURIComponent(this.appsecret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`;
    this.request(url, { dataType: 'json' }, (err, data) => {
      if (err) return callback(err);
      const json = data as { errcode?: number; errmsg?: string } | null;
      if (!json) return callback(wechatError({ errcode: -1, errmsg: 'No data received.' }));
      if (json.errcode) return callback(wechatError(json as { errcode: number }), json);
      callback(null, json);
    });
  },
  /** unlimited mini-program code: a PNG that opens `page` with `scene` */
  getUnlimitedQrCode(this: Api, ...args: unknown[]) {
    this.preRequest(this._getUnlimitedQrCode as never, args);
  },
  _getUnlimitedQrCode(this: Api, scene: string, page: string, callback: Cb) {
    const body = JSON.stringify({ scene, page, check_path: false });
    tokenRequest(
      this,
      `${this.endpoint}/wxa/getwxacodeunlimit`,
      { method: 'POST', content: body, headers: { 'Content-Type': 'application/json' } },
      true,
      callback,
    );
  },
  /** subscribe message to one person (the person must have subscribed to the template in the app) */
  sendSubscribeMessage(this: Api, ...args: unknown[]) {
    this.preRequest(this._sendSubscribeMessage as never, args);
  },
  _sendSubscribeMessage(this: Api, message: Record<string, unknown>, callback: Cb) {
    const body = JSON.stringify(message);
    tokenRequest(
      this,
      `${this.endpoint}/cgi-bin/message/subscribe/send`,
      { method: 'POST', content: body, headers: { 'Content-Type': 'application/json' }, dataType: 'text' },
      false,
      callback,
    );
  },
  /** image content security check (img_sec_check): `body` is multipart form data with the image as field `media` */
  imgSecCheck(this: Api, ...args: unknown[]) {
    this.preRequest(this._imgSecCheck as never, args);
  },
  _imgSecCheck(this: Api, body: Buffer, contentType: string, callback: Cb) {
    tokenRequest(
      this,
      `${this.endpoint}/wxa/img_sec_check`,
      { method: 'POST', content: body, headers: { 'Content-Type': contentType }, dataType: 'text', timeout: 10000 },
      false,
      callback,
    );
  },
  /** the phone number behind a code from the mini-program's getPhoneNumber button */
  getUserPhoneNumber(this: Api, ...args: unknown[]) {
    this.preRequest(this._getUserPhoneNumber as never, args);
  },
  _getUserPhoneNumber(this: Api, code: string, callback: Cb) {
    tokenRequest(
      this,
      `${this.endpoint}/wxa/business/getuserphonenumber`,
      { method: 'POST', content: JSON.stringify({ code }), headers: { 'Content-Type': 'application/json' }, dataType: 'text' },
      false,
      callback,
    );
  },
  /**
   * asynchronous media check (media_check_async v2): WeChat downloads `media_url` and pushes its
   * verdict later as the event wxa_media_check (content-check/image.ts); media_type 2 is an image
   */
  mediaCheckAsync(this: Api, ...args: unknown[]) {
    this.preRequest(this._mediaCheckAsync as never, args);
  },
  _mediaCheckAsync(this: Api, openid: string, mediaUrl: string, scene: number, callback: Cb) {
    const body = JSON.stringify({ media_url: mediaUrl, media_type: 2, version: 2, scene, openid });
    tokenRequest(
      this,
      `${this.endpoint}/wxa/media_check_async`,
      { method: 'POST', content: body, headers: { 'Content-Type': 'application/json' }, dataType: 'text', timeout: 10000 },
      false,
      callback,
    );
  },
  /** text content security check (msg_sec_check v2) */
  msgSecCheck(this: Api, ...args: unknown[]) {
    this.preRequest(this._msgSecCheck as never, args);
  },
  _msgSecCheck(this: Api, openid: string, content: string, scene: number, callback: Cb) {
    const body = JSON.stringify({ openid, content, version: 2, scene });
    tokenRequest(
      this,
      `${this.endpoint}/wxa/msg_sec_check`,
      { method: 'POST', content: body, headers: { 'Content-Type': 'application/json' }, dataType: 'text' },
      false,
      callback,
    );
  },
});

export interface Code2SessionReply {
  openid: string;
  unionid?: string;
  session_key: string;
}

/** getuserphonenumber's phone_info (countryCode is documented as a string, sent as a number in the example) */
export interface WechatPhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string | number;
  watermark?: { timestamp: number; appid: string };
}

export interface WechatClient {
  code2Session(code: string): Promise<Code2SessionReply>;
  getUnlimitedQrCode(scene: string, page: string): Promise<Buffer>;
  /** scene: 1 资料, 2 评论, 3 论坛, 4 社交日志 (content-check/text.ts SCENE) */
  msgSecCheck(openid: string, content: string, scene: number): Promise<{ result?: { suggest?: string; label?: number } }>;
  /** resolves for a clean image; rejects with `code` 87014 for risky content (WeChat's errcode) */
  imgSecCheck(image: Buffer, contentType: string): Promise<{ errcode?: number }>;
  /** starts WeChat's check of the image at `mediaUrl` (scene as msgSecCheck); its verdict comes by message push with trace_id */
  mediaCheckAsync(
    openid: string,
    mediaUrl: string,
    scene: number,
  ): Promise<{ errcode?: number; errmsg?: string; trace_id?: string }>;
  /** rejects with `code` 40029 for an invalid or used code, -1 when WeChat is busy */
  getUserPhoneNumber(code: string): Promise<{ phone_info?: WechatPhoneInfo }>;
  sendSubscribeMessage(message: {
    touser: string;
    template_id: string;
    page: string;
    data: Record<string, { value: string }>;
  }): Promise<{ errcode?: number; msgid?: number }>;
}

export function createWechatClient(options: { appid: string; secret: string; apiBase: string }): WechatClient {
  const api = new WechatAPI(
    options.appid,
    options.secret,
    (callback) => {
      WechatTokenModel.findOne({ appid: options.appid })
        .lean()
        .then((doc) => callback(null, doc ? { accessToken: doc.accessToken, expireTime: doc.expireTime } : null))
        .catch((err: Error) => callback(err));
    },
    (token, callback) => {
      WechatTokenModel.updateOne(
        { appid: options.appid },
        { $set: { accessToken: token.accessToken, expireTime: token.expireTime } },
        { upsert: true },
      )
        .then(() => callback(null))
        .catch((err: Error) => callback(err));
    },
  ) as Api;
  api.endpoint = options.apiBase.replace(/\/$/, '');
  // one of the api's callback methods (the callback last, as wechat-api calls it) as a promise
  const call =
    <T>(name: string) =>
    (...args: unknown[]) =>
      new Promise<T>((resolve, reject) => {
        api[name]!.call(api, ...args, (err: Error | null, result: T) => (err ? reject(err) : resolve(result)));
      });
  return {
    code2Session: (code) => call<Code2SessionReply>('code2Session')(code),
    getUnlimitedQrCode: (scene, page) => call<Buffer>('getUnlimitedQrCode')(scene, page),
    msgSecCheck: (openid, content, scene) => call<{ result?: { suggest?: string } }>('msgSecCheck')(openid, content, scene),
    imgSecCheck: async (image, contentType) => {
      // multipart encoded by the platform's FormData (field `media`, as WeChat documents it)
      const form = new FormData();
      form.append(
        'media',
        new Blob([new Uint8Array(image)], { type: contentType }),
        contentType === 'image/png' ? 'photo.png' : 'photo.jpg',
      );
      const encoded = new Response(form);
      const body = Buffer.from(await encoded.arrayBuffer());
      return call<{ errcode?: number }>('imgSecCheck')(body, encoded.headers.get('content-type') ?? '');
    },
    getUserPhoneNumber: (code) => call<{ phone_info?: WechatPhoneInfo }>('getUserPhoneNumber')(code),
    mediaCheckAsync: (openid, mediaUrl, scene) =>
      call<{ errcode?: number; errmsg?: string; trace_id?: string }>('mediaCheckAsync')(openid, mediaUrl, scene),
    sendSubscribeMessage: (message) => call<{ errcode?: number; msgid?: number }>('sendSubscribeMessage')(message),
  };
}
