/**
 * What every request meets outside the routes: its id and one log line (requestLogMiddleware),
 * and every failure mapped to { error: { code, message } } with its status (errorMiddleware).
 */
import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import { ROUTES, type RouteContract } from '@vc/types';
import { AppError } from './errors';
import type { AppContext, AppState } from './http';
import type { Logger } from './log';

const DB_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNotConnectedError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
]);

/**
 * Socket errors the driver passes on unwrapped: writing to the database's connection just as the
 * database closes it gave a plain Error with code EPIPE (mongodb 6.20, seen in
 * tests/server/resilience/database-restart.test.ts).
 */
const SOCKET_ERROR_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED']);

function isDatabaseDown(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (DB_ERROR_NAMES.has(err.name)) return true;
  if (SOCKET_ERROR_CODES.has(String((err as { code?: unknown }).code))) return true;
  return /buffering timed out|before initial connection|Client must be connected|connection .* closed/i.test(err.message);
}

/** An incoming X-Request-Id (from a proxy, or a client retrying) is kept when it looks like an id. */
const INCOMING_REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/** "METHOD /path/:template" → the contract id, for naming a request's route in the log. */
const ROUTE_IDS = new Map(
  Object.entries(ROUTES as Record<string, RouteContract>).map(([id, c]) => [`${c.method.toUpperCase()} ${c.path}`, id]),
);

/** The contract id of the route that answered, or null (static files, openapi.json, unknown paths). */
function routeIdOf(ctx: AppContext): string | null {
  const template = (ctx as { _matchedRoute?: unknown })._matchedRoute;
  if (typeof template !== 'string') return null;
  const method = ctx.method === 'HEAD' ? 'GET' : ctx.method;
  return ROUTE_IDS.get(`${method} ${template}`) ?? null;
}

/**
 * A path no route matched, as logged: no query string, no long numbers (phone or ID numbers),
 * no percent-encoded text (names, messages), at most 100 characters.
 */
function unmatchedPath(path: string): string {
  return path
    .slice(0, 100)
    .replace(/(%[0-9A-Fa-f]{2})+/g, '*')
    .replace(/[0-9]{6,}[0-9Xx]?/g, '*');
}

/**
 * The outermost middleware: gives each request its id (a sane incoming X-Request-Id, or a new
 * UUID), returns it as X-Request-Id on every response, and logs the request once it is answered:
 * { requestId, method, route, userId, status, durationMs } plus the error code if one was replied,
 * and the cause (level error) for INTERNAL and DATABASE_UNAVAILABLE. The route is the contract id,
 * never the filled path; nothing of the query, headers or body is logged.
 */
export function requestLogMiddleware(log: Logger): Koa.Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now();
    const incoming = ctx.get('X-Request-Id');
    const requestId = INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    let escaped: unknown;
    try {
      await next();
    } catch (err) {
      // errorMiddleware answers everything; this is only a backstop, and Koa answers 500
      escaped = err;
      throw err;
    } finally {
      const route = routeIdOf(ctx);
      const failure = ctx.state.failure;
      const cause = escaped ?? failure?.cause;
      const line = {
        requestId,
        method: ctx.method,
        route,
        ...(route ? {} : { path: unmatchedPath(ctx.path) }),
        ...(ctx.state.machine
          ? { credentialId: ctx.state.machine.credentialId }
          : ctx.state.principal
            ? { userId: ctx.state.principal.userId }
            : {}),
        status: escaped === undefined ? ctx.status : 500,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(failure ? { code: failure.code } : {}),
      };
      if (cause !== undefined) log.error({ ...line, err: cause }, 'request failed');
      else log.info(line, 'request');
    }
  };
}

/**
 * Maps every thrown error to { error: { code, message } } with its status; never leaks internals.
 * 5xx replies also carry the request id, so a complaint can be traced to its log line; the error
 * itself is logged there (requestLogMiddleware, which must run outside this one).
 */
export function errorMiddleware(
  /** the message in the person's language (issue 17), or undefined to keep the Chinese */
  translate: (code: string, ctx: Koa.ParameterizedContext<AppState>) => Promise<string | undefined> = () =>
    Promise.resolve(undefined),
): Koa.Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api')) throw new AppError('ROUTE_NOT_FOUND');
    } catch (err) {
      const appError = toAppError(err);
      const logCause = appError.code === 'INTERNAL' || appError.code === 'DATABASE_UNAVAILABLE';
      ctx.state.failure = { code: appError.code, ...(logCause ? { cause: err } : {}) };
      ctx.status = appError.status;
      if (appError.retryAfter) ctx.set('Retry-After', String(appError.retryAfter));
      // a translation never turns a failure into another one
      const translated = await translate(appError.code, ctx).catch(() => undefined);
      ctx.body = {
        error: {
          code: appError.code,
          message: translated ?? appError.message,
          ...(appError.details ? { details: appError.details } : {}),
          ...(appError.status >= 500 && ctx.state.requestId ? { requestId: ctx.state.requestId } : {}),
        },
      };
    }
  };
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { status?: number; type?: string; name?: string; code?: unknown };
  if (e?.status === 413 || e?.type === 'entity.too.large') return new AppError('BODY_TOO_LARGE');
  if (e?.status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (e?.status === 400 || e?.type === 'entity.parse.failed' || err instanceof SyntaxError) return new AppError('INVALID_JSON');
  if (e?.name === 'CastError' || e?.name === 'ValidationError') return new AppError('VALIDATION_FAILED');
  if (isDatabaseDown(err)) return new AppError('DATABASE_UNAVAILABLE');
  return new AppError('INTERNAL');
}
