import { CLIENT_KEY_MAX_LENGTH, CLIENT_KEY_PATTERN } from '@vc/types/src/constants';

/** 32 random bits in base 36; crypto where the platform has it (H5), Math.random otherwise (weapp). */
function randomPart(): string {
  const c = (globalThis as { crypto?: { getRandomValues?<T extends Uint32Array>(a: T): T } }).crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0]!.toString(36);
  return Math.floor(Math.random() * 0x100000000).toString(36);
}

/**
 * A new idempotency key for a write the phone may retry (a ledger entry, a question, an answer, a
 * post): made once, stored with what it is for, and sent again with every retry, so the server
 * records the write only once. `prefix` says what it is for in logs (lg, cq, cs, gm …).
 * Always 8–64 characters of [A-Za-z0-9_-] (types/src/constants.ts CLIENT_KEY_PATTERN).
 */
export function newClientKey(prefix: string): string {
  const key = `${prefix.replace(/[^A-Za-z0-9_]/g, '')}-${Date.now().toString(36)}-${randomPart()}${randomPart()}${randomPart()}`;
  const fitted = key.slice(0, CLIENT_KEY_MAX_LENGTH);
  if (!CLIENT_KEY_PATTERN.test(fitted)) throw new Error(`bad client key ${fitted}`);
  return fitted;
}
