/**
 * Rules both sides apply, as plain values free of zod, so the mini-program can import them at run
 * time (alias `@vc/types/src/constants`, like labels.ts and paths.ts) and the server's schemas and
 * policies can be built from the same numbers.
 */
import type { Role } from './roles';

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
/** bytes per consultation photo; the app compresses on the phone and checks each photo when chosen */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

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
  // the service hall (issue 16): legal aid's economic test, time limits per case kind, samples
  minimumLivingAllowance: { min: 100, max: 5000, integer: false },
  legalAidIncomeMultiple: { min: 1, max: 5, integer: false },
  legalAidPrescreenDays: { min: 1, max: 30, integer: true },
  legalAidDecisionDays: { min: 1, max: 30, integer: true },
  mediationDays: { min: 1, max: 90, integer: true },
  bookingConfirmHours: { min: 1, max: 168, integer: true },
  complaintAnswerDays: { min: 1, max: 60, integer: true },
  callbackSharePercent: { min: 0, max: 100, integer: true },
  callbackMinimum: { min: 0, max: 100, integer: true },
  inspectionSharePercent: { min: 0, max: 100, integer: true },
  // the legal-literate roster (issue 17 item 3): residents per village the county aims for (at most 5 may hold it)
  legalLiterateTarget: { min: 1, max: 5, integer: true },
} as const;
export type CountyPolicyNumberKey = keyof typeof COUNTY_POLICY_LIMITS;

/**
 * Matters legal aid covers (法律援助法 art. 31, and the additions of seed 004: labour and wages,
 * marriage and family, food and drugs, education and medical care, environmental pollution).
 * A county lists the ones it covers (county policy `legalAidMatters`, all by default).
 */
export const LEGAL_AID_MATTERS = [
  'state_compensation',
  'social_assistance',
  'pension_for_survivors',
  'support_payments',
  'labour_and_wages',
  'injury_compensation',
  'marriage_and_family',
  'food_and_drugs',
  'education_and_medical',
  'environmental_pollution',
  'heroes_rights',
] as const;

// --- invitations (issue 12): inviting people to a role, and withdrawing it ---

/** The roles given by invitation (a villager binds a village themselves). */
export const INVITABLE_ROLES = [
  'village_cadre',
  'mediator',
  'legal_literate',
  'township_staff',
  'counsel',
  'county_expert',
  'county_staff',
  'admin',
] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/**
 * Which roles each role may give by invitation, in the order screens offer them (where: inside the
 * issuer's place, at the level ROLE_PLACE_LENGTHS says). The server's grantDecision
 * (server/src/modules/invitations/policy.ts) and the invite screen both read this one table.
 */
export const ROLE_GRANTS: { readonly [R in 'township_staff' | 'county_staff' | 'admin']: readonly InvitableRole[] } = {
  township_staff: ['village_cadre', 'mediator', 'legal_literate'],
  county_staff: ['township_staff', 'counsel', 'county_expert', 'county_staff'],
  admin: ['township_staff', 'counsel', 'county_expert', 'county_staff', 'admin'],
};

/** Where each invitable role is held: the length of its place code ('admin': '' for the country or a 2-digit province). */
export const ROLE_PLACE_LENGTHS: { readonly [R in InvitableRole]: readonly number[] } = {
  village_cadre: [12],
  mediator: [12],
  legal_literate: [12],
  township_staff: [9],
  counsel: [6],
  county_expert: [6],
  county_staff: [6],
  admin: [0, 2],
};

/** The short code people type and the mini-program code's scene: no 0/O, 1/I/L, so it reads aloud and types without mistakes. */
export const INVITATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITATION_CODE_LENGTH = 8;
/** How long an invitation is valid, in days, and how many people may use it. */
export const INVITATION_DAYS = { default: 7, min: 1, max: 30 } as const;
export const INVITATION_USES = { default: 1, min: 1, max: 50 } as const;
/** Legal-literate residents a village may have (docs/domain.md: 3–5). */
export const MAX_LEGAL_LITERATE_PER_VILLAGE = 5;
/** The reason given when a role is withdrawn, in characters after trimming. */
export const ROLE_WITHDRAW_REASON_LENGTH = { min: 2, max: 200 } as const;

