/**
 * The pure rules of lectures (issue 17 item 1): when one may be announced, when check-in is open
 * (the lecture's Beijing day), the check-in link and scene, and the attendance a ledger entry
 * records from the check-ins and the names the counsel added.
 */
import { attendance, checkinPath, checkinWindow, lectureTimeValid, sceneOf } from '../../server/src/modules/lectures/policy';
import { LECTURE_CODE_PATTERN } from '../../types/src/lectures/schemas';

const at = (iso: string) => new Date(iso);

describe('announcing', () => {
  const now = at('2026-12-03T10:00:00+08:00');
  it('takes a time in the future, at most 90 days ahead', () => {
    expect(lectureTimeValid(at('2026-12-03T10:01:00+08:00'), now)).toBe(true);
    expect(lectureTimeValid(at('2027-03-03T10:00:00+08:00'), now)).toBe(true);
    expect(lectureTimeValid(at('2027-03-03T10:01:00+08:00'), now)).toBe(false);
    expect(lectureTimeValid(now, now)).toBe(false);
    expect(lectureTimeValid(at('2026-12-01T10:00:00+08:00'), now)).toBe(false);
  });
});

describe('check-in', () => {
  const start = at('2026-12-05T19:30:00+08:00');
  it('is open on the lecture’s Beijing day only, whatever the UTC date', () => {
    expect(checkinWindow(start, at('2026-12-04T23:59:00+08:00'))).toBe('not_open');
    // 2026-12-04T16:00Z is midnight in Beijing: the lecture's day has begun
    expect(checkinWindow(start, at('2026-12-04T16:00:00Z'))).toBe('open');
    expect(checkinWindow(start, at('2026-12-05T23:59:59+08:00'))).toBe('open');
    expect(checkinWindow(start, at('2026-12-05T16:00:00Z'))).toBe('closed');
    expect(checkinWindow(start, at('2026-12-09T09:00:00+08:00'))).toBe('closed');
  });

  it('links to the check-in page with the lecture and its code; the wxacode scene fits in 32 characters', () => {
    const id = '0123456789abcdef01234567';
    expect(checkinPath(id, 'ab12cd')).toBe(`lectures/checkin/index?id=${id}&code=ab12cd`);
    expect(sceneOf(id, 'ab12cd')).toBe(`${id}-ab12cd`);
    expect(sceneOf(id, 'ab12cd').length).toBeLessThanOrEqual(32);
    expect(LECTURE_CODE_PATTERN.test('ab12cd')).toBe(true);
    expect(LECTURE_CODE_PATTERN.test('AB12CD')).toBe(false);
  });
});

describe('attendance', () => {
  const t = (minute: number) => new Date(Date.UTC(2026, 11, 5, 11, minute));
  it('counts each person who checked in once, in the order they came', () => {
    const result = attendance(
      [
        { userId: 'b', name: '何春生', at: t(5) },
        { userId: 'a', name: '林红霞', at: t(1) },
        { userId: 'a', name: '林红霞', at: t(9) },
      ],
      [],
    );
    expect(result.count).toBe(2);
    expect(result.attendees.map((a) => [a.name, a.via])).toEqual([
      ['林红霞', 'scan'],
      ['何春生', 'scan'],
    ]);
  });

  it('adds the names the counsel typed, unless already on the list (spaces aside) or typed twice', () => {
    const result = attendance(
      [{ userId: 'a', name: '林红霞', at: t(1) }],
      [
        { name: ' 林红霞 ', at: t(20) },
        { name: '张　大爷', at: t(21) },
        { name: '张 大爷', at: t(22) },
        { name: '李奶奶', at: t(23) },
        { name: '   ', at: t(24) },
      ],
    );
    expect(result.attendees.map((a) => `${a.name}/${a.via}`)).toEqual(['林红霞/scan', '张 大爷/added', '李奶奶/added']);
    expect(result.count).toBe(3);
  });

  it('counts two people of the same name who both scanned as two', () => {
    const result = attendance(
      [
        { userId: 'a', name: '王芳', at: t(1) },
        { userId: 'b', name: '王芳', at: t(2) },
      ],
      [{ name: '王芳', at: t(3) }],
    );
    expect(result.count).toBe(2);
  });

  it('is zero with nobody', () => {
    expect(attendance([], [])).toEqual({ count: 0, attendees: [] });
  });
});
