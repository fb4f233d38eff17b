/**
 * Lecture announcements over real HTTP on the embedded database (issue 17 item 1): a counsel
 * announces (posted to the village's group, WeChat-checked, idempotent), the village's people see
 * and sign up (idempotent), move and cancel tell those signed up (the fake WeChat records it),
 * QR check-in (idempotent; refused for another village, with a wrong code, before and after the
 * lecture's day, when cancelled), the day-before reminder, and the ledger entry whose attendance
 * comes from the check-ins and the names the counsel added. Bad input writes nothing.
 *
 * A lecture is announced for the future; to hold it "today" or "last week" the test moves its
 * stored time, as the passing of days would.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { acceptNotice, sessionByOpenid } from '../support/notices';
import { signCloudRequest, SIGNATURE_HEADERS } from '../../types/src/cloud-signing';
import type { RouteId } from '../../types/src/routes';

const SECRET = 'lecture-test-shared-secret-012345';
const VILLAGE = '210921001001';
const OTHER_VILLAGE = '210921001004';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const openids: Record<string, string> = {};

let keyCounter = 0;
const key = () => `lec-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const count = (name: string, filter: Record<string, unknown> = {}) => mongoose.connection.collection(name).countDocuments(filter);
const groupNotices = () => count('group_messages', { groupCode: VILLAGE, kind: 'notice' });
const messagesFor = (id: string) => stack.wechat!.messages.filter((m) => m.page === `lectures/detail/index?id=${id}`);
/** the Beijing date `days` from today, and a time on it */
const beijingDate = (days: number) => new Date(Date.now() + 8 * HOUR + days * DAY).toISOString().slice(0, 10);
const beijing = (days: number, hhmm: string) => `${beijingDate(days)}T${hhmm}:00+08:00`;

const announce = (extra: Record<string, unknown> = {}, who = '王建国', village = VILLAGE) =>
  call('announceLecture', {
    token: tokens[who],
    params: { villageCode: village },
    body: {
      clientKey: key(),
      topic: '民法典与农村土地承包',
      startAt: beijing(5, '09:30'),
      durationMinutes: 90,
      place: '村委会会议室',
      audience: '全体村民',
      ...extra,
    },
  });
const lectureCall = (route: RouteId, who: string, lectureId: string, body?: Record<string, unknown>) =>
  call(route, { token: tokens[who], params: { lectureId }, ...(body ? { body } : {}) });

/** Moves a stored lecture's time, as days passing would: starting `startMs` for `minutes`. */
async function holdAt(lectureId: string, startMs: number, minutes: number) {
  const startAt = new Date(startMs);
  await mongoose.connection.collection('lectures').updateOne(
    { _id: new mongoose.Types.ObjectId(lectureId) },
    {
      $set: {
        startAt,
        endAt: new Date(startMs + minutes * 60_000),
        durationMinutes: minutes,
        day: new Date(startMs + 8 * HOUR).toISOString().slice(0, 10),
      },
    },
  );
}
/** Today in Beijing, begun at the later of Beijing midnight and an hour ago, ended a few minutes from now. */
async function holdToday(lectureId: string) {
  const midnight = Date.parse(`${beijingDate(0)}T00:00:00+08:00`);
  const start = Math.max(midnight, Date.now() - HOUR);
  await holdAt(lectureId, start, Math.max(15, Math.ceil((Date.now() + 5 * 60_000 - start) / 60_000)));
}

let nonce = 0;
function runReminders(asOf: string) {
  const raw = JSON.stringify({ asOf });
  const timestamp = String(Date.now());
  const n = `lecture-nonce-${Date.now()}-${nonce++}`;
  return call('runReminders', {
    raw,
    headers: {
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      [SIGNATURE_HEADERS.nonce]: n,
      [SIGNATURE_HEADERS.signature]: signCloudRequest(SECRET, timestamp, n, raw),
    },
  });
}

beforeAll(async () => {
  stack = await startStack({ env: { CLOUD_SHARED_SECRET: SECRET } });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '周桂兰', '王建国', '王志强']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    const user = await mongoose.connection.collection('users').findOne({ _id: new mongoose.Types.ObjectId(session.user.id) });
    openids[name] = user!.openid as string;
  }
  // a villager of another village of the same township
  openids['邻村村民'] = `lecture-other-village-${Date.now()}`;
  tokens['邻村村民'] = await sessionByOpenid(stack, openids['邻村村民']);
  expect((await call('bindVillage', { token: tokens['邻村村民'], body: { villageCode: OTHER_VILLAGE } })).status).toBe(200);
});
afterAll(() => stack?.stop());

