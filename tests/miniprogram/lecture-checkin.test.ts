/**
 * The lecture check-in page (lectures/checkin/index, issue 17 item 1) in the COMPILED weapp build,
 * run in miniprogram-simulate against a real running server, opened as WeChat opens it from the
 * code the counsel shows at the lecture (`scene` = the lecture id and its secret). One story:
 *
 * 1. 林红霞 scans the code of a lecture announced for tomorrow: the page checks her in at once and
 *    shows the server's refusal (not the lecture's day), with 重新签到; nothing is recorded.
 * 2. 王建国 moves the lecture to a few minutes from now (today); she taps 重新签到: checked in, her
 *    name and the lecture shown; the counsel's list has her once, and another check-in answers the
 *    same one.
 * 3. 查看讲座 opens the lecture's page.
 *
 * Needs `npm run build:weapp -w miniprogram`. (Run within a few minutes of Beijing midnight, "a few
 * minutes from now" would be tomorrow: the story expects a daytime run.)
 */
import type { Lecture, LectureCheckinReply, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const VILLAGE = '210921001001';
const WAIT = 15000;
const HOUR = 3600_000;

let stack: TestStack;
let runtime: WeappRuntime;
let counsel: Session;
let villager: Session;
let lecture: Lecture;
let code: string;
let page: SimComponent;

/** Beijing wall time `ms` from now as ISO with +08:00, to the minute. */
const beijingIso = (ms: number) => `${new Date(Date.now() + ms + 8 * HOUR).toISOString().slice(0, 16)}:00+08:00`;
const checkins = (r: WeappRuntime) => r.wx.requests.filter((q) => q.url.endsWith(`/api/lectures/${lecture.id}/checkins`));

beforeAll(async () => {
  stack = await startUiStack();
  counsel = await demoLoginByName(stack.baseUrl, '王建国');
  villager = await demoLoginByName(stack.baseUrl, '林红霞');
  lecture = await api<Lecture>(stack.baseUrl, 'POST', `/api/villages/${VILLAGE}/lectures`, counsel.token, {
    clientKey: `sim-lecture-${Date.now().toString(36)}`,
    topic: '农村宅基地与继承',
    startAt: beijingIso(26 * HOUR),
    durationMinutes: 60,
    place: '村委会会议室',
    audience: '全体村民',
  });
  code = lecture.host!.checkinCode;
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});

afterAll(async () => {
  page?.detach();
  await stack?.stop();
});

it('scanned before the lecture’s day: the server’s refusal, nothing recorded', async () => {
  runtime.wx.storage.set(SESSION_KEY, villager);
  page = runtime.openPage('lectures/checkin/index', { scene: encodeURIComponent(`${lecture.id}-${code}`) });
  const message = await waitFor(() => textOf(page, 'error-message'), WAIT, 'the refusal');
  expect(message).toBe('讲座当天才能签到');
  expect(checkins(runtime).map((r) => r.status)).toEqual([409]);
  expect(page.querySelector('#checkin-retry')).toBeTruthy();
  expect(page.querySelector('#checkin-done')).toBeFalsy();
  const seen = await api<Lecture>(stack.baseUrl, 'GET', `/api/lectures/${lecture.id}`, counsel.token);
  expect(seen.host!.attendees).toEqual([]);
});

it('on the lecture’s day 重新签到 checks her in once; the counsel sees her', async () => {
  await api<Lecture>(stack.baseUrl, 'POST', `/api/lectures/${lecture.id}/move`, counsel.token, {
    startAt: beijingIso(3 * 60_000),
    durationMinutes: 60,
    place: '村委会会议室',
  });
  tap(page, 'checkin-retry');
  const name = await waitFor(() => textOf(page, 'checkin-done-name'), WAIT, 'the check-in shown');
  expect(name).toContain('林红霞');
  expect(textOf(page, 'checkin-done-title')).toBe('签到成功');
  expect(textOf(page, 'checkin-lecture')).toContain('农村宅基地与继承');
  expect(page.querySelector('#error-message')).toBeFalsy();
  expect(checkins(runtime).map((r) => r.status)).toEqual([409, 201]);

  const seen = await api<Lecture>(stack.baseUrl, 'GET', `/api/lectures/${lecture.id}`, counsel.token);
  expect(seen.host!.attendees.map((a) => `${a.name}/${a.via}`)).toEqual(['林红霞/scan']);
  expect(seen.checkedIn).toBe(1);
  // scanned again: the same check-in
  const again = await api<LectureCheckinReply>(stack.baseUrl, 'POST', `/api/lectures/${lecture.id}/checkins`, villager.token, {
    code,
  });
  expect(again.lecture.checkedIn).toBe(1);
  expect(again.name).toBe('林红霞');
});

it('查看讲座 opens the lecture', async () => {
  tap(page, 'checkin-to-detail');
  const opened = await waitFor(
    () => runtime.wx.navigations.find((n) => n.url.startsWith('/lectures/detail/index')),
    5000,
    'the lecture page',
  );
  expect(opened.url).toBe(`/lectures/detail/index?id=${lecture.id}`);
});
