import { machineAccessRoutes } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { AppContext, Guards, Handlers } from '../../shared/http';
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
 * The machine-credential part of authentication (shared/http.ts mountRoutes): recognises a machine
 * credential, refuses an unknown or revoked one (401) and one over its rate (429), and remembers it
 * on the request so the call is logged, refused calls included.
 */
export function machineAccessGuards(consumeRate: ConsumeRate): Pick<Guards, 'authenticateMachine' | 'recordMachineCall'> {
  return {
    authenticateMachine: async (ctx: AppContext) => {
      const secret = MACHINE_BEARER.exec(ctx.get('authorization'))?.[1];
      if (secret === undefined) return null;
      const caller = await machineAccess.machineCaller(secret);
      if (!caller) throw new AppError('MACHINE_CREDENTIAL_INVALID');
      ctx.state.machine = caller.identity;
      if (caller.revoked) throw new AppError('MACHINE_CREDENTIAL_INVALID');
      await consumeRate('machine', 'credential', caller.identity.credentialId);
      return { userId: '', sessionId: '', grants: [], machine: caller.identity };
    },
    recordMachineCall: machineAccess.recordCall,
  };
}
