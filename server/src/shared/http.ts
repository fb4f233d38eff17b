import type Koa from 'koa';
import Router from '@koa/router';
import multer from '@koa/multer';
import getRawBody from 'raw-body';
import { z } from 'zod';
import { MAX_PHOTO_BYTES, ROUTES, routeErrors, routeSuccessStatuses, type RouteContract } from '@vc/types';
import { AppError } from './errors';
import { toAppError } from './middleware';
import type { Principal } from './principal';
import type { Logger } from './log';
import type { ConsumeRate } from './rate-limit';
import { decideAccess, type MachineIdentity } from './scope';

export interface AppState {
  principal: Principal | null;
  /** the machine credential this request presented, even a revoked one: named in its log line and its call log */
  machine?: MachineIdentity;
  /** a token was sent but is unknown, expired or revoked */
  sessionProblem?: boolean;
  /** this request's id (requestLogMiddleware): the X-Request-Id header, the log line, 5xx error bodies */
  requestId?: string;
  /** the error replied (errorMiddleware), for the request's log line; `cause` for INTERNAL and DATABASE_UNAVAILABLE */
  failure?: { code: string; cause?: unknown };
}

export type AppContext = Koa.ParameterizedContext<AppState>;

type Infer<T> = T extends z.ZodTypeAny ? z.infer<T> : undefined;
type Field<C, F extends string> = C extends Record<F, infer S> ? Infer<S> : undefined;

export interface HandlerInput<C extends RouteContract> {
  params: Field<C, 'params'>;
  query: Field<C, 'query'>;
  body: Field<C, 'body'>;
  principal: C['access'] extends { kind: 'public' | 'signed' | 'wechat' } ? Principal | null : Principal;
  ctx: AppContext;
}

/** A handler returns the reply; for binary replies it sets ctx.body itself and returns undefined. */
export type Handler<C extends RouteContract> = (input: HandlerInput<C>) => Promise<Infer<C['reply']> | undefined>;

/**
 * One handler per contract of a table: a capability's routes.ts returns `Handlers<typeof itsRoutes>`,
 * so a contract without a handler, or a handler without a contract, does not compile.
 */
export type Handlers<T extends Record<string, RouteContract>> = { [K in keyof T]: Handler<T[K]> };

/** Replies with a status other than the route's usual one (a retry: 200; held for review: 202). */
export function replyWithStatus<T>(ctx: AppContext, body: T, status: number): Promise<undefined> {
  ctx.status = status;
  ctx.body = body;
  return Promise.resolve(undefined);
}

/** A file reply (image, spreadsheet) set on the context; the handler then returns undefined. */
export function replyWithFile(
  ctx: AppContext,
  file: { body: Buffer; contentType: string; disposition?: string; cacheControl?: string },
): undefined {
  ctx.type = file.contentType;
  if (file.disposition) ctx.set('Content-Disposition', file.disposition);
  if (file.cacheControl) ctx.set('Cache-Control', file.cacheControl);
  ctx.body = file.body;
  return undefined;
}

const MAX_DEPTH = 16;

/** the largest body any route reads as JSON (uploads have their own limits) */
export const JSON_BODY_LIMIT = '32kb';

/**
 * A body's strings without U+0000: PostgreSQL, under the embedded database, cannot store it in a
 * document (a 500 Schemathesis found, issue 16), and no text anyone types means it. Dropped
 * before validation, for every route, so lengths are counted without it.
 */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)]));
  return value;
}

/**
 * Keys starting with `$` or containing `.` could become MongoDB operators or paths;
 * no contract has them, so they are refused before anything else looks at the body.
 * Returns the first such key, 'TOO_DEEP' past MAX_DEPTH levels (no forbidden key can be spelt
 * 'TOO_DEEP': each starts with `$` or holds a `.`), or null.
 */
