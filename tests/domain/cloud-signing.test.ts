import { SIGNATURE_HEADERS, signCloudRequest, verifyCloudSignature } from '../../types/src/cloud-signing';

const KEY = 'test-cloud-shared-secret-0123456789';
const TS = '1700000000000';
const NONCE = '0123456789abcdef0123456789abcdef';
const BODY = JSON.stringify({ openid: 'o-abc', unionid: 'u-xyz' });

describe('cloud request signing', () => {
  const signature = signCloudRequest(KEY, TS, NONCE, BODY);

  it('is a 64-character lowercase hex HMAC-SHA256, deterministic', () => {
    expect(signature).toMatch(/^[a-f0-9]{64}$/);
    expect(signCloudRequest(KEY, TS, NONCE, BODY)).toBe(signature);
  });

  it('round trip: what is signed verifies', () => {
    expect(verifyCloudSignature(KEY, TS, NONCE, BODY, signature)).toBe(true);
    const empty = signCloudRequest(KEY, TS, NONCE, '');
    expect(verifyCloudSignature(KEY, TS, NONCE, '', empty)).toBe(true);
  });

  it('a changed body, nonce, timestamp or key fails', () => {
    expect(verifyCloudSignature(KEY, TS, NONCE, JSON.stringify({ openid: 'o-abd', unionid: 'u-xyz' }), signature)).toBe(false);
    expect(verifyCloudSignature(KEY, TS, NONCE, `${BODY} `, signature)).toBe(false);
    expect(verifyCloudSignature(KEY, TS, `${NONCE.slice(0, -1)}0`, BODY, signature)).toBe(false);
    expect(verifyCloudSignature(KEY, '1700000000001', NONCE, BODY, signature)).toBe(false);
    expect(verifyCloudSignature(`${KEY}x`, TS, NONCE, BODY, signature)).toBe(false);
  });

  it('a flipped signature character fails', () => {
    const flipped = `${signature[0] === 'a' ? 'b' : 'a'}${signature.slice(1)}`;
    expect(verifyCloudSignature(KEY, TS, NONCE, BODY, flipped)).toBe(false);
  });

  it('non-hex, short, long or empty signatures fail without throwing', () => {
    const bad = [
      '',
      'zz',
      'z'.repeat(64),
      signature.slice(0, 62),
      signature.slice(0, 63),
      `${signature}00`,
      `g${signature.slice(1)}`,
      `${signature.slice(0, 32)}XY${signature.slice(34)}`,
    ];
    for (const sig of bad) {
      expect(() => verifyCloudSignature(KEY, TS, NONCE, BODY, sig)).not.toThrow();
      expect(verifyCloudSignature(KEY, TS, NONCE, BODY, sig)).toBe(false);
    }
  });

  // Buffer.from(text, 'hex') stops at the first non-hex character and drops an odd last digit,
  // so these decode to the valid 32 bytes unless the text itself is checked.
  it('a valid signature with extra non-hex characters or an odd digit appended fails', () => {
    expect(verifyCloudSignature(KEY, TS, NONCE, BODY, `${signature}zz`)).toBe(false);
    expect(verifyCloudSignature(KEY, TS, NONCE, BODY, `${signature}0`)).toBe(false);
  });

  it('header names are the lowercase x-vc-* names', () => {
    expect(SIGNATURE_HEADERS).toEqual({ timestamp: 'x-vc-timestamp', nonce: 'x-vc-nonce', signature: 'x-vc-signature' });
  });
});
