/**
 * Bookings with the village's counsel over real HTTP on the embedded database (issue 16): the asked
 * time's rules, a village without counsel, confirm / propose / accept / cancel / no-show / complete
 * (a kept booking is a ledger entry naming the villager), the subscribe messages WeChat receives
 * (confirmed, a new time, and the day before to both), time limits and bad input.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { acceptNotice, sessionByOpenid } from '../support/notices';
import { signCloudRequest, SIGNATURE_HEADERS } from '../../types/src/cloud-signing';

const SECRET = 'booking-test-shared-secret-0123456';
const COUNTY = '210921';
const VILLAGE = '210921001001';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const openids: Record<string, string> = {};

let keyCounter = 0;
const key = () => `bk-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
/** the Beijing date `days` from today */
const beijingDate = (days: number) => new Date(Date.now() + 8 * HOUR + days * DAY).toISOString().slice(0, 10);
/** a time on that date, Beijing time */
const beijing = (days: number, hhmm: string) => `${beijingDate(days)}T${hhmm}:00+08:00`;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

const book = (at: string, extra: Record<string, unknown> = {}, who = '林红霞') =>
  call('openCase', {
    token: tokens[who],
    body: { kind: 'booking', clientKey: key(), at, topic: '想当面咨询土地承包合同续签的事', ...extra },
  });
const act = (who: string, caseId: string, body: Record<string, unknown>) =>
  call('actOnCase', { token: tokens[who], params: { caseId }, body: { clientKey: key(), ...body } });
const view = (who: string, caseId: string) => call('case', { token: tokens[who], params: { caseId } });
const count = (name: string, filter: Record<string, unknown> = {}) => mongoose.connection.collection(name).countDocuments(filter);
const messagesFor = (caseId: string) => stack.wechat!.messages.filter((m) => m.page === `hall/case/index?id=${caseId}`);

let nonce = 0;
function runReminders(asOf: string) {
  const raw = JSON.stringify({ asOf });
  const timestamp = String(Date.now());
  const n = `booking-nonce-${Date.now()}-${nonce++}`;
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
  for (const name of ['林红霞', '何春生', '刘淑芬', '王建国', '王志强', '赵振华']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    const user = await mongoose.connection.collection('users').findOne({ _id: new mongoose.Types.ObjectId(session.user.id) });
    openids[name] = user!.openid as string;
  }
});
afterAll(() => stack?.stop());

describe('the asked time', () => {
  it('must be in the future, within 60 days, between 8:00 and 18:00 Beijing time; otherwise nothing is written', async () => {
    const before = await count('cases');
    for (const at of [
      beijing(-1, '10:00'),
      beijing(61, '10:00'),
      beijing(3, '07:59'),
      beijing(3, '18:01'),
      `${beijingDate(3)}T23:00:00Z`, // 07:00 the next morning in Beijing
    ])
      expect(errorCode(await book(at))).toBe('400 CASE_TIME_INVALID');
    expect(await count('cases')).toBe(before);
    expect((await book(beijing(3, '08:00'))).status).toBe(201);
    expect((await book(beijing(59, '18:00'))).status).toBe(201);
    // 02:00 UTC is 10:00 in Beijing
    const utc = await book(`${beijingDate(4)}T02:00:00Z`);
    expect(utc.status).toBe(201);
    expect(utc.body.title).toMatch(/^\d+月\d+日 10:00 想当面咨询/);
  });

  it('a village without counsel cannot book (CASE_NO_COUNSEL)', async () => {
    const assignments = await call('listAssignments', { token: tokens['赵振华'], params: { countyCode: COUNTY }, query: {} });
    const target = assignments.body.items.find(
      (a: { endedAt: string | null; villageCode: string }) => a.endedAt === null && a.villageCode !== VILLAGE,
    );
    const ended = await call('endAssignment', {
      token: tokens['赵振华'],
      params: { countyCode: COUNTY, assignmentId: target.id },
      body: { reason: '顾问工作调动' },
    });
    expect(ended.status).toBe(200);
    const openid = `booking-no-counsel-${Date.now()}`;
    tokens['无顾问村民'] = await sessionByOpenid(stack, openid);
    expect((await call('bindVillage', { token: tokens['无顾问村民'], body: { villageCode: target.villageCode } })).status).toBe(
      200,
    );
    const before = await count('cases');
    expect(errorCode(await book(beijing(3, '10:00'), {}, '无顾问村民'))).toBe('409 CASE_NO_COUNSEL');
    expect(await count('cases')).toBe(before);
  });
});

