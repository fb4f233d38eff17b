import { assignmentRefusal, limitMessage } from '../../server/src/modules/counsel/policy';
import { DEFAULT_MAX_VILLAGES_PER_COUNSEL } from '../../server/src/modules/county-policy/defaults';

const villages = (n: number) => Array.from({ length: n }, (_, i) => `210921100${String(i).padStart(3, '0')}`);
const NEW_VILLAGE = '210921199999';

describe('assignmentRefusal', () => {
  it('the default limit is 5 villages (docs/domain.md R1)', () => {
    expect(DEFAULT_MAX_VILLAGES_PER_COUNSEL).toBe(5);
  });

  it('below the limit: no refusal', () => {
    expect(assignmentRefusal({ activeVillageCodes: [], villageCode: NEW_VILLAGE, max: 5 })).toBeNull();
    expect(assignmentRefusal({ activeVillageCodes: villages(4), villageCode: NEW_VILLAGE, max: 5 })).toBeNull();
  });

  it('at exactly the limit: COUNSEL_VILLAGE_LIMIT', () => {
    expect(assignmentRefusal({ activeVillageCodes: villages(5), villageCode: NEW_VILLAGE, max: 5 })).toBe(
      'COUNSEL_VILLAGE_LIMIT',
    );
    expect(assignmentRefusal({ activeVillageCodes: villages(3), villageCode: NEW_VILLAGE, max: 3 })).toBe(
      'COUNSEL_VILLAGE_LIMIT',
    );
  });

  it('above the limit (a county lowered it later): COUNSEL_VILLAGE_LIMIT', () => {
    expect(assignmentRefusal({ activeVillageCodes: villages(5), villageCode: NEW_VILLAGE, max: 2 })).toBe(
      'COUNSEL_VILLAGE_LIMIT',
    );
  });

  it('a stricter county limit is applied', () => {
    expect(assignmentRefusal({ activeVillageCodes: villages(1), villageCode: NEW_VILLAGE, max: 1 })).toBe(
      'COUNSEL_VILLAGE_LIMIT',
    );
    expect(assignmentRefusal({ activeVillageCodes: villages(1), villageCode: NEW_VILLAGE, max: 2 })).toBeNull();
  });

  it('already assigned wins over the limit', () => {
    const active = villages(5);
    expect(assignmentRefusal({ activeVillageCodes: active, villageCode: active[2]!, max: 5 })).toBe('ALREADY_ASSIGNED');
    expect(assignmentRefusal({ activeVillageCodes: villages(2), villageCode: villages(2)[0]!, max: 5 })).toBe('ALREADY_ASSIGNED');
  });
});

describe('limitMessage', () => {
  it('is Chinese and names the number', () => {
    const five = limitMessage(5);
    expect(five).toMatch(/[\u4e00-\u9fff]/);
    expect(five).toContain('5');
    const three = limitMessage(3);
    expect(three).toContain('3');
    expect(three).not.toContain('5');
  });
});
