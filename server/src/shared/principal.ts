import type { Grant } from './scope';

/** Who is acting: the person, their session, and the roles they hold where (accounts/sessions.ts). */
export interface Principal {
  userId: string;
  sessionId: string;
  grants: Grant[];
}
