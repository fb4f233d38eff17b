/**
 * A local stand-in for api.weixin.qq.com on 127.0.0.1 that answers as WeChat documents:
 * access tokens with expiry (and early revocation, as when another process refreshes),
 * jscode2session with single-use codes, getwxacodeunlimit, msg_sec_check, img_sec_check,
 * getuserphonenumber with single-use codes, media_check_async (then downloads the image from us and
 * pushes its signed wxa_media_check verdict to `pushUrl`) — with WeChat's errcodes.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

// 1×1 PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface TokenState {
  expiresAt: number;
  revoked: boolean;
}

export interface FakeWechat {
  baseUrl: string;
  appid: string;
  secret: string;
  /** a code that wx.login would have returned for this person */
  issueCode(code: string, person: { openid: string; unionid?: string }): void;
  /** every issued token stops working now, before its expiry (WeChat: 40001) */
  revokeTokens(): void;
  /** every issued token reaches its expiry now (WeChat: 42001) */
  expireTokens(): void;
  /** words that msg_sec_check reports as risky */
  riskyWords: string[];
  /** words for which msg_sec_check asks for human review */
  reviewWords: string[];
  /** when set, msg_sec_check answers with this errcode (e.g. -1 系统繁忙) */
  msgSecCheckErrcode: number | null;
  /** msg_sec_check answers HTTP 502 without JSON (WeChat's gateway down) */
  msgSecCheckDown: boolean;
  tokensIssued: number;
  /** subscribe messages delivered */
  messages: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }[];
  /** openids that have not subscribed to the template (WeChat: 43101) */
  refusedSubscribers: Set<string>;
  /**
   * What WeChat holds for us per person and template: each `accept` of wx.requestSubscribeMessage on
   * the phone gives one send; subscribe/send answers 43101 without one and spends one when it delivers.
   */
  grantSubscription(openid: string, templateId: string, sends?: number): void;
  /** sends left for this person and template */
  subscriptionQuota(openid: string, templateId: string): number;
  calls: { path: string; query: Record<string, string>; body: unknown }[];
  /**
   * img_sec_check's verdict on an image it could read (WeChat's classifier). By default an image
   * that is mostly pure red counts as risky (errcode 87014), so a test flags an image by its pixels.
   */
  riskyImage: (media: Buffer) => Promise<boolean>;
  /** when set, img_sec_check answers with this errcode (e.g. -1 系统繁忙) */
  imgSecCheckErrcode: number | null;
  /** images img_sec_check was asked about, as received */
  checkedImages: Buffer[];
  /** a code that the getPhoneNumber button would have returned for this number (single use, as WeChat's) */
  issuePhoneCode(code: string, phone: { purePhoneNumber: string; countryCode?: string }): void;
  /** when set, getuserphonenumber answers with this errcode (e.g. -1 系统繁忙) */
  phoneNumberErrcode: number | null;
  /** web authorisation (网页授权) of the Official Account: its own app id and secret */
  webAppid: string;
  webSecret: string;
  /** the account's 网页授权域名: hosts a redirect_uri may name (else WeChat's 10003) */
  webDomains: string[];
  /** the person using WeChat's browser: /connect/oauth2/authorize gives a code for them */
  webUser: { openid: string; unionid?: string } | null;
  /** a code that web authorisation would have given this person (single use, good 5 minutes, as WeChat's) */
  issueWebCode(code: string, person: { openid: string; unionid?: string }): void;
  /** sns/oauth2/access_token cuts the connection without an answer (WeChat unreachable) */
  webDown: boolean;
  /** media_check_async: where WeChat pushes its verdicts (our message-push URL) and the token it signs them with */
  pushUrl: string | null;
  pushToken: string;
  /** when set, media_check_async answers with this errcode (e.g. -1 系统繁忙) */
  mediaCheckErrcode: number | null;
  /** the verdict on an image it fetched; by default riskyImage's 'risky', else 'pass' */
  mediaSuggest: ((media: Buffer) => Promise<'pass' | 'risky' | 'review'>) | null;
  /** hold verdicts (the check stays pending on our side) until releaseMediaChecks() */
  holdMediaChecks: boolean;
  /** each media_check_async call: what was asked, what the download gave, what was pushed and how it was answered */
  mediaChecks: MediaCheckRecord[];
  /** pushes the held verdicts now */
  releaseMediaChecks(): Promise<void>;
  /** resolves once every check started so far has been fetched and its verdict pushed (or held) */
  mediaChecksSettled(): Promise<void>;
  stop(): Promise<void>;
}

