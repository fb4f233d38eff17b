/**
 * The invitation code as it reaches the page: from the mini-program code's `scene` (URI-encoded),
 * typed by hand (any case, spaces), or kept in storage while the person logs in first.
 */
import { INVITATION_CODE_ALPHABET, INVITATION_CODE_LENGTH } from '@vc/types/src/constants';
import { t } from '../../shared/i18n';
import { readText, writeStored } from '../../shared/storage';

/** Storage key of a code opened before logging in, offered again on the redeem page afterwards. */
export const PENDING_INVITATION_KEY = 'vc.pendingInvitation';

const CODE_RE = new RegExp(`^[${INVITATION_CODE_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`);

export const codeHint = (): string => t('account:redeem.codeHint', { n: INVITATION_CODE_LENGTH });

export function normaliseCode(raw: string): string {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    /* not encoded */
  }
  return text.replace(/\s+/g, '').toUpperCase();
}

export const isCode = (code: string): boolean => CODE_RE.test(code);

export function pendingCode(): string {
  return normaliseCode(readText(PENDING_INVITATION_KEY));
}

export function keepPending(code: string | null): void {
  writeStored(PENDING_INVITATION_KEY, code);
}
