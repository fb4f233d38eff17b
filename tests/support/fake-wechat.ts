/**
 * A local stand-in for api.weixin.qq.com on 127.0.0.1 that answers as WeChat documents:
 * access tokens with expiry (and early revocation, as when another process refreshes),
 * jscode2session with single-use codes, getwxacodeunlimit, msg_sec_check — with WeChat's errcodes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  tokensIssued: number;
  /** subscribe messages delivered */
  messages: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }[];
  /** openids that have not subscribed to the template (WeChat: 43101) */
  refusedSubscribers: Set<string>;
  calls: { path: string; query: Record<string, string>; body: unknown }[];
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
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
  let counter = 0;
  const state: Omit<FakeWechat, 'baseUrl' | 'stop'> = {
    appid,
    secret,
    riskyWords: ['赌博', '诈骗集资'],
    reviewWords: ['集体上访'],
    msgSecCheckErrcode: null,
    tokensIssued: 0,
    messages: [],
    refusedSubscribers: new Set<string>(),
    calls: [],
    issueCode: (code, person) => codes.set(code, { ...person, used: false }),
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
      case '/cgi-bin/message/subscribe/send': {
        const err = tokenError(query.access_token);
        if (err) return json(err);
        const message = body as FakeWechat['messages'][number] | null;
        if (!message?.touser || !message.template_id) return json({ errcode: 47003, errmsg: 'argument invalid!' });
        if (state.refusedSubscribers.has(message.touser))
          return json({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        state.messages.push(message);
        return json({ errcode: 0, errmsg: 'ok', msgid: state.messages.length });
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