export interface MediaCheckRecord {
  traceId: string;
  mediaUrl: string;
  openid: string;
  scene: number;
  /** HTTP status of WeChat's download of media_url (0: could not connect) */
  fetchStatus?: number;
  suggest?: 'pass' | 'risky' | 'review';
  /** the image as WeChat downloaded it */
  media?: Buffer;
  /** the push's HTTP status per attempt (WeChat retries a push that was not answered 2xx) */
  pushStatuses: number[];
  held?: boolean;
}

/** WeChat's message-push signature: sha1 of the sorted [token, timestamp, nonce] */
export function signPush(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/** The query WeChat appends to a push it signs. */
export function pushQuery(
  token: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
  nonce = String(Math.floor(Math.random() * 1e9)),
) {
  return new URLSearchParams({ signature: signPush(token, timestamp, nonce), timestamp, nonce }).toString();
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  // multipart bodies (img_sec_check's media) stay bytes
  if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) return Buffer.concat(chunks);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export async function startFakeWechat(appid = 'wx-test-appid', secret = 'test-secret'): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  const tokens = new Map<string, TokenState>();
  const webCodes = new Map<string, { openid: string; unionid?: string; used: boolean; issuedAt: number }>();
  const phoneCodes = new Map<string, { purePhoneNumber: string; countryCode: string; used: boolean }>();
  const subscriptions = new Map<string, number>();
  let counter = 0;
  const pending = new Set<Promise<void>>();
  const held: { record: MediaCheckRecord; payload: Record<string, unknown> }[] = [];
  /** POSTs a verdict as WeChat pushes it (JSON mode, signed query), retrying as WeChat does on a non-2xx answer */
  const push = async (record: MediaCheckRecord, payload: Record<string, unknown>) => {
    for (let attempt = 0; attempt < 3 && state.pushUrl; attempt += 1) {
      const res = await fetch(`${state.pushUrl}?${pushQuery(state.pushToken)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      }).catch(() => null);
      const status = res?.status ?? 0;
      await res?.text();
      record.pushStatuses.push(status);
      if (status >= 200 && status < 300) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** what WeChat does after answering media_check_async: download, classify, push */
  const runMediaCheck = async (record: MediaCheckRecord) => {
    await new Promise((r) => setTimeout(r, 20));
    const res = await fetch(record.mediaUrl).catch(() => null);
    record.fetchStatus = res?.status ?? 0;
    if (!res || !res.ok) return void (await res?.text());
    const media = Buffer.from(await res.arrayBuffer());
    record.media = media;
    const suggest = state.mediaSuggest ? await state.mediaSuggest(media) : (await state.riskyImage(media)) ? 'risky' : 'pass';
    record.suggest = suggest;
    const label = suggest === 'pass' ? 100 : 20002;
    const payload = {
      ToUserName: 'gh_fake_original_id',
      FromUserName: record.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid,
      trace_id: record.traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
    };
    if (state.holdMediaChecks) {
      record.held = true;
      held.push({ record, payload });
      return;
    }
    await push(record, payload);
  };
  const track = (work: Promise<void>) => {
    const done = work.catch(() => undefined).finally(() => pending.delete(done));
    pending.add(done);
  };
  const state: Omit<FakeWechat, 'baseUrl' | 'stop'> = {
    pushUrl: null,
    pushToken: '',
    mediaCheckErrcode: null,
    mediaSuggest: null,
    holdMediaChecks: false,
    mediaChecks: [],
    releaseMediaChecks: async () => {
      const now = held.splice(0);
      await Promise.all(now.map(({ record, payload }) => ((record.held = false), push(record, payload))));
    },
    mediaChecksSettled: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    appid,
    secret,
    riskyWords: ['赌博', '诈骗集资'],
    reviewWords: ['集体上访'],
    msgSecCheckErrcode: null,
    msgSecCheckDown: false,
    tokensIssued: 0,
    messages: [],
    refusedSubscribers: new Set<string>(),
    grantSubscription: (openid, templateId, sends = 1) =>
      subscriptions.set(`${openid}|${templateId}`, (subscriptions.get(`${openid}|${templateId}`) ?? 0) + sends),
    subscriptionQuota: (openid, templateId) => subscriptions.get(`${openid}|${templateId}`) ?? 0,
    calls: [],
    issueCode: (code, person) => codes.set(code, { ...person, used: false }),
    webAppid: 'wx-test-web-appid',
    webSecret: 'test-web-secret',
    webDomains: ['127.0.0.1', 'localhost'],
    webUser: null,
    issueWebCode: (code, person) => webCodes.set(code, { ...person, used: false, issuedAt: Date.now() }),
    webDown: false,
    riskyImage: async (media) => {
      const [r, g, b] = (await sharp(media).stats()).channels;
      return !!r && !!g && !!b && r.mean > 180 && g.mean < 70 && b.mean < 70;
    },
    imgSecCheckErrcode: null,
    checkedImages: [],
    issuePhoneCode: (code, phone) => phoneCodes.set(code, { countryCode: '86', ...phone, used: false }),
    phoneNumberErrcode: null,
    revokeTokens: () => tokens.forEach((t) => (t.revoked = true)),
    expireTokens: () => tokens.forEach((t) => (t.expiresAt = 0)),
  };

  const tokenError = (token: string | undefined) => {
    const t = token ? tokens.get(token) : undefined;
    if (!t || t.revoked) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    if (t.expiresAt <= Date.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return null;
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const body = req.method === 'POST' ? await readBody(req) : null;
    state.calls.push({ path: url.pathname, query, body });
    const json = (payload: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
      res.end(JSON.stringify(payload));
    };
    switch (url.pathname) {
      case '/cgi-bin/token': {
        if (query.appid !== appid) return json({ errcode: 40013, errmsg: 'invalid appid' });
        if (query.secret !== secret) return json({ errcode: 40125, errmsg: 'invalid appsecret' });
        counter += 1;
        const token = `ACCESS_TOKEN_${counter}`;
        tokens.set(token, { expiresAt: Date.now() + 7200 * 1000, revoked: false });
        state.tokensIssued += 1;
        return json({ access_token: token, expires_in: 7200 });
      }
      case '/sns/jscode2session': {
        if (query.appid !== appid) return json({ errcode: 40013, errmsg: 'invalid appid' });
        if (query.secret !== secret) return json({ errcode: 40125, errmsg: 'invalid appsecret' });
        const entry = codes.get(query.js_code ?? '');
        if (!entry) return json({ errcode: 40029, errmsg: 'invalid code' });
        if (entry.used) return json({ errcode: 40163, errmsg: 'code been used' });
        entry.used = true;
        return json({
          openid: entry.openid,
          session_key: 'c2Vzc2lvbmtleQ==',
          ...(entry.unionid ? { unionid: entry.unionid } : {}),
        });
      }
      case '/wxa/getwxacodeunlimit': {
        const err = tokenError(query.access_token);
        if (err) return json(err);
        const scene = (body as { scene?: string } | null)?.scene ?? '';
        if (!scene || scene.length > 32) return json({ errcode: 40097, errmsg: 'invalid args' });
        res.writeHead(200, { 'content-type': 'image/png' });
        return res.end(PNG);
      }
      case '/wxa/msg_sec_check': {
        const err = tokenError(query.access_token);
        if (err) return json(err);
        if (state.msgSecCheckErrcode !== null) return json({ errcode: state.msgSecCheckErrcode, errmsg: 'system error' });
        if (state.msgSecCheckDown) {
          res.writeHead(502, { 'content-type': 'text/html' });
          return res.end('<html><body>502 Bad Gateway</body></html>');
        }
        // version 2 needs the writer's openid and one of the four documented scenes
        const { openid, scene } = (body ?? {}) as { openid?: unknown; scene?: unknown };
        if (typeof openid !== 'string' || !openid) return json({ errcode: 40003, errmsg: 'invalid openid' });
        if (scene !== 1 && scene !== 2 && scene !== 3 && scene !== 4)
          return json({ errcode: 40129, errmsg: 'invalid scene (1 资料; 2 评论; 3 论坛; 4 社交日志)' });
        const content = (body as { content?: string } | null)?.content ?? '';
        const risky = state.riskyWords.some((w) => content.includes(w));
        const review = state.reviewWords.some((w) => content.includes(w));
        return json({
          errcode: 0,
          errmsg: 'ok',
          result: risky
            ? { suggest: 'risky', label: 20001 }
            : review
              ? { suggest: 'review', label: 20002 }
              : { suggest: 'pass', label: 100 },
          trace_id: `trace-${state.calls.length}`,
        });
      }
      case '/wxa/img_sec_check': {
        const err = tokenError(query.access_token);
        if (err) return json(err);
        if (state.imgSecCheckErrcode !== null) return json({ errcode: state.imgSecCheckErrcode, errmsg: 'system error' });
        const contentType = String(req.headers['content-type'] ?? '');
        if (!Buffer.isBuffer(body) || !contentType.startsWith('multipart/form-data'))
          return json({ errcode: 41005, errmsg: 'media data missing' });
        const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
        const media = form.get('media');
        if (!media || typeof media === 'string') return json({ errcode: 41005, errmsg: 'media data missing' });
        const image = Buffer.from(await media.arrayBuffer());
        state.checkedImages.push(image);
        // WeChat's limits: at most 1 MB and 750px × 1334px
        const meta = await sharp(image)
          .metadata()
          .catch(() => null);
        if (!meta?.width || !meta.height) return json({ errcode: 40113, errmsg: 'unsupported file type' });
        if (image.length > 1024 * 1024 || meta.width > 750 || meta.height > 1334)
          return json({ errcode: 40006, errmsg: 'invalid media size' });
        if (await state.riskyImage(image)) return json({ errcode: 87014, errmsg: 'risky content' });
        return json({ errcode: 0, errmsg: 'ok' });
      }
      case '/wxa/media_check_async': {
        const err = tokenError(query.access_token);
        if (err) return json(err);
        if (state.mediaCheckErrcode !== null) return json({ errcode: state.mediaCheckErrcode, errmsg: 'system error' });
        const { media_url, media_type, version, scene, openid } = (body ?? {}) as Record<string, unknown>;
        if (typeof media_url !== 'string' || !/^https?:\/\//.test(media_url))
          return json({ errcode: 40097, errmsg: 'invalid args: media_url' });
        if (media_type !== 1 && media_type !== 2) return json({ errcode: 40097, errmsg: 'invalid args: media_type' });
        if (version !== 2) return json({ errcode: 40097, errmsg: 'invalid args: version' });
        if (typeof openid !== 'string' || !openid) return json({ errcode: 40003, errmsg: 'invalid openid' });
        if (scene !== 1 && scene !== 2 && scene !== 3 && scene !== 4)
          return json({ errcode: 40129, errmsg: 'invalid scene (1 资料; 2 评论; 3 论坛; 4 社交日志)' });
        counter += 1;
        const traceId = `${Date.now().toString(16)}-${counter.toString(16).padStart(8, '0')}-media`;
        const record: MediaCheckRecord = { traceId, mediaUrl: media_url, openid, scene, pushStatuses: [] };
        state.mediaChecks.push(record);
        // WeChat answers at once, then downloads and checks the image and pushes its verdict later
        track(runMediaCheck(record));
        return json({ errcode: 0, errmsg: 'ok', trace_id: traceId });
      }
      case '/wxa/business/getuserphonenumber': {
        const err = tokenError(query.access_token);
        if (err) return json(err);
        if (state.phoneNumberErrcode !== null) return json({ errcode: state.phoneNumberErrcode, errmsg: 'system error' });
        const entry = phoneCodes.get((body as { code?: string } | null)?.code ?? '');
        if (!entry || entry.used) return json({ errcode: 40029, errmsg: 'invalid code' });
        entry.used = true;
        return json({
          errcode: 0,
          errmsg: 'ok',
          phone_info: {
            phoneNumber: entry.countryCode === '86' ? entry.purePhoneNumber : `+${entry.countryCode}${entry.purePhoneNumber}`,
            purePhoneNumber: entry.purePhoneNumber,
            countryCode: entry.countryCode,
            watermark: { timestamp: Math.floor(Date.now() / 1000), appid },
          },
        });
      }
      case '/cgi-bin/message/subscribe/send': {
        const err = tokenError(query.access_token);
        if (err) return json(err);
        const message = body as FakeWechat['messages'][number] | null;
        if (!message?.touser || !message.template_id) return json({ errcode: 47003, errmsg: 'argument invalid!' });
        const held = `${message.touser}|${message.template_id}`;
        if (state.refusedSubscribers.has(message.touser) || !subscriptions.get(held))
          return json({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        subscriptions.set(held, subscriptions.get(held)! - 1);
        state.messages.push(message);
        return json({ errcode: 0, errmsg: 'ok', msgid: state.messages.length });
      }
      case '/connect/oauth2/authorize': {
        // open.weixin.qq.com in WeChat's browser: a refusal is a page with its errcode; otherwise a
        // 302 back to redirect_uri with a code for the person using WeChat and the state unchanged
        if (!query.appid) return json({ errcode: 10012, errmsg: 'appid不能为空' });
        if (query.appid !== state.webAppid) return json({ errcode: 40013, errmsg: 'invalid appid' });
        if (!query.redirect_uri) return json({ errcode: 10011, errmsg: 'redirect_uri不能为空' });
        let target: URL;
        try {
          target = new URL(query.redirect_uri);
        } catch {
          return json({ errcode: 10003, errmsg: 'redirect_uri域名与后台配置不一致' });
        }
        if (!state.webDomains.includes(target.hostname))
          return json({ errcode: 10003, errmsg: 'redirect_uri域名与后台配置不一致' });
        if (query.scope !== 'snsapi_base' && query.scope !== 'snsapi_userinfo') {
          return json({ errcode: 10005, errmsg: '此公众号并没有这些scope的权限' });
        }
        if (query.response_type !== 'code') return json({ errcode: 10001, errmsg: 'response_type参数错误' });
        if (!state.webUser) return json({ errcode: -1, errmsg: 'fake: no person in WeChat (set webUser)' });
        counter += 1;
        const code = `WEB_CODE_${counter}_${Math.random().toString(36).slice(2, 10)}`;
        state.issueWebCode(code, state.webUser);
        target.searchParams.set('code', code);
        target.searchParams.set('state', query.state ?? '');
        res.writeHead(302, { location: target.toString() });
        return res.end();
      }
      case '/sns/oauth2/access_token': {
        if (state.webDown) return void res.destroy();
        if (query.appid !== state.webAppid) return json({ errcode: 40013, errmsg: 'invalid appid' });
        if (query.secret !== state.webSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' });
        if (query.grant_type !== 'authorization_code') return json({ errcode: 40002, errmsg: 'invalid grant_type' });
        const entry = webCodes.get(query.code ?? '');
        if (!entry || entry.issuedAt + 5 * 60 * 1000 < Date.now()) return json({ errcode: 40029, errmsg: 'invalid code' });
        if (entry.used) return json({ errcode: 40163, errmsg: 'code been used' });
        entry.used = true;
        counter += 1;
        return json({
          access_token: `WEB_ACCESS_TOKEN_${counter}`,
          expires_in: 7200,
          refresh_token: `WEB_REFRESH_TOKEN_${counter}`,
          openid: entry.openid,
          scope: 'snsapi_base',
          ...(entry.unionid ? { unionid: entry.unionid } : {}),
        });
      }
      default:
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
    }
  };
  // a request that fails (its body cut off) gets a 500, rather than an unhandled rejection and no reply
  const server: Server = createServer((req, res) => {
    answer(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errcode: -1, errmsg: err instanceof Error ? err.message : 'fake WeChat failed' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
