import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import serve from 'koa-static';
import { buildOpenApiDocument } from '@vc/types';
import type { Config } from './config';
import { AppError } from './shared/errors';
import { errorMiddleware, mountRoutes, type AppContext, type AppState, type Handlers } from './shared/http';
import * as accounts from './modules/accounts/service';
import * as login from './modules/accounts/login';
import * as places from './modules/places/service';
import * as counsel from './modules/counsel/service';
import * as ledger from './modules/ledger/service';
import { countyCompliance } from './modules/ledger/report';
import { exportLedger } from './modules/ledger/export';
import { runReminders } from './modules/ledger/reminders';
import type { WechatClient } from './modules/wechat/client';

export interface AppDeps {
  config: Config;
  wechat: WechatClient;
  log?: (err: unknown) => void;
}

const BODY_LIMIT = '32kb';

/** The Koa app with every route; no listening, no connecting (main.ts and tests do that). */
export function createApp({ config, wechat, log = console.error }: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = config.env === 'production';
  const ttl = config.sessionTtlMs;
  const demoAllowed = () => {
    if (config.env === 'production') throw new AppError('DEMO_DISABLED');
  };

  const handlers: Handlers = {
    wechatLogin: ({ body }) => login.wechatLogin(wechat, body.code, ttl),
    cloudLogin: ({ body }) => login.cloudLogin(body.openid, body.unionid, ttl),
    demoIdentities: async () => {
      demoAllowed();
      return { items: await accounts.demoIdentities() };
    },
    demoLogin: async ({ body }) => {
      demoAllowed();
      return login.demoLogin(body.userId, ttl);
    },
    logout: async ({ principal }) => {
      await accounts.revokeSession(principal.sessionId);
      return { ok: true as const };
    },
    me: ({ principal }) => accounts.me(principal.userId),
    updateProfile: ({ principal, body }) => accounts.updateProfile(principal.userId, body),
    bindVillage: ({ principal, body }) => accounts.bindVillage(principal.userId, body),
    searchVillages: async ({ query }) => ({ items: await places.searchVillages(query.q, query.countyCode, query.limit) }),
    villageByInvite: ({ params }) => places.villageByInvite(params.inviteCode),
    placeChildren: ({ params }) => places.children(params.code),
    noticeBoard: ({ params }) => counsel.noticeBoard(params.villageCode),
    counselContact: ({ params, principal }) => counsel.counselContact(params.villageCode, params.counselId, principal.userId),
    villageQrCode: async ({ params, ctx }) => {
      await places.villageSummary(params.villageCode);
      const scene = await places.ensureInviteCode(params.villageCode);
      try {
        ctx.body = await wechat.getUnlimitedQrCode(scene, config.wechat.qrPage);
      } catch {
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      ctx.type = 'image/png';
      return undefined;
    },
    countyPolicy: ({ params }) => counsel.countyPolicy(params.countyCode),
    updateCountyPolicy: ({ params, body, principal }) => counsel.updateCountyPolicy(params.countyCode, body, principal.userId),
    countyCounsel: ({ params }) => counsel.countyCounsel(params.countyCode),
    listAssignments: async ({ params, query }) => ({ items: await counsel.listAssignments(params.countyCode, query) }),
    assignCounsel: ({ params, body, principal }) => counsel.assign(params.countyCode, body, principal.userId),
    endAssignment: ({ params, body, principal }) =>
      counsel.endAssignment(params.countyCode, params.assignmentId, body.reason, principal.userId),
    submitLedgerEntry: async ({ principal, body, ctx }) => {
      const { entry, created } = await ledger.submit(principal, body);
      if (!created) {
        ctx.status = 200; // a retry: the first record, nothing new written
        ctx.body = entry;
        return undefined;
      }
      return entry;
    },
    myLedgerEntries: async ({ principal, query }) => ({ items: await ledger.listMine(principal.userId, query) }),
    myLedgerProgress: async ({ principal, query }) => ({ items: await ledger.progress(principal, query.month) }),
    townshipLedgerEntries: async ({ params, query }) => ({ items: await ledger.listTownship(params.townshipCode, query) }),
    reviewLedgerEntry: ({ params, body, principal }) =>
      ledger.review(params.townshipCode, params.entryId, body, principal.userId),
    runReminders: ({ body }) => runReminders(wechat, { ...config.reminders, asOf: body.asOf ? new Date(body.asOf) : undefined }),
    townshipCompliance: ({ params, query }) =>
      countyCompliance(params.townshipCode.slice(0, 6), query.month, params.townshipCode),
    countyCompliance: ({ params, query }) => countyCompliance(params.countyCode, query.month, query.townshipCode),
    ledgerExport: async ({ params, query, ctx }) => {
      ctx.body = await exportLedger(params.countyCode, query.month, query.villageCode);
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const name = `台账-${params.countyCode}-${query.month}${query.villageCode ? `-${query.villageCode}` : ''}.xlsx`;
      ctx.set(
        'Content-Disposition',
        `attachment; filename="ledger-${query.month}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      return undefined;
    },
    lockLedgerMonth: ({ params, principal }) => ledger.lockMonth(params.townshipCode, params.month, principal.userId),
  };

  const authenticate = async (ctx: AppContext) => {
    const result = await accounts.authenticate(ctx.get('authorization') || undefined);
    if (!result.principal && result.problem === 'SESSION_EXPIRED') ctx.state.sessionProblem = true;
    return result.principal;
  };

  const openapi = buildOpenApiDocument();
  app.use(errorMiddleware(log));
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    if (ctx.path.startsWith('/api')) ctx.set('Cache-Control', 'no-store');
    await next();
  });
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: BODY_LIMIT,
      encoding: 'utf-8',
      // only objects and arrays at the top level
      jsonStrict: true,
    }),
  );
  app.use(async (ctx, next) => {
    if (ctx.path === '/api/openapi.json') {
      ctx.body = openapi;
      return;
    }
    await next();
  });
  const verifySigned = (ctx: AppContext) =>
    login.verifySignedRequest(config.cloudSharedSecret, {
      headers: ctx.headers,
      rawBody: (ctx.request as { rawBody?: string }).rawBody ?? '',
    });
  const router = mountRoutes(handlers, authenticate, verifySigned);
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true, methodNotAllowed: () => new AppError('METHOD_NOT_ALLOWED') }));

  const h5Dir = config.h5Dir ?? path.resolve(__dirname, '..', '..', 'miniprogram', 'dist-h5');
  if (existsSync(path.join(h5Dir, 'index.html'))) {
    const indexHtml = readFileSync(path.join(h5Dir, 'index.html'));
    app.use(serve(h5Dir, { maxage: 3600 * 1000, index: 'index.html' }));
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
