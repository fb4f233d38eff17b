import { CancelAccountBody, ConsentBody, PRIVACY_POLICY_SECTIONS, RETENTION } from '@vc/types';
import { consentNeeded, dutiesToHandOver } from '../../server/src/modules/privacy/policy';

describe('consent', () => {
  it('is needed until the person agreed to exactly the version in force', () => {
    expect(consentNeeded([], 'v2')).toBe(true);
    expect(consentNeeded(['v1'], 'v2')).toBe(true);
    expect(consentNeeded(['v1', 'v2'], 'v2')).toBe(false);
  });

  it('names where it was given, and nothing else', () => {
    expect(ConsentBody.safeParse({ version: 'v1', via: 'miniprogram' }).success).toBe(true);
    expect(ConsentBody.safeParse({ version: 'v1', via: 'email' }).success).toBe(false);
    expect(ConsentBody.safeParse({ version: 'v1', via: 'h5', userId: 'x' }).success).toBe(false);
  });
});

describe('what must be handed over before cancelling', () => {
  it('nothing for a villager without open work', () => {
    expect(
      dutiesToHandOver({
        roles: [{ role: 'villager', placeCode: '210921001001' }],
        assignedVillages: [],
        unfinishedConsultations: [],
      }),
    ).toEqual([]);
  });

  it('every role held other than villager, every village served, every unfinished consultation, each with its own path', () => {
    const lines = dutiesToHandOver({
      roles: [
        { role: 'counsel', placeCode: '210921' },
        { role: 'township_staff', placeCode: '210921001' },
      ],
      assignedVillages: ['210921001001', '210921001002'],
      unfinishedConsultations: [{ id: 'abc', villageCode: '210921001001' }],
    });
    expect(lines.map((l) => l.path)).toEqual([
      'roles.counsel.210921',
      'roles.township_staff.210921001',
      'assignments.210921001001',
      'assignments.210921001002',
      'consultations.abc',
    ]);
    for (const line of lines) expect(line.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the policy text and the confirmation', () => {
  it('states every retention period of the one configuration place', () => {
    const text = PRIVACY_POLICY_SECTIONS.flatMap((s) => s.paragraphs).join('\n');
    expect(text).toContain(`${RETENTION.unattachedPhotoHours} 小时`);
    expect(text).toContain(`${RETENTION.contactRevealDays} 天`);
    expect(text).toContain(`${RETENTION.loginLogDays} 天`);
  });

  it('cancelling needs the word 注销 exactly', () => {
    expect(CancelAccountBody.safeParse({ confirm: '注销' }).success).toBe(true);
    expect(CancelAccountBody.safeParse({ confirm: '注销 ' }).success).toBe(false);
    expect(CancelAccountBody.safeParse({}).success).toBe(false);
  });
});
