import { accountsRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { AppError } from '../../shared/errors';
import { replyWithFile, type Handlers } from '../../shared/http';
import { makeContentCheck } from '../content-check/text';
import { createWebOAuthClient } from '../wechat/web-oauth';
import * as accounts from './service';
import * as login from './login';
import * as scan from './scan-login';
import * as web from './web-login';
import { setPhoneFromWechat } from './phone';
import { moveVillage } from '../residents/service';

export function accountsHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof accountsRoutes> {
  const ttl = config.sessionTtlMs;
  const nameCheck = makeContentCheck(config, wechat, log);
  const webOAuth = createWebOAuthClient(config.wechatWeb);
  const webConfigured = () => {
    if (!config.wechatWeb.configured) throw new AppError('WEB_LOGIN_NOT_CONFIGURED');
  };
  const demoAllowed = () => {
    if (config.env === 'production') throw new AppError('DEMO_DISABLED');
  };
  return {
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
    webLoginStart: ({ body }) => {
      webConfigured();
      return web.startWebLogin(webOAuth, body.redirectUri);
    },
    webLogin: ({ body }) => {
      webConfigured();
      return web.webLogin(webOAuth, body, ttl, log);
    },
    scanTicketCreate: ({ ctx }) => scan.createTicket({ userAgent: ctx.get('user-agent') || undefined, ip: ctx.ip || undefined }),
    scanTicketQrCode: async ({ params, ctx }) =>
      replyWithFile(ctx, { body: await scan.ticketQrCode(wechat, params.ticket), contentType: 'image/png' }),
    scanTicketPoll: ({ params }) => scan.pollTicket(params.ticket, ttl),
    scanTicket: ({ params }) => scan.viewTicket(params.ticket),
    scanTicketConfirm: async ({ params, principal }) => {
      await scan.decideTicket(params.ticket, principal, 'confirm');
      return { ok: true as const };
    },
    scanTicketDecline: async ({ params, principal }) => {
      await scan.decideTicket(params.ticket, principal, 'decline');
      return { ok: true as const };
    },
    logout: async ({ principal }) => {
      await accounts.revokeSession(principal.sessionId);
      return { ok: true as const };
    },
    me: ({ principal }) => accounts.me(principal.userId),
    updateProfile: ({ principal, body }) => accounts.updateProfile(principal.userId, body, nameCheck),
    bindVillage: async ({ principal, body }) => {
      await moveVillage(principal.userId, body);
      return accounts.me(principal.userId);
    },
    myWechatPhone: ({ principal, body }) => setPhoneFromWechat(principal.userId, body.code, wechat),
  };
}