describe('confirm, another time, accept, and the messages the villager gets', () => {
  it('the counsel confirms (the villager is told), proposes another time (told again), the villager accepts; kept, it is a ledger entry', async () => {
    await acceptNotice(stack, { token: tokens['林红霞']!, openid: openids['林红霞']! }, 'bookingUpdate', 2);
    const opened = await book(beijing(3, '10:00'));
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    expect(opened.body).toMatchObject({ kind: 'booking', status: 'open', tier: 'village' });
    expect(Date.parse(opened.body.scheduledAt)).toBe(Date.parse(beijing(3, '10:00')));
    const inbox = await call('caseInbox', { token: tokens['王建国'], query: { kind: 'booking' } });
    expect(inbox.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(errorCode(await view('刘淑芬', id))).toBe('404 CASE_NOT_FOUND'); // a mediator is no counsel
    expect(errorCode(await act('王志强', id, { act: 'confirm' }))).toBe('403 CASE_NOT_HANDLER');
    expect(errorCode(await act('林红霞', id, { act: 'confirm' }))).toBe('403 CASE_NOT_HANDLER');
    expect(errorCode(await act('王建国', id, { act: 'complete', text: '咨询', startAt: hoursAgo(2), endAt: hoursAgo(1) }))).toBe(
      '409 CASE_ACT_NOT_ALLOWED',
    );

    const confirmed = await act('王建国', id, { act: 'confirm' });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', handlerName: '王建国' });
    const [toldConfirmed] = messagesFor(id);
    expect(toldConfirmed).toMatchObject({ touser: openids['林红霞'], template_id: stack.config.noticeTemplates.bookingUpdate });
    expect(toldConfirmed!.data).toMatchObject({
      time2: { value: `${beijingDate(3)} 10:00` },
      phrase3: { value: '已确认' },
      thing4: { value: '王建国将按时与您见面' },
    });
    expect(toldConfirmed!.data.thing1!.value).toBe('想当面咨询土地承包合同续签的事');

    expect(errorCode(await act('王建国', id, { act: 'propose', at: beijing(4, '19:00') }))).toBe('400 CASE_TIME_INVALID');
    const proposed = await act('王建国', id, { act: 'propose', at: beijing(4, '15:00'), text: '周三上午开会，改到周四下午' });
    expect(proposed.body).toMatchObject({ status: 'waiting', dueAt: null });
    expect(Date.parse(proposed.body.scheduledAt)).toBe(Date.parse(beijing(4, '15:00')));
    expect(messagesFor(id)).toHaveLength(2);
    expect(messagesFor(id)[1]!.data).toMatchObject({
      time2: { value: `${beijingDate(4)} 15:00` },
      phrase3: { value: '改约待确认' },
      thing4: { value: '周三上午开会，改到周四下午' },
    });
    expect((await view('林红霞', id)).body.can).toEqual(['accept', 'cancel']);
    const accepted = await act('林红霞', id, { act: 'accept' });
    expect(accepted.body.status).toBe('confirmed');
    expect(messagesFor(id)).toHaveLength(2); // her own accept needs no message

    const before = await count('ledger_entries', { kind: 'consultation' });
    const complete = {
      act: 'complete',
      clientKey: key(),
      text: '讲解土地承包合同续签的条件和程序，建议保留原合同。',
      startAt: hoursAgo(3),
      endAt: hoursAgo(2),
    };
    const kept = await act('王建国', id, complete);
    expect(kept.body).toMatchObject({ status: 'done', outcome: 'kept' });
    expect((await act('王建国', id, complete)).status).toBe(200); // a retry
    expect(await count('ledger_entries', { kind: 'consultation' })).toBe(before + 1);
    const entries = (await call('myLedgerEntries', { token: tokens['王建国'], query: {} })).body.items;
    const entry = entries.find((e: { summary: string }) => e.summary.includes('讲解土地承包合同续签'));
    expect(entry).toMatchObject({ kind: 'consultation', villageCode: VILLAGE, minutes: 60 });
    expect(entry.summary).toContain('预约服务（林红霞）');
    const rated = await call('rateCase', {
      token: tokens['林红霞'],
      params: { caseId: id },
      body: { attitude: 5, efficiency: 5, competence: 5 },
    });
    expect(rated.status).toBe(200);
  });

  it('either side may cancel; a cancelled booking is not rated', async () => {
    const first = (await book(beijing(5, '09:30'))).body.id;
    await act('王建国', first, { act: 'confirm' });
    const byVillager = await act('林红霞', first, { act: 'cancel', text: '家里有事去不了' });
    expect(byVillager.body).toMatchObject({ status: 'done', outcome: 'cancelled' });
    const rated = await call('rateCase', {
      token: tokens['林红霞'],
      params: { caseId: first },
      body: { attitude: 5, efficiency: 5, competence: 5 },
    });
    expect(errorCode(rated)).toBe('409 CASE_ACT_NOT_ALLOWED');
    const second = (await book(beijing(5, '14:00'))).body.id;
    const byCounsel = await act('王建国', second, { act: 'cancel', text: '当天需出庭，请另约时间' });
    expect(byCounsel.body).toMatchObject({ status: 'done', outcome: 'cancelled', handlerName: '王建国' });
    expect((await view('林红霞', second)).body.steps.at(-1)).toMatchObject({ kind: 'cancel', text: '当天需出庭，请另约时间' });
    expect(errorCode(await act('王建国', second, { act: 'confirm' }))).toBe('409 CASE_DONE');
  });

  it('a no-show ends it as no_show; confirm and cancel at the same moment: each recorded once in order, or refused as done', async () => {
    const id = (await book(beijing(6, '10:00'))).body.id;
    await act('王建国', id, { act: 'confirm' });
    expect((await act('王建国', id, { act: 'no_show' })).body).toMatchObject({ status: 'done', outcome: 'no_show' });
    expect(errorCode(await act('王建国', id, { act: 'complete', text: '补记', startAt: hoursAgo(2), endAt: hoursAgo(1) }))).toBe(
      '409 CASE_DONE',
    );

    const raced = (await book(beijing(6, '11:00'))).body.id;
    const [confirm, cancel] = await Promise.all([
      act('王建国', raced, { act: 'confirm' }),
      act('林红霞', raced, { act: 'cancel', text: '不需要了' }),
    ]);
    expect([confirm.status, cancel.status]).toContain(200);
    const after = (await view('林红霞', raced)).body;
    const kinds = after.steps.map((s: { kind: string }) => s.kind);
    // a cancel after the confirm is also allowed, so both may land in order; never a step lost or doubled
    expect(kinds.slice(1).length).toBe([confirm, cancel].filter((r) => r.status === 200).length);
    expect(new Set(after.steps.map((s: { n: number }) => s.n)).size).toBe(after.steps.length);
    if (confirm.status !== 200) expect(errorCode(confirm)).toBe('409 CASE_DONE');
  });
});

describe('time limits', () => {
  it('confirm within the county’s bookingConfirmHours; once agreed, record it by a day after the time', async () => {
    const opened = (await book(beijing(7, '10:00'))).body;
    expect(Date.parse(opened.dueAt) - Date.parse(opened.createdAt)).toBe(24 * HOUR);
    const update = (body: Record<string, unknown>) =>
      call('updateCountyPolicy', { token: tokens['赵振华'], params: { countyCode: COUNTY }, body });
    expect((await update({ bookingConfirmHours: 48 })).status).toBe(200);
    try {
      const seen = (await view('王建国', opened.id)).body;
      expect(Date.parse(seen.dueAt) - Date.parse(seen.createdAt)).toBe(48 * HOUR);
    } finally {
      await update({ bookingConfirmHours: 24 });
    }
    const confirmed = (await act('王建国', opened.id, { act: 'confirm' })).body;
    expect(Date.parse(confirmed.dueAt)).toBe(Date.parse(beijing(7, '10:00')) + DAY);
    expect(confirmed.overdue).toBe(false);
  });
});

describe('the day before', () => {
  it('the daily run reminds the villager and the counsel once each, the day before the agreed time only', async () => {
    await acceptNotice(stack, { token: tokens['林红霞']!, openid: openids['林红霞']! }, 'bookingUpdate', 2);
    await acceptNotice(stack, { token: tokens['王建国']!, openid: openids['王建国']! }, 'bookingUpdate', 1);
    const id = (await book(beijing(20, '09:00'))).body.id;
    await act('王建国', id, { act: 'confirm' });
    const afterConfirm = messagesFor(id).length;
    expect(afterConfirm).toBe(1);

    const early = await runReminders(beijing(18, '09:00'));
    expect(early.status).toBe(200);
    expect(messagesFor(id)).toHaveLength(afterConfirm);

    const eve = await runReminders(beijing(19, '09:00'));
    expect(eve.status).toBe(200);
    expect(eve.body.bookings).toMatchObject({ reminded: 1, sent: 2, failed: 0, skipped: 0, alreadyReminded: 0 });
    const reminders = messagesFor(id).slice(afterConfirm);
    expect(reminders.map((m) => m.touser).sort()).toEqual([openids['林红霞'], openids['王建国']].sort());
    for (const m of reminders)
      expect(m.data).toMatchObject({ time2: { value: `${beijingDate(20)} 09:00` }, phrase3: { value: '明天见面' } });
    expect(reminders.find((m) => m.touser === openids['林红霞'])!.data.thing4!.value).toBe('明天与法律顾问王建国见面');
    expect(reminders.find((m) => m.touser === openids['王建国'])!.data.thing4!.value).toBe('明天为村民林红霞服务');

    const again = await runReminders(beijing(19, '16:00'));
    expect(again.body.bookings).toMatchObject({ reminded: 1, sent: 0, alreadyReminded: 2 });
    expect(messagesFor(id)).toHaveLength(afterConfirm + 2);
  });

  it('someone who did not turn the reminder on is skipped, and reminded by a later run once they do', async () => {
    const id = (await book(beijing(25, '10:00'))).body.id;
    await act('王建国', id, { act: 'confirm' }); // she has no send left: skipped, nothing delivered
    const before = messagesFor(id).length;
    const eve = await runReminders(beijing(24, '08:00'));
    expect(eve.body.bookings).toMatchObject({ reminded: 1, sent: 0, skipped: 2 });
    expect(messagesFor(id)).toHaveLength(before);
    await acceptNotice(stack, { token: tokens['林红霞']!, openid: openids['林红霞']! }, 'bookingUpdate', 1);
    const later = await runReminders(beijing(24, '12:00'));
    expect(later.body.bookings).toMatchObject({ reminded: 1, sent: 1, skipped: 1 });
    expect(messagesFor(id).map((m) => m.touser)).toEqual([openids['林红霞']]);
  });
});

describe('bad input', () => {
  it('wrong kind fields or act fields: 400 in Chinese, nothing written', async () => {
    const id = (await book(beijing(8, '10:00'))).body.id;
    const [cases, steps] = await Promise.all([count('cases'), count('case_steps')]);
    const refusals = [
      await book('明天上午'),
      await book(beijing(8, '10:00'), { topic: '' }),
      await book(beijing(8, '10:00'), { disputeKind: 'land' }), // a mediation's field
      await book(beijing(8, '10:00'), { kind: 'appointment' }),
      await act('王建国', id, { act: 'confirm', at: beijing(9, '10:00') }),
      await act('王建国', id, { act: 'propose' }),
      await act('王建国', id, { act: 'cancel' }), // a reason is required
      await act('王建国', id, { act: 'complete', text: '咨询服务', startAt: hoursAgo(2) }),
      await act('王建国', id, { act: 'reschedule', at: beijing(9, '10:00') }),
    ];
    for (const res of refusals) {
      expect(errorCode(res)).toBe('400 VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await Promise.all([count('cases'), count('case_steps')])).toEqual([cases, steps]);
  });
});
