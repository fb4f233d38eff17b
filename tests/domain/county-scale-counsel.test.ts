/** Counsel load and name search for assigning at county scale (issue 14 item 5). */
import { loadOf, nameHas } from '../../server/src/modules/counsel/policy';

it('reads a load against the county limit', () => {
  expect(loadOf(0, 5)).toBe('free');
  expect(loadOf(4, 5)).toBe('free');
  expect(loadOf(5, 5)).toBe('full');
  expect(loadOf(6, 5)).toBe('over');
  expect(loadOf(1, 1)).toBe('full');
});

it('searches names case-insensitively and literally', () => {
  expect(nameHas('王建国', '建国')).toBe(true);
  expect(nameHas('Li Ming', 'li m')).toBe(true);
  expect(nameHas('王建国', '.*')).toBe(false);
  expect(nameHas('王建国', undefined)).toBe(true);
});