describe('announcing', () => {
  it('a counsel of the village announces; the group gets a system notice; a retry answers the first', async () => {
    const notices = await groupNotices();
    const clientKey = key();
    const body = {
      clientKey,
      topic: '防范电信诈骗讲座',
      startAt: beijing(6, '14:00'),
      durationMinutes: 60,
      place: '村文化广场',
      audience: '老年人及其家属',
    };
    const first = await call('announceLecture', { token: tokens['王建国'], params: { villageCode: VILLAGE }, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      villageCode: VILLAGE,
      counselName: '王建国',
      topic: '防范电信诈骗讲座',
      place: '村文化广场',
      audience: '老年人及其家属',
      status: 'scheduled',
      durationMinutes: 60,
      signedUp: 0,
      checkedIn: 0,
    });
    expect(Date.parse(first.body.endAt) - Date.parse(first.body.startAt)).toBe(60 * 60_000);
    expect(first.body.host.checkinCode).toMatch(/^[a-z0-9]{6}$/);
    expect(first.body.host.checkinPath).toBe(`lectures/checkin/index?id=${first.body.id}&code=${first.body.host.checkinCode}`);
    const again = await call('announceLecture', { token: tokens['王建国'], params: { villageCode: VILLAGE }, body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await groupNotices()).toBe(notices + 1);
    const notice = await mongoose.connection
      .collection('group_messages')
      .find({ groupCode: VILLAGE, kind: 'notice' })
      .sort({ seq: -1 })
      .limit(1)
      .next();
    expect(notice!.text).toContain('防范电信诈骗讲座');
    expect(notice!.text).toContain('村文化广场');
  });

  it('refuses a villager, and a counsel for a village they do not serve', async () => {
    expect(errorCode(await announce({}, '林红霞'))).toBe('403 FORBIDDEN');
    expect(errorCode(await announce({}, '王建国', '210921100202'))).toBe('403 OUT_OF_JURISDICTION');
  });

  it('bad input writes nothing: a past or too distant time, over-long text, text WeChat flags', async () => {
    const before = await count('lectures');
    const notices = await groupNotices();
    expect(errorCode(await announce({ startAt: beijing(-1, '10:00') }))).toBe('400 LECTURE_TIME_INVALID');
    expect(errorCode(await announce({ startAt: beijing(92, '10:00') }))).toBe('400 LECTURE_TIME_INVALID');
    expect(errorCode(await announce({ topic: '讲'.repeat(61) }))).toBe('400 VALIDATION_FAILED');
    expect(errorCode(await announce({ durationMinutes: 5 }))).toBe('400 VALIDATION_FAILED');
    expect(errorCode(await announce({ place: '' }))).toBe('400 VALIDATION_FAILED');
    expect(errorCode(await announce({ topic: '网络赌博的危害' }))).toBe('422 LECTURE_TEXT_RISKY');
    expect(await count('lectures')).toBe(before);
    expect(await groupNotices()).toBe(notices);
  });
});

describe('who sees what', () => {
  it('the village’s people list its upcoming lectures without the host’s part; others do not see them', async () => {
    const made = await announce();
    const id = made.body.id as string;
    const list = await call('villageLectures', { token: tokens['林红霞'], params: { villageCode: VILLAGE } });
    expect(list.status).toBe(200);
    const mine = list.body.items.find((l: { id: string }) => l.id === id);
    expect(mine).toMatchObject({ topic: '民法典与农村土地承包', host: null });
    // the nearest first
    const starts = list.body.items.map((l: { startAt: string }) => Date.parse(l.startAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(errorCode(await call('villageLectures', { token: tokens['林红霞'], params: { villageCode: OTHER_VILLAGE } }))).toBe(
      '403 OUT_OF_JURISDICTION',
    );
    expect(errorCode(await lectureCall('lecture', '邻村村民', id))).toBe('404 LECTURE_NOT_FOUND');
    expect((await lectureCall('lecture', '林红霞', id)).body.host).toBeNull();
    expect((await lectureCall('lecture', '王建国', id)).body.host.checkinCode).toMatch(/^[a-z0-9]{6}$/);
    const counsel = await call('myLectures', { token: tokens['王建国'] });
    expect(counsel.body.items.map((l: { id: string }) => l.id)).toContain(id);
    expect(errorCode(await call('myLectures', { token: tokens['林红霞'] }))).toBe('403 FORBIDDEN');
  });

  it('the check-in code is a wxacode for the counsel only', async () => {
    const id = (await announce()).body.id as string;
    const qr = await lectureCall('lectureQrCode', '王建国', id);
    expect(qr.status).toBe(200);
    const asked = stack.wechat!.calls.filter((c) => c.path === '/wxa/getwxacodeunlimit').pop();
    const code = (await lectureCall('lecture', '王建国', id)).body.host.checkinCode;
    expect(asked!.body).toMatchObject({ scene: `${id}-${code}`, page: 'lectures/checkin/index' });
    expect(errorCode(await lectureCall('lectureQrCode', '林红霞', id))).toBe('403 FORBIDDEN');
  });
});

describe('signing up', () => {
  it('is idempotent, withdrawable, and only for the village’s people', async () => {
    const id = (await announce()).body.id as string;
    const first = await lectureCall('signUpLecture', '林红霞', id, {});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ signedUp: 1, mine: { signedUp: true, checkedIn: false } });
    const again = await lectureCall('signUpLecture', '林红霞', id, {});
    expect(again.body.signedUp).toBe(1);
    expect(await count('lecture_signups', { lectureId: new mongoose.Types.ObjectId(id) })).toBe(1);
    expect(errorCode(await lectureCall('signUpLecture', '邻村村民', id, {}))).toBe('403 LECTURE_OTHER_VILLAGE');
    const host = await lectureCall('lecture', '王建国', id);
    expect(host.body.host.signups.map((s: { name: string }) => s.name)).toEqual(['林红霞']);
    const withdrawn = await lectureCall('withdrawLectureSignup', '林红霞', id, {});
    expect(withdrawn.body).toMatchObject({ signedUp: 0, mine: { signedUp: false } });
  });
});

describe('moving and cancelling', () => {
  it('tells everyone signed up, once per change, and the group', async () => {
    for (const who of ['林红霞', '周桂兰'])
      await acceptNotice(stack, { token: tokens[who]!, openid: openids[who]! }, 'lectureUpdate', 2);
    const id = (await announce()).body.id as string;
    for (const who of ['林红霞', '周桂兰']) expect((await lectureCall('signUpLecture', who, id, {})).status).toBe(200);
    const notices = await groupNotices();
    const moved = await lectureCall('moveLecture', '王建国', id, {
      startAt: beijing(8, '15:00'),
      durationMinutes: 120,
      place: '村小学礼堂',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ place: '村小学礼堂', moved: true, durationMinutes: 120 });
    expect(Date.parse(moved.body.startAt)).toBe(Date.parse(beijing(8, '15:00')));
    let sent = messagesFor(id);
    expect(sent.map((m) => m.touser).sort()).toEqual([openids['林红霞'], openids['周桂兰']].sort());
    expect(sent[0]!.template_id).toBe(stack.config.noticeTemplates.lectureUpdate);
    expect(sent[0]!.data.thing3!.value).toBe('村小学礼堂');
    expect(sent[0]!.data.thing4!.value).toContain('讲座改到');
    // the same move again changes nothing and sends nothing
    await lectureCall('moveLecture', '王建国', id, { startAt: beijing(8, '15:00'), durationMinutes: 120, place: '村小学礼堂' });
    expect(messagesFor(id)).toHaveLength(2);

    const cancelled = await lectureCall('cancelLecture', '王建国', id, { reason: '顾问临时出庭' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '顾问临时出庭' });
    sent = messagesFor(id);
    expect(sent).toHaveLength(4);
    expect(sent.slice(2).every((m) => m.data.thing4!.value.includes('讲座已取消'))).toBe(true);
    expect(await groupNotices()).toBe(notices + 2);
    // a cancelled lecture: no sign-up, no check-in, no further change, and it leaves the village's list
    const code = (await lectureCall('lecture', '王建国', id)).body.host.checkinCode;
    expect(errorCode(await lectureCall('signUpLecture', '林红霞', id, {}))).toBe('409 LECTURE_CANCELLED');
    expect(errorCode(await lectureCall('checkInLecture', '林红霞', id, { code }))).toBe('409 LECTURE_CANCELLED');
    expect(
      errorCode(
        await lectureCall('moveLecture', '王建国', id, { startAt: beijing(9, '15:00'), durationMinutes: 60, place: '村委会' }),
      ),
    ).toBe('409 LECTURE_CANCELLED');
    const list = await call('villageLectures', { token: tokens['林红霞'], params: { villageCode: VILLAGE } });
    expect(list.body.items.map((l: { id: string }) => l.id)).not.toContain(id);
  });

  it('only a counsel serving the village may change it', async () => {
    const id = (await announce()).body.id as string;
    expect(errorCode(await lectureCall('cancelLecture', '林红霞', id, { reason: '不想办了' }))).toBe('403 FORBIDDEN');
    // 王志强 holds no counsel role: refused by the route
    expect(errorCode(await lectureCall('cancelLecture', '王志强', id, { reason: '不想办了' }))).toBe('403 FORBIDDEN');
  });
});

describe('the day-before reminder', () => {
  it('reminds those signed up for tomorrow’s lecture once', async () => {
    await acceptNotice(stack, { token: tokens['林红霞']!, openid: openids['林红霞']! }, 'lectureUpdate', 1);
    const id = (await announce({ startAt: beijing(1, '10:00') })).body.id as string;
    await lectureCall('signUpLecture', '林红霞', id, {});
    const eve = await runReminders(new Date().toISOString());
    expect(eve.status).toBe(200);
    expect(eve.body.lectures.sent).toBeGreaterThanOrEqual(1);
    const reminders = messagesFor(id);
    expect(reminders.map((m) => m.touser)).toEqual([openids['林红霞']]);
    expect(reminders[0]!.data.thing4!.value).toContain('明天');
    const again = await runReminders(new Date().toISOString());
    expect(again.body.lectures.alreadyReminded).toBeGreaterThanOrEqual(1);
    expect(messagesFor(id)).toHaveLength(1);
  });
});

describe('checking in and the ledger entry', () => {
  let id: string;
  let code: string;
  beforeAll(async () => {
    id = (await announce({ topic: '婚姻家庭与继承' })).body.id as string;
    code = (await lectureCall('lecture', '王建国', id)).body.host.checkinCode as string;
  });

  it('is not open before the lecture’s day', async () => {
    expect(errorCode(await lectureCall('checkInLecture', '林红霞', id, { code }))).toBe('409 LECTURE_CHECKIN_NOT_OPEN');
    expect(await count('lecture_checkins', { lectureId: new mongoose.Types.ObjectId(id) })).toBe(0);
  });

  it('on the day: a wrong code and another village are refused; a check-in is idempotent', async () => {
    await holdToday(id);
    const wrong = code === 'zzzzzz' ? 'yyyyyy' : 'zzzzzz';
    expect(errorCode(await lectureCall('checkInLecture', '林红霞', id, { code: wrong }))).toBe('403 LECTURE_CODE_WRONG');
    expect(errorCode(await lectureCall('checkInLecture', '邻村村民', id, { code }))).toBe('403 LECTURE_OTHER_VILLAGE');
    expect(errorCode(await lectureCall('checkInLecture', '林红霞', id, { code: 'BAD' }))).toBe('400 VALIDATION_FAILED');
    expect(await count('lecture_checkins', { lectureId: new mongoose.Types.ObjectId(id) })).toBe(0);
    const first = await lectureCall('checkInLecture', '林红霞', id, { code });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: '林红霞', lecture: { checkedIn: 1, mine: { checkedIn: true } } });
    const again = await lectureCall('checkInLecture', '林红霞', id, { code });
    expect(again.status).toBe(200);
    expect(again.body.at).toBe(first.body.at);
    expect((await lectureCall('checkInLecture', '周桂兰', id, { code })).status).toBe(201);
    expect(await count('lecture_checkins', { lectureId: new mongoose.Types.ObjectId(id) })).toBe(2);
  });

  it('the counsel adds a name by hand; the attendance de-duplicates it against the check-ins', async () => {
    await lectureCall('addLectureAttendee', '王建国', id, { name: '张大爷' });
    const after = await lectureCall('addLectureAttendee', '王建国', id, { name: ' 林红霞 ' });
    expect(after.status).toBe(200);
    expect(after.body.host.attendees.map((a: { name: string; via: string }) => `${a.name}/${a.via}`)).toEqual([
      '林红霞/scan',
      '周桂兰/scan',
      '张大爷/added',
    ]);
    expect(errorCode(await lectureCall('addLectureAttendee', '林红霞', id, { name: '李四' }))).toBe('403 FORBIDDEN');
  });

  it('after the day check-in is closed (a repeat still answers the first), and the ledger entry carries the attendance', async () => {
    // held last week
    const lastWeek = Date.parse(`${beijingDate(-7)}T09:30:00+08:00`);
    await holdAt(id, lastWeek, 90);
    const repeat = await lectureCall('checkInLecture', '林红霞', id, { code });
    expect(repeat.status).toBe(200);
    openids['晚到村民'] = `lecture-late-${Date.now()}`;
    tokens['晚到村民'] = await sessionByOpenid(stack, openids['晚到村民']);
    await call('bindVillage', { token: tokens['晚到村民'], body: { villageCode: VILLAGE } });
    expect(errorCode(await lectureCall('checkInLecture', '晚到村民', id, { code }))).toBe('409 LECTURE_CHECKIN_CLOSED');

    const entries = await count('ledger_entries');
    const recorded = await lectureCall('recordLecture', '王建国', id, {});
    expect(recorded.status).toBe(201);
    expect(recorded.body.entry).toMatchObject({
      kind: 'lecture',
      mode: 'on_site',
      attendees: 3,
      attendeeNames: ['林红霞', '周桂兰', '张大爷'],
      lectureId: id,
      minutes: 90,
      status: 'pending',
    });
    expect(Date.parse(recorded.body.entry.startAt)).toBe(lastWeek);
    expect(recorded.body.entry.summary).toContain('婚姻家庭与继承');
    expect(recorded.body.lecture.ledgerEntryId).toBe(recorded.body.entry.id);
    const again = await lectureCall('recordLecture', '王建国', id, {});
    expect(again.status).toBe(200);
    expect(again.body.entry.id).toBe(recorded.body.entry.id);
    expect(await count('ledger_entries')).toBe(entries + 1);
    // the counsel's ledger shows it with the announcement
    const ledger = await call('myLedgerEntries', { token: tokens['王建国'], query: {} });
    expect(ledger.body.items.find((e: { id: string }) => e.id === recorded.body.entry.id)).toMatchObject({
      lectureId: id,
      attendees: 3,
    });
    // recorded: its facts are settled
    expect(errorCode(await lectureCall('addLectureAttendee', '王建国', id, { name: '李四' }))).toBe('409 LECTURE_RECORDED');
    expect(errorCode(await lectureCall('cancelLecture', '王建国', id, { reason: '补记错误' }))).toBe('409 LECTURE_RECORDED');
  });

  it('a lecture not yet held, or held with nobody, is not recorded; nothing is written', async () => {
    const future = (await announce()).body.id as string;
    const entries = await count('ledger_entries');
    expect(errorCode(await lectureCall('recordLecture', '王建国', future, {}))).toBe('400 LEDGER_IN_FUTURE');
    await holdAt(future, Date.now() - 3 * DAY, 60);
    expect(errorCode(await lectureCall('recordLecture', '王建国', future, {}))).toBe('400 LEDGER_ATTENDEES_REQUIRED');
    expect(await count('ledger_entries')).toBe(entries);
    expect((await lectureCall('lecture', '王建国', future)).body.ledgerEntryId).toBeNull();
  });

  it('recorded while it is still scheduled to run, it counts as ended then; a second tap answers the same entry', async () => {
    const running = (await announce({ topic: '未成年人保护法' })).body.id as string;
    const started = Date.now() - 30 * 60_000;
    await holdAt(running, started, 120);
    const code = (await lectureCall('lecture', '王建国', running)).body.host.checkinCode as string;
    if (new Date(started + 8 * HOUR).toISOString().slice(0, 10) === beijingDate(0))
      expect((await lectureCall('checkInLecture', '林红霞', running, { code })).status).toBe(201);
    else await lectureCall('addLectureAttendee', '王建国', running, { name: '林红霞' });
    const recorded = await lectureCall('recordLecture', '王建国', running, {});
    expect(recorded.status).toBe(201);
    expect(recorded.body.entry.minutes).toBeGreaterThanOrEqual(30);
    expect(recorded.body.entry.minutes).toBeLessThan(120);
    expect(recorded.body.lecture.endAt).toBe(recorded.body.entry.endAt);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await lectureCall('recordLecture', '王建国', running, {});
    expect(again.status).toBe(200);
    expect(again.body.entry.id).toBe(recorded.body.entry.id);
  });

  it('recorded just after it began, it lasts a minute, so it counts in its month', async () => {
    const begun = (await announce({ topic: '反家庭暴力法' })).body.id as string;
    await holdAt(begun, Date.now() - 5_000, 60);
    await lectureCall('addLectureAttendee', '王建国', begun, { name: '张大爷' });
    const recorded = await lectureCall('recordLecture', '王建国', begun, {});
    expect(recorded.status).toBe(201);
    expect(recorded.body.entry.minutes).toBe(1);
    const month = new Date(Date.parse(recorded.body.entry.startAt) + 8 * HOUR).toISOString().slice(0, 7);
    const listed = await call('myLedgerEntries', { token: tokens['王建国'], query: { month } });
    expect(listed.body.items.map((e: { id: string }) => e.id)).toContain(recorded.body.entry.id);
  });
});
