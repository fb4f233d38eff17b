import { invitationsRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { AppError } from '../../shared/errors';
import { replyWithFile, type Handlers } from '../../shared/http';
import type { Principal } from '../../shared/principal';
import { loadUser } from '../accounts/service';
import * as invitations from './service';
import { roleChangesAt } from './records';
import { staffList, withdrawRoleAt } from './staff';
import { personOf } from './people';

/** The caller as an issuer: their name now, and the grants they act with. */
async function issuerOf(principal: Principal) {
  const user = await loadUser(principal.userId);
  return { person: personOf(user), grants: principal.grants };
}

export function invitationsHandlers({ config, wechat }: HandlerDeps): Handlers<typeof invitationsRoutes> {
  return {
    createInvitation: async ({ params, body, principal }) =>
      invitations.createInvitation(params.code, body, await issuerOf(principal)),
    listInvitations: async ({ params, query, principal }) => ({
      items: await invitations.listInvitations(params.code, query.status, principal.grants),
    }),
    invitationQrCode: async ({ params, principal, ctx }) => {
      const scene = await invitations.usableCode(params.code, params.invitationId, principal.grants);
      let png: Buffer;
      try {
        png = await wechat.getUnlimitedQrCode(scene, config.wechat.invitationQrPage);
      } catch {
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      return replyWithFile(ctx, { body: png, contentType: 'image/png', cacheControl: 'private, no-store' });
    },
    withdrawInvitation: async ({ params, body, principal }) =>
      invitations.withdrawInvitation(params.code, params.invitationId, body.reason, await issuerOf(principal)),
    previewInvitation: ({ params, principal }) => invitations.previewInvitation(params.invitationCode, principal.userId),
    redeemInvitation: ({ body, principal }) => invitations.redeemInvitation(body.code, principal.userId),
    staffList: ({ params, query }) => staffList(params.code, query.role),
    withdrawRole: async ({ params, body, principal }) =>
      withdrawRoleAt(params.code, params.userId, body.role, body.reason, await issuerOf(principal)),
    roleChanges: ({ params, query }) => roleChangesAt(params.code, query),
  };
}
