import { UpdateCounselProfileBody } from '@vc/types';
import {
  applyEdit,
  boardHours,
  displayValue,
  fieldLabel,
  formHours,
  hoursVillageOf,
  phoneFromWechat,
  profileChanges,
  publicTextOf,
  type ProfileValues,
} from '../../server/src/modules/counsel/profile-policy';

const A = '210921001001';
const B = '210921001002';
const C = '210921100202';

const base: ProfileValues = {
  name: '王建国',
  title: '律师',
  organization: '辽宁蒙古贞律师事务所',
  certificateNumber: '',
  phone: '17012345678',
  duties: [],
  specialties: [],
  photoUrl: '',
  hours: { [A]: '每周三上午' },
};

describe('applyEdit', () => {
  it('changes only the fields given, and writes or clears the hours of villages served', () => {
    const edited = applyEdit(base, { title: '专职律师', onSiteHours: [{ villageCode: B, text: '每周五下午' }] }, [A, B]);
    expect(edited).toEqual({ next: { ...base, title: '专职律师', hours: { [A]: '每周三上午', [B]: '每周五下午' } } });
    const cleared = applyEdit(base, { onSiteHours: [{ villageCode: A, text: '' }] }, [A]);
    expect(cleared).toEqual({ next: { ...base, hours: {} } });
  });

  it('refuses hours for a village not served now, naming it', () => {
    expect(applyEdit(base, { onSiteHours: [{ villageCode: C, text: '每周一' }] }, [A, B])).toEqual({
      refusal: 'PROFILE_VILLAGE_NOT_SERVED',
      villageCode: C,
    });
  });

  it('keeps the hours of a village served before (the record of what was shown there)', () => {
    const edited = applyEdit({ ...base, hours: { [C]: '旧村的时间' } }, { title: '律师' }, [A]);
    expect('next' in edited && edited.next.hours).toEqual({ [C]: '旧村的时间' });
  });
});

describe('profileChanges', () => {
  it('lists each changed field with its value before and after, in the form order, hours per village', () => {
    const after: ProfileValues = {
      ...base,
      specialties: ['婚姻家庭'],
      title: '专职律师',
      hours: { [A]: '每周四', [B]: '每周五' },
    };
    expect(profileChanges(base, after)).toEqual([
      { field: 'title', before: '律师', after: '专职律师' },
      { field: 'specialties', before: [], after: ['婚姻家庭'] },
      { field: `onSiteHours:${A}`, before: '每周三上午', after: '每周四' },
      { field: `onSiteHours:${B}`, before: '', after: '每周五' },
    ]);
  });

  it('finds nothing when nothing differs (a list in the same order is the same list)', () => {
    expect(profileChanges(base, { ...base, duties: [], hours: { [A]: '每周三上午' } })).toEqual([]);
    expect(profileChanges({ ...base, duties: ['甲', '乙'] }, { ...base, duties: ['乙', '甲'] })).toHaveLength(1);
  });
});

describe('publicTextOf', () => {
  it('checks the text that will be shown, not the phone, the photo or the certificate number', () => {
    const text = publicTextOf([
      { field: 'phone', before: '', after: '13812345678' },
      { field: 'photoUrl', before: '', after: '/api/counsel/x/photos/y' },
      { field: 'certificateNumber', before: '', after: '12109202110123456' },
      { field: 'specialties', before: [], after: ['婚姻家庭', '土地承包'] },
      { field: `onSiteHours:${A}`, before: '每周三', after: '' },
      { field: 'title', before: '律师', after: '专职律师' },
    ]);
    expect(text).toBe('婚姻家庭\n土地承包\n专职律师');
    expect(publicTextOf([{ field: 'phone', before: '', after: '13812345678' }])).toBe('');
  });
});

describe('history wording', () => {
  it('names fields in Chinese, village hours by the village', () => {
    expect(fieldLabel('certificateNumber', () => '')).toBe('执业证号');
    expect(fieldLabel(`onSiteHours:${A}`, (code) => (code === A ? '富民社区' : ''))).toBe('驻村时间（富民社区）');
    expect(fieldLabel(`onSiteHours:${A}`, () => '')).toBe(`驻村时间（${A}）`);
    expect(hoursVillageOf(`onSiteHours:${A}`)).toBe(A);
    expect(hoursVillageOf('title')).toBeNull();
  });

  it('masks phone numbers, joins lists and says when a value was empty', () => {
    expect(displayValue('phone', '13812345678')).toBe('138****5678');
    expect(displayValue('phone', '')).toBe('（空）');
    expect(displayValue('duties', ['甲', '乙'])).toBe('甲；乙');
    expect(displayValue('duties', [])).toBe('（空）');
    expect(displayValue('photoUrl', '/api/counsel/a/photos/b')).toBe('已更换照片');
    expect(displayValue('title', null)).toBe('（空）');
  });
});

describe('boardHours and formHours', () => {
  const profile = { villageHours: [{ villageCode: A, text: '每周三上午 9:00–12:00' }], onSiteHours: '每月第1、3周星期二' };

  it("the board shows this village's hours, else the hours written before, else the county's target", () => {
    expect(boardHours(profile, A, 4)).toBe('每周三上午 9:00–12:00');
    expect(boardHours(profile, B, 4)).toBe('每月第1、3周星期二');
    expect(boardHours({ villageHours: [], onSiteHours: '' }, B, 6)).toBe('每月驻村服务不少于6小时，具体时间见村委会公告');
    expect(boardHours(null, B, 4)).toContain('不少于4小时');
  });

  it('the form shows the same hours for the villages served', () => {
    expect(formHours(profile, [A, B])).toEqual({ [A]: '每周三上午 9:00–12:00', [B]: '每月第1、3周星期二' });
    expect(formHours({ villageHours: [], onSiteHours: '' }, [A])).toEqual({});
  });
});

describe('phoneFromWechat', () => {
  it('keeps mainland numbers without the country code, others with it', () => {
    expect(phoneFromWechat({ phoneNumber: '13912345678', purePhoneNumber: '13912345678', countryCode: '86' })).toBe(
      '13912345678',
    );
    expect(phoneFromWechat({ phoneNumber: '13912345678', purePhoneNumber: '13912345678', countryCode: 86 })).toBe('13912345678');
    expect(phoneFromWechat({ phoneNumber: '+85261234567', purePhoneNumber: '61234567', countryCode: '852' })).toBe(
      '+852 61234567',
    );
    expect(phoneFromWechat({ purePhoneNumber: '' })).toBeNull();
  });
});

describe('UpdateCounselProfileBody', () => {
  it('takes a mobile or a landline with area code, and refuses other numbers in Chinese', () => {
    expect(UpdateCounselProfileBody.safeParse({ phone: '13812345678' }).success).toBe(true);
    expect(UpdateCounselProfileBody.safeParse({ phone: '0418-1234567' }).success).toBe(true);
    const bad = UpdateCounselProfileBody.safeParse({ phone: '12812345678' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/联系电话格式不正确/);
  });

  it('trims text and refuses empty names, long lists and unknown fields', () => {
    expect(UpdateCounselProfileBody.parse({ title: '  律师 ' })).toEqual({ title: '律师' });
    expect(UpdateCounselProfileBody.safeParse({ name: '  ' }).success).toBe(false);
    expect(UpdateCounselProfileBody.safeParse({ duties: Array.from({ length: 11 }, () => '解答法律咨询') }).success).toBe(false);
    expect(UpdateCounselProfileBody.safeParse({ photoUrl: 'http://example.com/a.jpg' }).success).toBe(false);
  });
});
