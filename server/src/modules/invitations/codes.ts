import { randomInt } from 'node:crypto';
import { INVITATION_CODE_ALPHABET, INVITATION_CODE_LENGTH } from '@vc/types';

/**
 * A new invitation code: 8 characters from 31 that are not mistaken for one another (8.5 × 10¹¹
 * codes), drawn with the crypto generator so codes cannot be predicted from earlier ones. It is
 * also the QR code's scene (WeChat allows 32 characters).
 */
export function newInvitationCode(): string {
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i += 1)
    code += INVITATION_CODE_ALPHABET[randomInt(INVITATION_CODE_ALPHABET.length)];
  return code;
}
