import type { PiiKind } from '@vc/types';

/**
 * Personal numbers that must not be posted to a group (docs/domain.md R7): resident ID numbers,
 * mobile numbers and bank card numbers. Numbers are checked, not just matched, so an order
 * number or a date never trips the check: an ID must carry a valid GB 11643 check digit and
 * a real birth date, a card number must pass Luhn.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18 characters with a real birth date where an ID has one: shaped like an ID, valid or not */
function looksLikeResidentId(candidate: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(candidate)) return false;
  const [y, m, d] = [Number(candidate.slice(6, 10)), Number(candidate.slice(10, 12)), Number(candidate.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
}

export function isResidentId(candidate: string): boolean {
  if (!looksLikeResidentId(candidate)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(candidate[i]), 0);
  return ID_CHECK[sum % 11] === candidate[17]!.toUpperCase();
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

function classify(digits: string): PiiKind | null {
  if (looksLikeResidentId(digits)) return isResidentId(digits) ? 'id_card' : null; // a mistyped ID is not a card
  if (/^1[3-9]\d{9}$/.test(digits)) return 'mobile';
  if (/^\d{16,19}$/.test(digits) && passesLuhn(digits)) return 'bank_card';
  return null;
}

const FULL_WIDTH_DIGITS = /[\uff10-\uff19]/g;
/** runs of digits (or X at the end) that may be split by single spaces or dashes, as people type them */
const NUMBER_RUN = /(?<![\dA-Za-z])\d(?:[ -]?\d){5,22}(?:[ -]?[Xx])?(?![\dA-Za-z])/g;

/** The kinds of personal number found in `text`, each once, in a stable order. */
export function findPersonalNumbers(text: string): PiiKind[] {
  const normalised = text.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const found = new Set<PiiKind>();
  for (const match of normalised.matchAll(NUMBER_RUN)) {
    // the whole run ("138 0013 8000"), and its parts, since a run may join a date and a number
    const candidates = new Set([match[0], ...match[0].split(' '), ...match[0].split(/[ -]/)]);
    for (const candidate of candidates) {
      const kind = classify(candidate.replace(/[ -]/g, ''));
      if (kind) found.add(kind);
    }
  }
  return (['id_card', 'mobile', 'bank_card'] as const).filter((k) => found.has(k));
}