export function findForbiddenKey(value: unknown): string | null {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_DEPTH) return 'TOO_DEEP';
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('$') || key.includes('.')) return key;
      stack.push({ node: child, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Validates one part of a request. `unknown` here, where the route table is walked generically;
 * each handler gets its contract's types (HandlerInput).
 */
function parse(schema: z.ZodTypeAny | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = details[0];
    throw new AppError('VALIDATION_FAILED', first ? `请求内容不符合要求：${first.message}` : undefined, details);
  }
  return result.data;
}

/** A path parameter as text ('' when absent), for the scope and membership checks. */
function paramText(params: unknown, name: string): string {
  const value = (params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Mounts every route of the contract table; a missing handler is a type error in server/src/routes.ts. */
export interface Guards {
  authenticate: (ctx: AppContext) => Promise<Principal | null>;
  verifySigned: (ctx: AppContext) => Promise<void>;
  /** WeChat's message push: the signature over the query's timestamp and nonce (access kind `wechat`) */
  verifyWechatPush: (ctx: AppContext) => void;
  /** throws the group refusal (not a member, muted, not a moderator) for `member` routes */
  checkMember: (principal: Principal, groupCode: string, need: 'read' | 'post' | 'moderate' | 'join') => Promise<void>;
  consumeRate: ConsumeRate;
  /**
   * Told of every request once it is answered (refusals included), before the reply leaves: a
   * failure here fails the request (machine credentials' call log, modules/machine-access).
   */
  answered: (ctx: AppContext, answer: Answer) => Promise<void>;
}

/** A request as answered: its route, the place it named (its access scope), the status it got. */
export interface Answer {
  routeId: string;
  placeCode: string | null;
  status: number;
}

/** How mountRoutes reads bodies and how strictly it holds handlers to their contracts. */
export interface MountOptions {
  /** reads a JSON body into ctx.request.body (and its text into rawBody), after authentication */
  readJson: (ctx: AppContext) => Promise<void>;
  /**
   * outside production: a failure code or success status the route's contract does not declare is
   * answered 500 (and logged), so a test that reaches it fails; in production it is only logged
   */
  strictContracts: boolean;
  log: Logger;
}

/** True when the request carries a body (a length above 0, or chunked). */
function hasBody(ctx: AppContext): boolean {
  const length = ctx.get('content-length');
  return (length !== '' && length !== '0') || ctx.get('transfer-encoding') !== '';
}

/**
 * A JSON route's body: refused 415 unless JSON (an absent body is read as {}), read only once the
 * caller is known, so strangers learn nothing of private routes' shapes.
 */
async function readBody(ctx: AppContext, contract: RouteContract, readJson: MountOptions['readJson']): Promise<void> {
  if (contract.upload) {
    if (!ctx.is('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
    return;
  }
  if (!hasBody(ctx)) return;
  if (!ctx.is('application/json', '+json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  await readJson(ctx);
}

/** The body as text (signed calls), at most the JSON limit; rawBody for the signature check. */
async function readText(ctx: AppContext): Promise<string> {
  if (!hasBody(ctx)) return '';
  // the declared length lets an oversized body be refused before it is read, as the JSON parser does
  const text = await getRawBody(ctx.req, { length: ctx.request.length, limit: JSON_BODY_LIMIT, encoding: 'utf-8' });
  (ctx.request as { rawBody?: string }).rawBody = text;
  return text;
}

/**
 * A signed call's body, once its signature holds: JSON objects only, as for every other route.
 * WeChat's pushes are JSON by the console's setting, whatever content type they carry (anyType).
 */
function parseSignedJson(ctx: AppContext, text: string, anyType = false): void {
  if (text === '') return;
  if (!anyType && !ctx.is('application/json', '+json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_JSON');
  }
  if (body === null || typeof body !== 'object') throw new AppError('INVALID_JSON');
  (ctx.request as { body?: unknown }).body = body;
}

export function mountRoutes(
  handlers: Handlers<typeof ROUTES>,
  { authenticate, verifySigned, verifyWechatPush, checkMember, consumeRate, answered }: Guards,
  { readJson, strictContracts, log }: MountOptions,
): Router<AppState> {
  const router = new Router<AppState>();
  for (const [id, contract] of Object.entries(ROUTES) as [keyof typeof ROUTES, RouteContract][]) {
    const handler = handlers[id] as Handler<RouteContract>;
    const declared = new Set<string>(routeErrors(contract));
    const successes = routeSuccessStatuses(contract);
    /** a code or status the contract does not declare: a bug in the contract or the handler */
    const undeclared = (what: string) => {
      log.error({ route: contract.id, undeclared: what }, 'reply not declared in the route contract');
      if (strictContracts) throw new AppError('INTERNAL');
    };
    const serve = async (ctx: AppContext) => {
      // floods from one address are cut before any work is done
      if (contract.rateLimit) await consumeRate(contract.rateLimit, 'address', ctx.ip);
      if (contract.access.kind === 'signed') {
        // the signature covers the exact bytes: checked before anything is made of them
        const text = await readText(ctx);
        await verifySigned(ctx);
        parseSignedJson(ctx, text);
      }
      if (contract.access.kind === 'wechat') {
        // WeChat signs the query, not the body: a forged push is refused before its body is read
        verifyWechatPush(ctx);
        parseSignedJson(ctx, await readText(ctx), true);
      }
      const principal = await authenticate(ctx);
      ctx.state.principal = principal;
      // who is calling comes before what they sent: no person, no further look
      const anonymous = decideAccess(principal?.machine ?? principal?.grants ?? null, contract.access, null);
      if (anonymous === 'UNAUTHENTICATED') throw new AppError(ctx.state.sessionProblem ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
      const params = parse(contract.params, ctx.params);
      const scopeParam = contract.access.kind === 'role' ? contract.access.scope : null;
      const target = scopeParam ? paramText(params, scopeParam) : null;
      const decision = decideAccess(principal?.machine ?? principal?.grants ?? null, contract.access, target);
      if (decision !== 'allow') throw new AppError(decision);
      if (contract.access.kind === 'member') await checkMember(principal!, paramText(params, 'groupCode'), contract.access.need);

      if (contract.body && contract.access.kind !== 'signed' && contract.access.kind !== 'wechat')
        await readBody(ctx, contract, readJson);
      if (contract.upload) await readBody(ctx, contract, readJson);
      const rawBody = (ctx.request as { body?: unknown }).body;
      if (contract.body) {
        const forbidden = findForbiddenKey(rawBody);
        if (forbidden === 'TOO_DEEP') throw new AppError('VALIDATION_FAILED', '请求内容嵌套层级过深');
        if (forbidden !== null) throw new AppError('FORBIDDEN_KEY', `请求中含有不允许的字段名：${forbidden.slice(0, 40)}`);
      }
      const body = parse(contract.body, withoutNul(rawBody ?? {}));
      const query = parse(contract.query, ctx.query);
      if (contract.rateLimit) {
        // the person: who is logged in, or whom a login is for
        const claimed = body as { userId?: string; openid?: string } | undefined;
        const person = principal?.userId ?? claimed?.userId ?? claimed?.openid;
        if (person) await consumeRate(contract.rateLimit, 'person', person);
      }
      const input = { params, query, body, principal, ctx } as HandlerInput<RouteContract>;
      let reply: unknown;
      try {
        reply = await handler(input);
      } catch (err) {
        if (err instanceof AppError && !declared.has(err.code)) undeclared(err.code);
        throw err;
      }
      if (reply !== undefined) {
        ctx.status = contract.status ?? 200;
        ctx.body = reply;
      } else if (!successes.includes(ctx.status)) {
        undeclared(`status ${ctx.status}`);
      }
    };
    router[contract.method](contract.path, (ctx: AppContext) => withAnswer(ctx, contract, serve, answered));
  }
  return router;
}

/**
 * Methods a known path does not serve are refused 405 with an Allow header naming those it does
 * (GET implies HEAD); nothing here answers OPTIONS, as no other origin calls this API. Mounted
 * before the router, so an unknown method (TRACE, PROPFIND) never reaches it.
 */
export function methodGuard(router: Router<AppState>): Koa.Middleware<AppState> {
  return async (ctx, next) => {
    const layers = router.match(ctx.path, ctx.method).path;
    // a literal path outranks a template it also fits: /api/consultations/photos is the upload,
    // not a consultation with the id "photos"
    const literal = layers.filter((layer) => layer.paramNames.length === 0);
    const methods = new Set((literal.length > 0 ? literal : layers).flatMap((layer) => layer.methods));
    if (layers.length > 0 && !methods.has(ctx.method)) {
      const allow = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'].filter((method) => methods.has(method));
      ctx.set('Allow', allow.join(', '));
      throw new AppError('METHOD_NOT_ALLOWED');
    }
    await next();
  };
}

/** Serves a request, then tells `answered` the status it got (refusals included) and the place it named. */
async function withAnswer(
  ctx: AppContext,
  contract: RouteContract,
  serve: (ctx: AppContext) => Promise<void>,
  answered: Guards['answered'],
): Promise<void> {
  let status = 500;
  try {
    await serve(ctx);
    status = ctx.status;
  } catch (err) {
    status = toAppError(err).status;
    throw err;
  } finally {
    const scope =
      contract.access.kind === 'role' ? contract.access.scope : contract.access.kind === 'member' ? 'groupCode' : null;
    const place = scope ? paramText(ctx.params, scope) : '';
    await answered(ctx, { routeId: contract.id, placeCode: /^\d{2,12}$/.test(place) ? place : null, status });
  }
}

// one photo per request, in memory (≤ 2 MB), field "file" as wx.uploadFile sends it
const photoUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5 },
}).single('file');

/** The uploaded photo's bytes; multer's limits become our error codes. */
export async function readPhotoUpload(ctx: AppContext): Promise<Buffer | undefined> {
  try {
    await photoUpload(ctx, () => Promise.resolve());
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') throw new AppError('PHOTO_TOO_LARGE');
    if (typeof code === 'string' && code.startsWith('LIMIT_')) throw new AppError('PHOTO_REQUIRED');
    throw new AppError('PHOTO_REQUIRED', '照片上传不完整，请重试');
  }
  return (ctx as unknown as { file?: { buffer: Buffer } }).file?.buffer;
}
