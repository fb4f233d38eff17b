import { maskPhone } from '../../server/src/shared/mask';

describe('maskPhone', () => {
  it('a mobile number keeps its first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('19900001111')).toBe('199****1111');
  });

  it('separators in a mobile number are ignored', () => {
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
  });

  it('a landline keeps only its last 4 digits, the rest starred digit for digit', () => {
    expect(maskPhone('0421-7123456')).toBe('*******3456');
    expect(maskPhone('04217123456')).toBe('*******3456');
    expect(maskPhone('12348')).toBe('*2348');
  });

  it('no number: null', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
    expect(maskPhone('')).toBeNull();
  });

  it('short numbers (4 digits or fewer) are starred completely', () => {
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('1234')).toBe('****');
  });

  it('never returns the full digits of a number', () => {
    for (const phone of ['13812345678', '04217123456', '12348', '110', '+86 138 1234 5678']) {
      const masked = maskPhone(phone)!;
      expect(masked.replace(/\D/g, '')).not.toBe(phone.replace(/\D/g, ''));
    }
  });
});
