/** The headers of a signed call from our cloud functions (types/src/cloud-signing.ts signs and verifies). */
export const SIGNATURE_HEADERS = {
  timestamp: 'x-vc-timestamp',
  nonce: 'x-vc-nonce',
  signature: 'x-vc-signature',
} as const;
