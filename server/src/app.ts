import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import serve from 'koa-static';
import { buildOpenApiDocument } from '@vc/types';
import type { AppDeps } from './deps';
import { JSON_BODY_LIMIT, methodGuard, mountRoutes, type AppState } from './shared/http';
import { errorInLanguage } from './modules/i18n/errors';
import { fontFile } from './modules/i18n/fonts';
import { errorMiddleware, requestLogMiddleware } from './shared/middleware';
import { createLogger } from './shared/log';
import { allHandlers, routeGuards } from './routes';

export type { AppDeps };

/**
 * The Koa app: middleware, the routes of every capability (server/src/routes.ts), the H5 app's
 * static files. No listening, no connecting (main.ts and tests do that).
 */
export function createApp(deps: AppDeps): Koa<AppState> {
  const { config } = deps;
  const log = deps.log ?? createLogger({ level: config.logLevel });
  const app = new Koa<AppState>();
  app.proxy = config.env === 'production';
  // what escapes every middleware (Koa answers 500 itself); without a listener Koa prints to stderr
  app.on('error', (err: unknown) => {
    const e = err as { status?: number; expose?: boolean };
    if (e?.status === 404 || e?.expose) return;
    log.error({ err }, 'unhandled error');
  });

  const openapi = buildOpenApiDocument();
  // outermost: every request gets its id and one log line, whatever happens inside
  app.use(requestLogMiddleware(log));
  app.use(errorMiddleware(errorInLanguage));
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    if (ctx.path.startsWith('/api')) ctx.set('Cache-Control', 'no-store');
    await next();
  });
  // read by mountRoutes once the caller is known (JSON routes only; uploads are read by their handler)
  const jsonBody = bodyParser({
    enableTypes: ['json'],
    jsonLimit: JSON_BODY_LIMIT,
    encoding: 'utf-8',
    // only objects and arrays at the top level
    jsonStrict: true,
  });
  const router = mountRoutes(allHandlers({ ...deps, log }), routeGuards(config), {
    readJson: (ctx) => jsonBody(ctx, () => Promise.resolve()),
    strictContracts: config.env !== 'production',
    log,
  });
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  app.use(methodGuard(router));
  app.use(router.routes());
  // the translations' fonts (modules/i18n/fonts.ts); the same file for a year, any origin may load it
  app.use(async (ctx, next) => {
    const font = ctx.method === 'GET' && ctx.path.startsWith('/fonts/') ? fontFile(ctx.path.slice('/fonts/'.length)) : null;
    if (!font) {
      await next();
      return;
    }
    ctx.type = 'font/woff2';
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.body = font;
  });

  const h5Dir = config.h5Dir ?? path.resolve(__dirname, '..', '..', 'miniprogram', 'dist-h5');
  if (existsSync(path.join(h5Dir, 'index.html'))) {
    const indexHtml = readFileSync(path.join(h5Dir, 'index.html'));
    // .br/.gz made at build (miniprogram/config) are sent to browsers that accept them; caches keep both
    app.use(async (ctx, next) => {
      await next();
      if (ctx.response.get('Content-Encoding')) ctx.vary('Accept-Encoding');
    });
    app.use(serve(h5Dir, { maxage: 3600 * 1000, index: 'index.html', brotli: true, gzip: true }));
    app.use(async (ctx, next) => {
      await next();
      if (ctx.status === 404 && ctx.method === 'GET' && !ctx.path.startsWith('/api')) {
        ctx.type = 'html';
        ctx.body = indexHtml;
      }
    });
  }
  return app;
}
