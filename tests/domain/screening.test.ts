import { findPersonalNumbers, isResidentId, passesLuhn } from '../../server/src/modules/groups/screening';

/** GB 11643-1999 check digit, written out here independently of the code under test */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}
/** appends the Luhn digit that makes `body` valid */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = body + d;
    let sum = 0;
    [...candidate].reverse().forEach((c, i) => {
      let n = Number(c);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}
const wrongLast = (s: string) => s.slice(0, -1) + (s.endsWith('1') ? '2' : '1');

const ID = withCheckDigit('21092119850612301');
const ID_X = (() => {
  // find a real birth date whose check digit is X
  for (let n = 0; n < 1000; n++) {
    const id = withCheckDigit(`21092119850612${String(n).padStart(3, '0')}`);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
})();
const CARD16 = withLuhn('622202123456789');
const CARD19 = withLuhn('621700123456789012');

describe('resident ID numbers (18 digits, GB 11643 check digit, real birth date)', () => {
  it('finds valid numbers, with X as the check digit too (either case)', () => {
    expect(isResidentId(ID)).toBe(true);
    expect(findPersonalNumbers(`我的身份证号是${ID}，请帮我看看`)).toEqual(['id_card']);
    expect(findPersonalNumbers(`身份证 ${ID_X}`)).toEqual(['id_card']);
    expect(findPersonalNumbers(`身份证 ${ID_X.toLowerCase()}`)).toEqual(['id_card']);
  });
  it('never flags 18 digits with a wrong check digit (no false positives)', () => {
    expect(isResidentId(wrongLast(ID))).toBe(false);
    expect(findPersonalNumbers(`编号${wrongLast(ID)}`)).not.toContain('id_card');
  });
  it('refuses impossible birth dates even with a matching check digit', () => {
    expect(isResidentId(withCheckDigit('21092119851332301'))).toBe(false); // month 13
    expect(isResidentId(withCheckDigit('21092118990101301'))).toBe(false); // before 1900
  });
  it('finds numbers typed with spaces or full-width digits', () => {
    const spaced = `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`;
    expect(findPersonalNumbers(spaced)).toEqual(['id_card']);
    const fullWidth = [...ID].map((c) => (/\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
    expect(findPersonalNumbers(fullWidth)).toEqual(['id_card']);
  });
});

describe('mobile numbers', () => {
  it('finds 11-digit mobiles, also split as people write them', () => {
    expect(findPersonalNumbers('有事打我电话13812345678')).toEqual(['mobile']);
    expect(findPersonalNumbers('电话 138 1234 5678')).toEqual(['mobile']);
    expect(findPersonalNumbers('电话 138-1234-5678')).toEqual(['mobile']);
    expect(findPersonalNumbers('2026-11-22 13812345678 找我')).toEqual(['mobile']);
  });
  it('ignores numbers that are not mobiles: landlines, 12348, longer runs, years', () => {
    expect(findPersonalNumbers('请拨打12348法律服务热线')).toEqual([]);
    expect(findPersonalNumbers('司法所电话0418-8812345')).toEqual([]);
    expect(findPersonalNumbers('2026年11月开会，10户受影响')).toEqual([]);
    expect(findPersonalNumbers('订单号 238123456789')).toEqual([]); // 12 digits
    expect(findPersonalNumbers('编号12812345678')).toEqual([]); // 12x is not a mobile prefix
  });
});

describe('bank card numbers (16-19 digits passing Luhn)', () => {
  it('finds valid card numbers, grouped by four or not', () => {
    expect(passesLuhn(CARD16)).toBe(true);
    expect(findPersonalNumbers(`卡号${CARD16}`)).toEqual(['bank_card']);
    expect(findPersonalNumbers(`卡号 ${CARD19.replace(/(\d{4})(?=\d)/g, '$1 ')}`)).toEqual(['bank_card']);
  });
  it('never flags numbers that fail Luhn', () => {
    expect(passesLuhn(wrongLast(CARD16))).toBe(false);
    expect(findPersonalNumbers(`流水号${wrongLast(CARD16)}`)).toEqual([]);
    expect(findPersonalNumbers(`流水号${wrongLast(CARD19)}`)).toEqual([]);
  });
});

describe('several kinds at once, plain text', () => {
  it('lists each kind once, in a stable order', () => {
    expect(findPersonalNumbers(`卡${CARD16} 电话13812345678 身份证${ID} 再说一遍13812345678`)).toEqual([
      'id_card',
      'mobile',
      'bank_card',
    ]);
  });
  it('passes ordinary questions, including Mongolian and Tibetan text and emoji', () => {
    expect(findPersonalNumbers('邻居占了我家3米宅基地，2025年的事，怎么办？🙏')).toEqual([]);
    expect(findPersonalNumbers('ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ བོད་ཡིག')).toEqual([]);
  });
});

describe('an ID-shaped number with a wrong check digit', () => {
  it('is not taken for a bank card even when it happens to pass Luhn', () => {
    // find an ID-shaped 18-digit number with a wrong ID check digit that passes Luhn
    let found: string | null = null;
    for (let n = 100; n < 999 && !found; n++) {
      const first17 = `210921198001011${String(n).slice(1)}`;
      for (let d = 0; d <= 9; d++) {
        const candidate = first17 + d;
        if (!isResidentId(candidate) && passesLuhn(candidate)) {
          found = candidate;
          break;
        }
      }
    }
    expect(found).not.toBeNull();
    expect(findPersonalNumbers(`档案编号${found}`)).toEqual([]);
  });
});
