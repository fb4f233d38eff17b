import { machineAccessRoutes } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Answer, AppContext, Handlers } from '../../shared/http';
import type { Principal } from '../../shared/principal';
import type { ConsumeRate } from '../../shared/rate-limit';
import * as machineAccess from './service';

export function machineAccessHandlers(): Handlers<typeof machineAccessRoutes> {
  return {
    issueMachineCredential: ({ params, body, principal }) => machineAccess.issue(principal, params.code, body.name),
    listMachineCredentials: async ({ params, principal }) => ({ items: await machineAccess.list(principal, params.code) }),
    revokeMachineCredential: ({ params, body, principal }) =>
      machineAccess.revoke(principal, params.code, params.credentialId, body.reason),
    machineCredentialCalls: ({ params, query, principal }) =>
      machineAccess.calls(principal, params.code, params.credentialId, query),
  };
}

/** `Bearer vcm_…`: a machine credential was presented (a malformed one too, which is then refused). */
const MACHINE_BEARER = /^Bearer (vcm_\S*)$/;

/**
 * The machine-credential part of the guards (server/src/routes.ts): `authenticate` recognises a
 * machine credential — null when none was presented —, refuses an unknown or revoked one (401) and
 * one over its rate (429), and remembers it on the request; `answered` then stores the call, refused
 * calls included (one insert).
 */
export function machineAccessGuards(consumeRate: ConsumeRate) {
  return {
    authenticate: async (ctx: AppContext): Promise<Principal | null> => {
      const secret = MACHINE_BEARER.exec(ctx.get('authorization'))?.[1];
      if (secret === undefined) return null;
      const caller = await machineAccess.machineCaller(secret);
      if (!caller) throw new AppError('MACHINE_CREDENTIAL_INVALID');
      ctx.state.machine = caller.identity;
      if (caller.revoked) throw new AppError('MACHINE_CREDENTIAL_INVALID');
      await consumeRate('machine', 'credential', caller.identity.credentialId);
      return { userId: '', sessionId: '', grants: [], machine: caller.identity };
    },
    answered: async (ctx: AppContext, answer: Answer): Promise<void> => {
      const machine = ctx.state.machine;
      if (!machine) return;
      await machineAccess.recordCall({
        credentialId: machine.credentialId,
        ...answer,
        requestId: ctx.state.requestId ?? '',
        at: new Date(),
      });
    },
  };
}
