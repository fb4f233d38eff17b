/**
 * HMAC signature of calls from cloud functions to the server. Shared by both sides so they
 * cannot disagree on the canonical string. Node-only (not exported from the index).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export { SIGNATURE_HEADERS } from './signing-headers';

export function signCloudRequest(secret: string, timestamp: string, nonce: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${rawBody}`).digest('hex');
}

export function verifyCloudSignature(
  secret: string,
  timestamp: string,
  nonce: string,
  rawBody: string,
  signature: string,
): boolean {
  // Buffer.from(…, 'hex') silently stops at the first non-hex character: check the form first.
  if (!/^[a-f0-9]{64}$/.test(signature)) return false;
  const expected = Buffer.from(signCloudRequest(secret, timestamp, nonce, rawBody), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
