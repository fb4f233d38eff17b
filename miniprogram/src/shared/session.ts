import type { Me, Session } from '@vc/types';
import { storageFull, readObject, writeStored } from './storage';

/** Storage key of the current session ({ token, expiresAt, user }). */
export const SESSION_KEY = 'vc.session';

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

function read(): Session | null {
  const s = readObject<Session>(SESSION_KEY);
  if (!s || !s.token) return null;
  if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) return null;
  return s;
}

export function getSession(): Session | null {
  return read();
}

export function getToken(): string | null {
  return read()?.token ?? null;
}

function emit(session: Session | null) {
  listeners.forEach((l) => l(session));
}

export function saveSession(session: Session): void {
  if (!writeStored(SESSION_KEY, session)) throw new Error(storageFull());
  emit(session);
}

/** Replaces the user of the stored session (after bindVillage / updateProfile / me). */
export function updateUser(user: Me): void {
  const s = read();
  if (!s) return;
  saveSession({ ...s, user });
}

export function clearSession(): void {
  writeStored(SESSION_KEY, null);
  emit(null);
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
