import { accountsRoutes } from '@vc/types';
import type { AppDeps } from '../../deps';
import { AppError } from '../../shared/errors';
import type { Handlers } from '../../shared/http';
import * as accounts from './service';
import * as login from './login';

export function accountsHandlers({ config, wechat }: AppDeps): Handlers<typeof accountsRoutes> {
  const ttl = config.sessionTtlMs;
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
    logout: async ({ principal }) => {
      await accounts.revokeSession(principal.sessionId);
      return { ok: true as const };
    },
    me: ({ principal }) => accounts.me(principal.userId),
    updateProfile: ({ principal, body }) => accounts.updateProfile(principal.userId, body),
    bindVillage: ({ principal, body }) => accounts.bindVillage(principal.userId, body),
  };
}
