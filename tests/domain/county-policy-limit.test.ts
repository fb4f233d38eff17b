import {
  counselOverLimit,
  needsOverLimitAcknowledgement,
  overLimitLine,
  overLimitMessage,
} from '../../server/src/modules/county-policy/policy';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccccccccccc';

describe('counsel over the villages-per-counsel limit', () => {
  // one counsel id per active assignment (each holds one village)
  const active = [B, A, C, A, B, A, A, B];

  it('lists those serving more villages than the limit, most first, with the limit they exceed', () => {
    expect(counselOverLimit(active, 2)).toEqual([
      { counselId: A, villagesServed: 4, limit: 2 },
      { counselId: B, villagesServed: 3, limit: 2 },
    ]);
  });

  it('a counsel exactly at the limit is not over it', () => {
    expect(counselOverLimit(active, 3)).toEqual([{ counselId: A, villagesServed: 4, limit: 3 }]);
    expect(counselOverLimit(active, 4)).toEqual([]);
    expect(counselOverLimit([], 1)).toEqual([]);
  });

  it('orders counsel with as many villages by id, so the list is stable', () => {
    expect(counselOverLimit([C, A, C, A], 1).map((o) => o.counselId)).toEqual([A, C]);
  });
});

describe('when a change needs the editor to acknowledge the counsel it leaves over', () => {
  const over = [{ counselId: A, villagesServed: 3, limit: 2 }];

  it('asks when the limit is lowered below what someone serves', () => {
    expect(needsOverLimitAcknowledgement({ currentLimit: 5, nextLimit: 2, over, acknowledged: false })).toBe(true);
  });

  it('does not ask once acknowledged, when everyone fits, or when the limit is not lowered', () => {
    expect(needsOverLimitAcknowledgement({ currentLimit: 5, nextLimit: 2, over, acknowledged: true })).toBe(false);
    expect(needsOverLimitAcknowledgement({ currentLimit: 5, nextLimit: 3, over: [], acknowledged: false })).toBe(false);
    // a save of other settings at the limit in force, with counsel already over it
    expect(needsOverLimitAcknowledgement({ currentLimit: 2, nextLimit: 2, over, acknowledged: false })).toBe(false);
    expect(needsOverLimitAcknowledgement({ currentLimit: 2, nextLimit: 3, over, acknowledged: false })).toBe(false);
  });
});

describe('how it is said', () => {
  it('names the counsel with villages served against the limit, and says what happens', () => {
    expect(overLimitLine('王建国', { villagesServed: 3, limit: 2 })).toBe('王建国：已服务 3 个村（社区），超出上限 2 个');
    expect(overLimitLine('', { villagesServed: 3, limit: 2 })).toMatch(/^（未登记姓名）/);
    const message = overLimitMessage(4, 2);
    expect(message).toContain('有 4 名法律顾问');
    expect(message).toContain('新的上限 2 个');
    expect(message).toContain('现有的指派保留、不会自动解除');
    expect(message).toContain('不能再为他们新增指派');
  });
});
