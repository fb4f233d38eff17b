/**
 * A lecture from announcement to ledger (issue 17 item 1) on the H5 build, in headless Chromium:
 * - 王建国 (counsel) announces a lecture starting in a minute or two in 210921001001 from 办事 →
 *   普法讲座 → 预告讲座; its page shows the check-in link the QR code carries;
 * - 林红霞 signs up from the list, 周桂兰 (also of the village) from the lecture's page; each opens
 *   the check-in link and is checked in;
 * - once it has begun, 王建国 sees both on the attendance list, taps 记入台账: the entry counts 2
 *   with their names, and 我的台账 shows it, linked to the lecture.
 * Needs `npm run build:h5 -w miniprogram` first. (Expects a daytime run, Beijing time: a start "in
 * a minute or two" must still be today.)
 */
import type { LedgerEntryListReply } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { findIdentity, openAs } from './support/demo';
import { fill, pick } from './support/forms';
import { UI_TIMEOUT, answerConfirm, openEntry, textOf, visible } from './support/page';
import { uiSuite } from './support/suite';

const HOUR = 3600_000;
const suite = uiSuite();

/** Beijing wall clock of an instant: date and HH:mm as the pickers hold them. */
const beijing = (ms: number) => {
  const iso = new Date(ms + 8 * HOUR).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
};

it('announced, signed up and checked in by two villagers; the ledger entry counts them by name', async () => {
  const { stack } = suite;
  const counsel = await findIdentity(stack.baseUrl, '王建国', 'counsel');
  const villager = await findIdentity(stack.baseUrl, '林红霞', 'villager');
  const cadre = await findIdentity(stack.baseUrl, '周桂兰', 'village_cadre');
  const topic = `老年人权益保护（${Date.now().toString(36)}）`;

  // 1. the announcement: the next whole minute but one, so it is still ahead when sent
  const startMs = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
  const start = beijing(startMs);
  const c = suite.keep(await openAs(stack.baseUrl, counsel));
  await openEntry(c, 'link-lectures');
  await visible(c, 'lectures-announce').click({ timeout: UI_TIMEOUT });
  await fill(c, 'announce-topic', topic, 'input');
  await pick(c, 'announce-date', start.date);
  await pick(c, 'announce-time', start.time);
  await fill(c, 'announce-place', '村委会会议室', 'input');
  await fill(c, 'announce-audience', '全体村民', 'input');
  await visible(c, 'announce-submit').click();
  await visible(c, 'lecture-attendees').waitFor({ timeout: UI_TIMEOUT });
  const lectureId = new URL(c.page.url().replace('/#/', '/')).searchParams.get('id')!;
  expect(lectureId).toMatch(/^[a-f0-9]{24}$/);
  expect(await textOf(c, 'lecture-facts')).toContain(topic);
  const link = (await visible(c, 'lecture-checkin-link').getAttribute('data-href'))!;
  expect(link).toMatch(new RegExp(`#/lectures/checkin/index\\?id=${lectureId}&code=[a-z0-9]{6}$`));

  // 2. 林红霞 signs up from the list and checks in by the link
  const v = suite.keep(await openAs(stack.baseUrl, villager));
  await openEntry(v, 'link-lectures');
  await visible(v, `lecture-signup-${lectureId}`).click({ timeout: UI_TIMEOUT });
  await visible(v, `lecture-signed-${lectureId}`).waitFor({ timeout: UI_TIMEOUT });
  await v.page.goto(link);
  expect(await textOf(v, 'checkin-done-name')).toContain('林红霞');

  // 3. 周桂兰 signs up on the lecture's page and checks in the same way
  const z = suite.keep(await openAs(stack.baseUrl, cadre));
  await z.page.goto(link.replace(/#\/.*$/, `#/lectures/detail/index?id=${lectureId}`));
  await visible(z, 'lecture-signup').click({ timeout: UI_TIMEOUT });
  await visible(z, 'lecture-mine-signed').waitFor({ timeout: UI_TIMEOUT });
  await z.page.goto(link);
  expect(await textOf(z, 'checkin-done-name')).toContain('周桂兰');

  // 4. once it has begun, the counsel records it
  const wait = startMs + 2000 - Date.now();
  if (wait > 0) await c.page.waitForTimeout(wait);
  await c.page.reload();
  expect(await textOf(c, 'lecture-attendees')).toContain('到场名单（2 人）');
  expect(await textOf(c, 'lecture-attendees')).toContain('林红霞');
  expect(await textOf(c, 'lecture-attendees')).toContain('周桂兰');
  await visible(c, 'lecture-record').click();
  expect(await answerConfirm(c)).toContain('2 人');
  expect(await textOf(c, 'lecture-recorded-count')).toBe('已记入台账：2 人参加');
  const names = await textOf(c, 'lecture-recorded-names');
  expect(names).toContain('林红霞');
  expect(names).toContain('周桂兰');

  // the entry itself, and 我的台账 showing it with its lecture
  const session = await demoLogin(stack.baseUrl, counsel.id);
  const ledger = await api<LedgerEntryListReply>(stack.baseUrl, 'GET', '/api/ledger/entries', session.token);
  const entry = ledger.items.find((e) => e.lectureId === lectureId)!;
  expect(entry).toMatchObject({ kind: 'lecture', attendees: 2 });
  expect([...entry.attendeeNames].sort()).toEqual(['周桂兰', '林红霞'].sort());
  await visible(c, 'lecture-open-ledger').click();
  const line = await textOf(c, `entry-lecture-${entry.id}`);
  expect(line).toContain('2 人');
  expect(line).toContain('林红霞');
  expect(line).toContain('周桂兰');
  expect(await visible(c, `entry-lecture-${entry.id}`).getAttribute('data-lecture-id')).toBe(lectureId);
}, 300000);
