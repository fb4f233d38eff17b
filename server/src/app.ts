import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import serve from 'koa-static';
import { buildOpenApiDocument } from '@vc/types';
import type { Config } from './config';
import { AppError } from './shared/errors';
import { createRateLimiter } from './shared/rate-limit';
import { errorMiddleware, mountRoutes, type AppContext, type AppState, type Handlers } from './shared/http';
import * as accounts from './modules/accounts/service';
import * as login from './modules/accounts/login';
import * as places from './modules/places/service';
import * as counsel from './modules/counsel/service';
import * as ledger from './modules/ledger/service';
import { countyCompliance, provinceCompliance } from './modules/ledger/report';
import { exportLedger } from './modules/ledger/export';
import { runReminders } from './modules/ledger/reminders';
import type { WechatClient } from './modules/wechat/client';
import * as groups from './modules/groups/service';
import * as consultations from './modules/consultations/service';
import { storePhoto } from './modules/consultations/photos';
import { notifyAnswered } from './modules/consultations/notify';
import multer from '@koa/multer';
import { MAX_PHOTO_BYTES, PATHS } from '@vc/types';

const CONTENT_CHECK_TIMEOUT_MS = 5000;

/**
 * WeChat's text check (msg_sec_check v2). Anything but a clear "pass" holds the post for a
 * moderator, including WeChat being unreachable: nothing unchecked becomes visible.
 */
function makeContentCheck(config: Config, wechat: WechatClient, log: (err: unknown) => void): groups.ContentCheck {
  if (config.contentCheck === 'off') return async () => 'pass';
  return async (openid, text) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('msg_sec_check timed out')), CONTENT_CHECK_TIMEOUT_MS);
      });
      const reply = await Promise.race([wechat.msgSecCheck(openid, text), timeout]);
      const suggest = reply.result?.suggest;
      return suggest === 'pass' ? 'pass' : suggest === 'risky' ? 'risky' : 'review';
    } catch (err) {
      log(err);
      return 'check_unavailable';
    } finally {
      clearTimeout(timer);
    }
  };
}

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

  const contentCheck = makeContentCheck(config, wechat, log);
  // one photo per request, in memory (≤ 2 MB), field "file" as wx.uploadFile sends it
  const photoUpload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5 },
  }).single('file');
  /** replies with a status other than the route's usual one (a retry: 200; held for review: 202) */
  const replyCreated = <T>(ctx: AppContext, body: T, status: number) => {
    ctx.status = status;
    ctx.body = body;
    return Promise.resolve(undefined);
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
    provinceCompliance: ({ params, query }) => provinceCompliance(params.provinceCode, query.month),
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
    myGroups: async ({ principal }) => ({ items: await groups.myGroups(principal) }),
    groupMessages: ({ principal, params, query }) => groups.messages(principal, params.groupCode, query.after, query.limit),
    postGroupMessage: async ({ principal, params, body, ctx }) => {
      const { reply, created } = await groups.post(principal, params.groupCode, body, contentCheck);
      return replyCreated(
        ctx,
        reply,
        created && reply.status === 'visible' ? 201 : reply.status === 'held' && created ? 202 : 200,
      );
    },
    removeGroupMessage: ({ principal, params, body }) =>
      groups.removeMessage(principal, params.groupCode, params.seq, body.reason),
    takeMessagePrivate: async ({ principal, params }) => {
      const consultationId = await groups.takeMessagePrivate(principal, params.groupCode, params.seq, (asker, text) =>
        consultations.openFromGroupPost(asker, text, params.groupCode, params.seq, principal.userId),
      );
      return consultations.get(principal, consultationId);
    },
    groupMembers: async ({ params, query }) => ({ items: await groups.members(params.groupCode, query.standing) }),
    decideJoinRequest: ({ principal, params, body }) =>
      groups.decideJoin(principal, params.groupCode, params.userId, body.decision, body.reason),
    moderateMember: ({ principal, params, body }) =>
      groups.moderateMember(principal, params.groupCode, params.userId, body.action, body.reason),
    groupActions: async ({ params }) => ({ items: await groups.actions(params.groupCode) }),
    joinGroup: async ({ principal, params, body }) => ({ standing: await groups.join(principal, params.groupCode, body.note) }),
    heldPosts: async ({ principal, params, query }) => ({ items: await groups.heldPosts(principal, params.code, query.status) }),
    decideHeldPost: ({ principal, params, body }) =>
      groups.decideHeld(principal, params.code, params.heldId, body.decision, body.reason),
    askConsultation: async ({ principal, body, ctx }) => {
      const { consultation, created } = await consultations.ask(principal, body);
      return replyCreated(ctx, consultation, created ? 201 : 200);
    },
    uploadConsultationPhoto: async ({ principal, ctx }) => {
      try {
        await photoUpload(ctx as never, async () => undefined);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'LIMIT_FILE_SIZE') throw new AppError('PHOTO_TOO_LARGE');
        if (typeof code === 'string' && code.startsWith('LIMIT_')) throw new AppError('PHOTO_REQUIRED');
        throw new AppError('PHOTO_REQUIRED', '照片上传不完整，请重试');
      }
      const file = (ctx as unknown as { file?: { buffer: Buffer } }).file;
      return storePhoto(principal.userId, file?.buffer);
    },
    consultationPhoto: async ({ principal, params, ctx }) => {
      const { contentType, data } = await consultations.photo(principal, params.consultationId, params.photoId);
      ctx.type = contentType;
      ctx.set('Cache-Control', 'private, max-age=86400');
      ctx.body = data;
      return undefined;
    },
    myConsultations: async ({ principal }) => ({ items: await consultations.mine(principal) }),
    consultationInbox: async ({ principal, query }) => ({ items: await consultations.inbox(principal, query.status) }),
    consultation: ({ principal, params }) => consultations.get(principal, params.consultationId),
    answerConsultation: async ({ principal, params, body }) => {
      const answered = await consultations.answer(principal, params.consultationId, body);
      // with no WeChat (local demo) there is nobody to tell
      if (config.wechat.configured) await notifyAnswered(wechat, config.answerTemplateId, answered);
      return answered;
    },
    followUpConsultation: ({ principal, params, body }) => consultations.followUp(principal, params.consultationId, body),
    escalateConsultation: ({ principal, params, body }) => consultations.escalate(principal, params.consultationId, body.reason),
    closeConsultation: ({ principal, params, body }) => consultations.close(principal, params.consultationId, body.note),
    rateConsultation: ({ principal, params, body }) => consultations.rate(principal, params.consultationId, body),
    consultationStats: ({ params, query }) => consultations.stats(params.countyCode, query.month),
    overdueConsultations: async ({ params }) => ({ items: await consultations.overdue(params.townshipCode) }),
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
  const jsonBody = bodyParser({
    enableTypes: ['json'],
    jsonLimit: BODY_LIMIT,
    encoding: 'utf-8',
    // only objects and arrays at the top level
    jsonStrict: true,
  });
  // photo uploads are multipart, read by their handler
  app.use((ctx, next) =>
    ctx.path === PATHS.uploadConsultationPhoto.path && ctx.method === 'POST' ? next() : jsonBody(ctx, next),
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
  const router = mountRoutes(handlers, authenticate, verifySigned, groups.checkMember, createRateLimiter(config.rateLimits));
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
