import Taro from '@tarojs/taro';
import type { Me, Session } from '@vc/types';

/** Storage key of the current session ({ token, expiresAt, user }). */
export const SESSION_KEY = 'vc.session';

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw: unknown = Taro.getStorageSync(SESSION_KEY);
    const s = (typeof raw === 'string' && raw ? JSON.parse(raw) : raw) as Session | null | '';
    if (!s || typeof s !== 'object' || !s.token) return null;
    if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
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
  Taro.setStorageSync(SESSION_KEY, session);
  emit(session);
}

/** Replaces the user of the stored session (after bindVillage / updateProfile / me). */
export function updateUser(user: Me): void {
  const s = read();
  if (!s) return;
  saveSession({ ...s, user });
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(SESSION_KEY);
  } catch {
    /* ignore */
  }
  emit(null);
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
