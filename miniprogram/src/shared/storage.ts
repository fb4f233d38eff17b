/**
 * The phone's key-value storage (wx storage in weapp, localStorage in H5), read defensively: a value
 * may be missing, written by an older version, kept as a JSON string, or the storage may be full
 * or unavailable. Every read answers null / [] / '' rather than throwing.
 */
import Taro from '@tarojs/taro';
import { t } from './i18n';

/** For a write that must not be lost when the storage refuses it (the session, the ledger queue). */
export const storageFull = (): string => t('common:storage.full');

function raw(key: string): unknown {
  try {
    return Taro.getStorageSync<unknown>(key);
  } catch {
    return null;
  }
}

/** The stored value (a JSON string is parsed), or null when there is none or it cannot be read. */
export function readStored(key: string): unknown {
  const v = raw(key);
  if (typeof v !== 'string') return v === undefined ? null : v;
  try {
    return v ? (JSON.parse(v) as unknown) : null;
  } catch {
    return null;
  }
}

/** The stored object (not an array), or null. The caller checks the fields it relies on. */
export function readObject<T extends object>(key: string): T | null {
  const v = readStored(key);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as T) : null;
}

/** The stored list, or [] when there is none. */
export function readList<T>(key: string): T[] {
  const v = readStored(key);
  return Array.isArray(v) ? (v as T[]) : [];
}

/** A stored plain string (e.g. a run-time override), or '' when there is none. */
export function readText(key: string): string {
  const v = raw(key);
  return typeof v === 'string' ? v : '';
}

/** Stores a value (null removes the key). False when the storage refused it (full or unavailable). */
export function writeStored(key: string, value: unknown): boolean {
  try {
    if (value === null || value === undefined) Taro.removeStorageSync(key);
    else Taro.setStorageSync(key, value);
    return true;
  } catch {
    return false;
  }
}
