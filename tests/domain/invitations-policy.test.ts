/**
 * The authorization matrix for giving roles (issue 12): every issuing role × every role × a place
 * inside the issuer's, outside it, and of the wrong level. Expectations are written from the
 * issue's wording below, not from the policy's table.
 */
import { ROLES, INVITATION_CODE_ALPHABET, INVITATION_CODE_LENGTH, InvitationCode, type Role } from '@vc/types';
import {
  fitsPlace,
  grantDecision,
  insidePlace,
  invitationStatus,
  placeLevels,
  type GrantDecision,
} from '../../server/src/modules/invitations/policy';
import { newInvitationCode } from '../../server/src/modules/invitations/codes';
import type { Grant } from '../../server/src/shared/scope';

// One chain of nested places (village ⊂ township ⊂ county ⊂ province ⊂ country), and one elsewhere.
const HERE: Record<number, string> = { 12: '210921001001', 9: '210921001', 6: '210921', 2: '21', 0: '' };
const ELSEWHERE: Record<number, string> = { 12: '410101002003', 9: '410101002', 6: '410101', 2: '41' };

/** The level a role is held at (docs/domain.md "Who uses it"); admin: a province here, '' for the country below. */
const LEVEL: Record<Role, number> = {
  villager: 12,
  village_cadre: 12,
  mediator: 12,
  legal_literate: 12,
  counsel: 6,
  township_staff: 9,
  county_staff: 6,
  county_expert: 6,
  admin: 2,
};
/** A level the role is never held at. */
const WRONG_LEVEL: Record<Role, number> = {
  villager: 9,
  village_cadre: 9,
  mediator: 6,
  legal_literate: 9,
  counsel: 12,
  township_staff: 6,
  county_staff: 9,
  county_expert: 12,
  admin: 6,
};

/** The issue's wording: who gives what. */
const MAY_GIVE: Partial<Record<Role, Role[]>> = {
  // "Township staff invite, for a village of their township: village cadres, people's mediators and legal-literate residents"
  township_staff: ['village_cadre', 'mediator', 'legal_literate'],
  // "County staff invite, for their county: township staff, counsel, county experts, other county staff"
  county_staff: ['township_staff', 'counsel', 'county_expert', 'county_staff'],
  // "An admin may invite county staff and admins inside their place, and everything county staff may"
  admin: ['county_staff', 'admin', 'township_staff', 'counsel', 'county_expert'],
};

/** Issuers: every role, held where it is held (a counsel acts in an assigned village); admins of a province and of the country. */
const ISSUERS: { label: string; grant: Grant }[] = [
  ...ROLES.map((role) => ({
    label: `${role}@${HERE[role === 'counsel' ? 12 : LEVEL[role]]}`,
    grant: { role, placeCode: HERE[role === 'counsel' ? 12 : LEVEL[role]]! },
  })),
  { label: 'admin@(country)', grant: { role: 'admin', placeCode: '' } },
];

type Where = 'inside' | 'outside' | 'wrong level';
function expected(issuer: Grant, target: Role, where: Where): GrantDecision {
  if (target === 'villager') return 'GRANT_NOT_ALLOWED'; // people bind their village themselves
  if (!MAY_GIVE[issuer.role]?.includes(target)) return 'GRANT_NOT_ALLOWED';
  if (where === 'wrong level') return 'ROLE_PLACE_MISMATCH';
  if (where === 'outside') return issuer.placeCode === '' ? 'allow' : 'OUT_OF_JURISDICTION';
  // on the same chain: inside when the target's place is at or below the issuer's
  return LEVEL[target] >= issuer.placeCode.length ? 'allow' : 'OUT_OF_JURISDICTION';
}
const placeFor = (target: Role, where: Where) =>
  where === 'inside' ? HERE[LEVEL[target]]! : where === 'outside' ? ELSEWHERE[LEVEL[target]]! : HERE[WRONG_LEVEL[target]]!;

