import { CODE_LENGTH, type PlaceLevel } from '@vc/types';

/** 富民社区居委会 → 富民社区, 大巴村委会 → 大巴村, 某村村民委员会 → 某村. */
export function displayName(officialName: string): string {
  const cleaned = officialName
    .replace(/(村民委员会|居民委员会)$/, (m) => (m.startsWith('村') ? '村' : ''))
    .replace(/村委会$/, '村')
    .replace(/居委会$/, '')
    .replace(/委会员$/, '');
  return cleaned.length > 0 ? cleaned : officialName;
}

export function levelOfCode(code: string): PlaceLevel | null {
  const entry = (Object.entries(CODE_LENGTH) as [PlaceLevel, number][]).find(([, len]) => len === code.length);
  return entry ? entry[0] : null;
}

/** County of a township or village code (first 6 digits); a county's own code for a county. */
export const countyOf = (code: string): string => code.slice(0, 6);
export const townshipOf = (code: string): string => code.slice(0, 9);

/** Escapes a search string for use inside a RegExp (no user regex reaches the database). */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud over the phone
export function randomInviteCode(random: () => number = Math.random): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += INVITE_ALPHABET[Math.floor(random() * INVITE_ALPHABET.length)];
  return code;
}
