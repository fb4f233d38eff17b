/**
 * Rules both sides apply, as plain values free of zod, so the mini-program can import them at run
 * time (alias `@vc/types/src/constants`, like labels.ts and paths.ts) and the server's schemas and
 * policies can be built from the same numbers.
 */

/** The tiers of work groups and consultations, bottom up: the escalation order of a consultation. */
export const TIERS = ['village', 'township', 'county'] as const;
export type Tier = (typeof TIERS)[number];

/** Where a consultation goes when it is escalated from each tier (首问负责、逐级上报); null at the top. */
export const NEXT_TIER: { readonly [T in Tier]: Tier | null } = {
  village: 'township',
  township: 'county',
  county: null,
};

/** A single ledger entry (one session of service) lasts at most this long: more is a typing mistake. */
export const MAX_ENTRY_HOURS = 12;

/** Idempotency keys made by the phone for writes it may retry (ledger entries, questions, posts). */
export const CLIENT_KEY_MIN_LENGTH = 8;
export const CLIENT_KEY_MAX_LENGTH = 64;
export const CLIENT_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** A consultation's question, in characters after trimming. */
export const QUESTION_MIN_LENGTH = 5;
export const QUESTION_MAX_LENGTH = 2000;
/** Photos attached to one question. */
export const MAX_PHOTOS = 4;

/** A post in a work group, in characters after trimming. */
export const GROUP_POST_MAX_LENGTH = 1000;

/** The ranges a county may set in its policy (县级政策); integer fields take whole numbers only. */
export const COUNTY_POLICY_LIMITS = {
  maxVillagesPerCounsel: { min: 1, max: 20, integer: true },
  minOnSiteHoursPerMonth: { min: 0, max: 200, integer: false },
  minLecturesPerQuarter: { min: 0, max: 50, integer: true },
  minHoursPerYear: { min: 0, max: 2000, integer: false },
  firstResponseHours: { min: 1, max: 720, integer: true },
  closureDays: { min: 1, max: 90, integer: true },
} as const;
export type CountyPolicyNumberKey = keyof typeof COUNTY_POLICY_LIMITS;