const CASES = ISSUERS.flatMap(({ label, grant }) =>
  ROLES.flatMap((target) =>
    (['inside', 'outside', 'wrong level'] as const).map(
      (where) => [label, target, where, grant, expected(grant, target, where)] as const,
    ),
  ),
);

describe('grantDecision: every issuer × role × place', () => {
  it('covers every combination', () => {
    expect(CASES).toHaveLength(10 * 9 * 3);
    // the matrix is not trivially uniform: each outcome occurs
    const outcomes = new Set(CASES.map((c) => c[4]));
    expect([...outcomes].sort()).toEqual(['GRANT_NOT_ALLOWED', 'OUT_OF_JURISDICTION', 'ROLE_PLACE_MISMATCH', 'allow'].sort());
  });

  it.each(CASES)('%s gives %s (%s)', (_label, target, where, grant, want) => {
    expect(grantDecision([grant], target, placeFor(target, where))).toBe(want);
  });
});

describe('grantDecision: the cases the issue names', () => {
  const county: Grant = { role: 'county_staff', placeCode: '210921' };
  const township: Grant = { role: 'township_staff', placeCode: '210921001' };
  const provinceAdmin: Grant = { role: 'admin', placeCode: '21' };
  const nationalAdmin: Grant = { role: 'admin', placeCode: '' };

  it('county staff cannot make an admin, anywhere', () => {
    expect(grantDecision([county], 'admin', '21')).toBe('GRANT_NOT_ALLOWED');
    expect(grantDecision([county], 'admin', '')).toBe('GRANT_NOT_ALLOWED');
  });
  it('county staff give township staff in a township of their county, not of another county', () => {
    expect(grantDecision([county], 'township_staff', '210921100')).toBe('allow');
    expect(grantDecision([county], 'township_staff', '210922100')).toBe('OUT_OF_JURISDICTION');
    expect(grantDecision([county], 'counsel', '210921')).toBe('allow');
    expect(grantDecision([county], 'county_staff', '210922')).toBe('OUT_OF_JURISDICTION');
  });
  it('county staff do not give village roles (township staff do)', () => {
    expect(grantDecision([county], 'village_cadre', '210921001001')).toBe('GRANT_NOT_ALLOWED');
  });
  it("a township's staff cannot invite for another township's village", () => {
    expect(grantDecision([township], 'legal_literate', '210921001002')).toBe('allow');
    expect(grantDecision([township], 'legal_literate', '210921100202')).toBe('OUT_OF_JURISDICTION');
    expect(grantDecision([township], 'township_staff', '210921001')).toBe('GRANT_NOT_ALLOWED');
  });
  it('a province admin gives admins and county staff inside the province only; the national admin everywhere', () => {
    expect(grantDecision([provinceAdmin], 'admin', '21')).toBe('allow');
    expect(grantDecision([provinceAdmin], 'admin', '41')).toBe('OUT_OF_JURISDICTION');
    expect(grantDecision([provinceAdmin], 'admin', '')).toBe('OUT_OF_JURISDICTION');
    expect(grantDecision([provinceAdmin], 'county_staff', '210921')).toBe('allow');
    expect(grantDecision([provinceAdmin], 'counsel', '410101')).toBe('OUT_OF_JURISDICTION');
    expect(grantDecision([nationalAdmin], 'admin', '')).toBe('allow');
    expect(grantDecision([nationalAdmin], 'county_staff', '410101')).toBe('allow');
  });
  it("a place code must be of the role's level (asked only of someone who may give the role)", () => {
    expect(grantDecision([county], 'county_staff', '210921001')).toBe('ROLE_PLACE_MISMATCH');
    expect(grantDecision([county], 'admin', '210921')).toBe('GRANT_NOT_ALLOWED');
    expect(grantDecision([nationalAdmin], 'admin', '2109')).toBe('ROLE_PLACE_MISMATCH');
    expect(grantDecision([nationalAdmin], 'admin', 'ab')).toBe('ROLE_PLACE_MISMATCH');
  });
  it('nobody without grants gives anything; several grants combine', () => {
    expect(grantDecision([], 'county_staff', '210921')).toBe('GRANT_NOT_ALLOWED');
    const both: Grant[] = [township, { role: 'county_staff', placeCode: '410101' }];
    expect(grantDecision(both, 'village_cadre', '210921001001')).toBe('allow');
    expect(grantDecision(both, 'counsel', '410101')).toBe('allow');
    expect(grantDecision(both, 'counsel', '210921')).toBe('OUT_OF_JURISDICTION');
  });
});

