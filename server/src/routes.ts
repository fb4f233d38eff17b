import type { ROUTES } from '@vc/types';
import type { Config } from './config';
import type { HandlerDeps } from './deps';
import type { AppContext, Guards, Handlers } from './shared/http';
import { createRateLimiter } from './shared/rate-limit';
import { authenticate } from './modules/accounts/service';
import { verifySignedRequest } from './modules/accounts/login';
import { checkMember } from './modules/groups/membership';
import { accountsHandlers } from './modules/accounts/routes';
import { consultationsHandlers } from './modules/consultations/routes';
import { counselHandlers } from './modules/counsel/routes';
import { countyPolicyHandlers } from './modules/county-policy/routes';
import { groupsHandlers } from './modules/groups/routes';
import { ledgerHandlers } from './modules/ledger/routes';
import { placesHandlers } from './modules/places/routes';
import { machineAccessGuards, machineAccessHandlers } from './modules/machine-access/routes';
import { residentsHandlers } from './modules/residents/routes';
import { invitationsHandlers } from './modules/invitations/routes';
import { privacyHandlers } from './modules/privacy/routes';
import { reportsHandlers } from './modules/reports/routes';
import { mediaHandlers } from './modules/media/routes';
import { pushSignatureValid } from './modules/content-check/image';
import { AppError } from './shared/errors';
import { noticesHandlers } from './modules/notices/routes';
import { todoHandlers } from './modules/todo/routes';
import { casesHandlers } from './modules/cases/routes';
import { inspectionsHandlers } from './modules/inspections/routes';
import { callbacksHandlers } from './modules/callbacks/routes';
import { lecturesHandlers } from './modules/lectures/routes';
import { articlesHandlers } from './modules/articles/routes';
import { rosterHandlers } from './modules/roster/routes';
import { i18nHandlers } from './modules/i18n/routes';

/** Every route's handler: the union of the capabilities' own (server/src/modules/<capability>/routes.ts). */
export function allHandlers(deps: HandlerDeps): Handlers<typeof ROUTES> {
  return {
    ...accountsHandlers(deps),
    ...placesHandlers(deps),
    ...counselHandlers(deps),
    ...countyPolicyHandlers(deps),
    ...ledgerHandlers(deps),
    ...groupsHandlers(deps),
    ...consultationsHandlers(deps),
    ...machineAccessHandlers(),
    ...residentsHandlers(),
    ...invitationsHandlers(deps),
    ...privacyHandlers(deps),
    ...reportsHandlers(deps),
    ...mediaHandlers(deps),
    ...noticesHandlers(deps),
    ...todoHandlers(),
    ...casesHandlers(deps),
    ...inspectionsHandlers(),
    ...callbacksHandlers(),
    ...lecturesHandlers(deps),
    ...articlesHandlers(deps),
    ...rosterHandlers(),
    ...i18nHandlers(),
  };
}

/** What mountRoutes checks before a handler runs: who is calling, signatures, group membership, rates. */
export function routeGuards(config: Config): Guards {
  const consumeRate = createRateLimiter(config.rateLimits);
  const machine = machineAccessGuards(consumeRate);
  return {
    // a machine credential (provincial systems) or else a person's session
    authenticate: async (ctx: AppContext) => {
      const caller = await machine.authenticate(ctx);
      if (caller) return caller;
      const result = await authenticate(ctx.get('authorization') || undefined);
      if (!result.principal && result.problem === 'SESSION_EXPIRED') ctx.state.sessionProblem = true;
      return result.principal;
    },
    verifySigned: (ctx: AppContext) =>
      verifySignedRequest(config.cloudSharedSecret, {
        headers: ctx.headers,
        rawBody: (ctx.request as { rawBody?: string }).rawBody ?? '',
      }),
    verifyWechatPush: (ctx: AppContext) => {
      if (!pushSignatureValid(config.wechatPush.token, ctx.query)) throw new AppError('BAD_SIGNATURE');
    },
    checkMember,
    consumeRate,
    answered: machine.answered,
  };
}
