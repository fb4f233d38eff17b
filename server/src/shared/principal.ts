import type { Grant, MachineIdentity } from './scope';

/** Who is acting: the person, their session, and the roles they hold where (accounts/sessions.ts). */
export interface Principal {
  userId: string;
  sessionId: string;
  grants: Grant[];
  /**
   * Set when a machine credential is calling (modules/machine-access), not a person: then `userId`
   * and `sessionId` are '' and there are no grants; decideAccess lets it reach only routes marked
   * `machine`, whose handlers do not ask who is calling.
   */
  machine?: MachineIdentity;
}