describe('fitsPlace', () => {
  it('admins at the country or a province; others at their one level', () => {
    expect(fitsPlace('admin', '')).toBe(true);
    expect(fitsPlace('admin', '21')).toBe(true);
    expect(fitsPlace('admin', '210921')).toBe(false);
    expect(fitsPlace('county_staff', '')).toBe(false);
    expect(fitsPlace('legal_literate', '210921001001')).toBe(true);
    expect(fitsPlace('township_staff', '210921001')).toBe(true);
  });
});

describe('invitationStatus', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const later = new Date('2026-12-08T00:00:00Z');
  const earlier = new Date('2026-11-30T00:00:00Z');
  it('active while not withdrawn, with uses left, before expiry', () => {
    expect(invitationStatus({ uses: 1, expiresAt: later, withdrawnAt: null }, 0, now)).toBe('active');
    expect(invitationStatus({ uses: 3, expiresAt: later, withdrawnAt: null }, 2, now)).toBe('active');
  });
  it('used up when every use is taken', () => {
    expect(invitationStatus({ uses: 3, expiresAt: later, withdrawnAt: null }, 3, now)).toBe('used_up');
  });
  it('expired at its expiry time', () => {
    expect(invitationStatus({ uses: 1, expiresAt: now, withdrawnAt: null }, 0, now)).toBe('expired');
    expect(invitationStatus({ uses: 1, expiresAt: earlier, withdrawnAt: null }, 0, now)).toBe('expired');
  });
  it('withdrawn wins over everything; used up over expired', () => {
    expect(invitationStatus({ uses: 1, expiresAt: earlier, withdrawnAt: earlier }, 1, now)).toBe('withdrawn');
    expect(invitationStatus({ uses: 1, expiresAt: earlier, withdrawnAt: null }, 1, now)).toBe('used_up');
  });
});

describe('place levels', () => {
  it('a record at a village is found at its township, county and province', () => {
    expect(placeLevels('210921001001')).toEqual({
      placeCode: '210921001001',
      provinceCode: '21',
      countyCode: '210921',
      townshipCode: '210921001',
    });
    expect(placeLevels('21')).toEqual({ placeCode: '21', provinceCode: '21', countyCode: null, townshipCode: null });
    expect(placeLevels('')).toEqual({ placeCode: '', provinceCode: '', countyCode: null, townshipCode: null });
  });
  it('each level is listed by one equality', () => {
    expect(insidePlace('21')).toEqual({ provinceCode: '21' });
    expect(insidePlace('210921')).toEqual({ countyCode: '210921' });
    expect(insidePlace('210921001')).toEqual({ townshipCode: '210921001' });
    expect(insidePlace('210921001001')).toEqual({ placeCode: '210921001001' });
  });
});

describe('invitation codes', () => {
  it('8 characters of the unambiguous alphabet, all different in a thousand draws', () => {
    const codes = Array.from({ length: 1000 }, newInvitationCode);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${INVITATION_CODE_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`));
    expect(new Set(codes).size).toBe(1000);
    expect(INVITATION_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    // every character of the alphabet turns up (the draw is not stuck on part of it)
    expect(new Set(codes.join('')).size).toBe(INVITATION_CODE_ALPHABET.length);
  });
  it('a typed code is trimmed and upper-cased; ambiguous or short codes are refused', () => {
    expect(InvitationCode.parse(' abcd2345 ')).toBe('ABCD2345');
    expect(InvitationCode.safeParse('ABCD234O').success).toBe(false);
    expect(InvitationCode.safeParse('ABCD234').success).toBe(false);
    expect(InvitationCode.safeParse('ABCD23456').success).toBe(false);
  });
});
