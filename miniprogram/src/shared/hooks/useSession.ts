import { useEffect, useState } from 'react';
import type { Session } from '@vc/types';
import { getSession, subscribe } from '../session';

/** The stored session, kept in sync with login / logout / bind. */
export function useSession(): Session | null {
  const [session, setSession] = useState<Session | null>(() => getSession());
  useEffect(() => subscribe(setSession), []);
  return session;
}
