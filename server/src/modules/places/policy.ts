import { CODE_LENGTH, type PlaceLevel } from '@vc/types';

/**
 * The name people use, from the committee's official name:
 * 大巴村委会 / 大巴村村民委员会 → 大巴村, 富民社区居委会 / 富民社区居民委员会 → 富民社区.
 * The data also has the misspelt suffix 委会员 (村民委会员, 居民委会员).
 */
export function displayName(officialName: string): string {
  const village = /^(.*?)(村民委员会|村民委会员|村委会)$/.exec(officialName);
  if (village?.[1]) return village[1].endsWith('村') ? village[1] : `${village[1]}村`;
  const community = /^(.*?)(居民委员会|居民委会员|居委会)$/.exec(officialName);
  if (community?.[1]) return community[1];
  const misspelt = /^(.*?)委会员$/.exec(officialName);
  if (misspelt?.[1]) return misspelt[1];
  return officialName;
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