// --- counsel profiles and the county's notice-board text (counsel profile capability) ---

/** A counsel's profile (法律顾问资料): lengths in characters after trimming, and list sizes. */
export const COUNSEL_PROFILE_LIMITS = {
  name: 20,
  title: 30,
  organization: 60,
  certificateNumber: 30,
  duty: 60,
  duties: 10,
  specialty: 20,
  specialties: 10,
  onSiteHours: 60,
} as const;
/** A profile photo as uploaded (before it is resized); it is stored at most this wide and high (px). */
export const MAX_PROFILE_PHOTO_BYTES = 5 * 1024 * 1024;
export const PROFILE_PHOTO_MAX_WIDTH = 480;
export const PROFILE_PHOTO_MAX_HEIGHT = 960;
/** The county's own procedures (办事流程) and supervision text on every notice board of the county. */
export const COUNTY_BOARD_TEXT_LIMITS = { procedure: 100, procedures: 12, supervisionText: 300 } as const;

// --- how text is counted (issue 15, item 5) ---

/**
 * The length of a text as every limit counts it, on the server, in the contracts and on the
 * phone: Unicode code points, so a rare surname outside the Basic Multilingual Plane (𠀀, U+20000,
 * two UTF-16 units) is one character, as a person counts it. Code points rather than grapheme
 * clusters because JSON Schema's minLength/maxLength (hence the OpenAPI document integrators read)
 * are defined in code points: counting graphemes would make the document say something else than
 * what the server does. JavaScript's `.length` counts UTF-16 units and must not be used for limits.
 */
export function countChars(text: string): number {
  // a string's iterator yields code points (a surrogate pair once)
  return Array.from(text).length;
}

/** The first `max` characters (code points) of a text: never half of a character outside the BMP. */
export const sliceChars = (text: string, max: number): string => Array.from(text).slice(0, max).join('');

/** A text cut to at most `max` characters, the cut marked with an ellipsis (which counts as one). */
export const clipChars = (text: string, max: number): string => (countChars(text) > max ? `${sliceChars(text, max - 1)}…` : text);

/**
 * The `maxlength` of an input or textarea for a limit in characters: inputs count UTF-16 units
 * (HTML and WeChat alike), and a text of `chars` code points has at most twice as many, so this
 * never cuts a text the limit allows; the counter and the check count with countChars.
 */
export const inputMaxLength = (chars: number): number => chars * 2;

/**
 * The roles whose work needs a phone others can reach (issue 13 item 6): they are offered WeChat's
 * phone-number button in 我的资料 (POST /api/me/phone). A villager is never asked for a phone.
 */
export const PHONE_ROLES = ['village_cadre', 'counsel', 'township_staff', 'county_staff'] as const satisfies readonly Role[];

/** What wx.requestSubscribeMessage answers per template id (notices, issue 13 item 5). */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;
/** WeChat asks about at most 3 templates in one wx.requestSubscribeMessage call. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/** The monthly group inspection's texts (the action taken, notes), in characters. */
export const INSPECTION_TEXT_MAX_LENGTH = 500;

// --- the legal-education feed (issue 17 item 2) ---

/** The categories of a legal-education article, as codes; labels are the 'labels' namespace's. */
export const ARTICLE_CATEGORIES = [
  'marriage_family',
  'land_contract',
  'labour_pay',
  'fraud_prevention',
  'neighbour_disputes',
  'other',
] as const;
export type ArticleCategoryCode = (typeof ARTICLE_CATEGORIES)[number];
/** An article's title and text, in characters after trimming, and the pictures it may carry. */
export const ARTICLE_TITLE_LENGTH = { min: 2, max: 40 } as const;
export const ARTICLE_TEXT_LENGTH = { min: 10, max: 3000 } as const;
export const MAX_ARTICLE_PHOTOS = 3;
/** Articles per page of a feed or a publisher's list. */
export const ARTICLE_PAGE = { default: 20, max: 50 } as const;

// --- the legal-literate residents roster (issue 17 item 3) ---

/** The county's target of legal-literate residents per village (county policy legalLiterateTarget). */
export const DEFAULT_LEGAL_LITERATE_TARGET = 3;
