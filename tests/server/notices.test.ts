/**
 * Subscribe-message consent over real HTTP (issue 13 item 5): what a tap returned is recorded,
 * the person sees each notice on (with sends left) or off, and every send goes through one gate —
 * no accepted send, no call to WeChat (recorded as skipped); one accept, one send, also when many
 * notices race for it; WeChat's 43101 voids what was left.
 */
import mongoose from 'mongoose';
import dayjs from 'dayjs';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { acceptNotice } from '../support/notices';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const openids: Record<string, string> = {};
const VILLAGE = '210921001001';
const TOWNSHIP = '210921001';
let n = 0;
const key = () => `notice-${Date.now().toString(36)}-${n++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const template = (k: keyof Stack['config']['noticeTemplates']) => stack.config.noticeTemplates[k];
const mine = async (who: string) =>
  Object.fromEntries(
    ((await call('myNotices', { token: tokens[who] })).body.items as { key: string }[]).map((item) => [item.key, item]),
  );
const record = (who: string, results: Record<string, unknown>, clientKey = key()) =>
  call('recordNotices', { token: tokens[who], body: { clientKey, results } });
const sendCalls = () => stack.wechat!.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send');
const sends = (filter: Record<string, unknown>) => mongoose.connection.collection('notice_sends').find(filter).toArray();
const consentCount = () => mongoose.connection.collection('notice_consents').countDocuments();

async function askAndAnswer(question: string) {
  const asked = await call('askConsultation', { token: tokens['林红霞'], body: { clientKey: key(), question } });
  expect(asked.status).toBe(201);
  const answered = await call('answerConsultation', {
    token: tokens['王建国'],
    params: { consultationId: asked.body.id },
    body: { clientKey: key(), text: '建议先与对方协商，协商不成可申请村调委会调解。' },
  });
  expect(answered.status).toBe(200);
  return asked.body.id as string;
}

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '王志强']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    const user = await mongoose.connection.collection('users').findOne({ _id: new mongoose.Types.ObjectId(session.user.id) });
    openids[name] = user!.openid as string;
  }
});
afterAll(() => stack?.stop());

describe('what the person sees and what their tap records', () => {
  it('a villager has the answer, join, booking and lecture notices, a counsel also the ledger ones; all off until asked', async () => {
    const villager = await mine('林红霞');
    expect(Object.keys(villager)).toEqual(['consultationAnswered', 'joinDecided', 'bookingUpdate', 'lectureUpdate']);
    expect(villager.consultationAnswered).toEqual({
      key: 'consultationAnswered',
      label: '咨询答复提醒',
      when: '您的咨询有了答复时',
      templateId: template('consultationAnswered'),
      status: 'off',
      quota: 0,
      lastRefusedAt: null,
    });
    const counsel = await mine('王建国');
    expect(Object.keys(counsel)).toEqual([
      'consultationAnswered',
      'ledgerReviewed',
      'monthEndReminder',
      'joinDecided',
      'bookingUpdate',
      'lectureUpdate',
    ]);
    expect(counsel.monthEndReminder).toMatchObject({ templateId: template('monthEndReminder'), status: 'off', quota: 0 });
  });

  it('records each result of a tap (who, when, template, result); an accept is one send, a refusal shows when', async () => {
    const before = Date.now();
    const res = await record('王建国', { [template('ledgerReviewed')]: 'accept', [template('monthEndReminder')]: 'reject' });
    expect(res.status).toBe(200);
    const items = Object.fromEntries(res.body.items.map((i: { key: string }) => [i.key, i]));
    expect(items.ledgerReviewed).toMatchObject({ status: 'on', quota: 1, lastRefusedAt: null });
    expect(items.monthEndReminder).toMatchObject({ status: 'off', quota: 0 });
    expect(Date.parse(items.monthEndReminder.lastRefusedAt)).toBeGreaterThanOrEqual(before - 1000);
    const rows = await mongoose.connection
      .collection('notice_consents')
      .find({ userId: new mongoose.Types.ObjectId((await demoLogin(stack.baseUrl, '王建国')).user.id) })
      .toArray();
    expect(rows.map((r) => [r.templateId, r.result]).sort()).toEqual(
      [
        [template('ledgerReviewed'), 'accept'],
        [template('monthEndReminder'), 'reject'],
      ].sort(),
    );
    expect(rows.every((r) => r.at instanceof Date && r.at.getTime() >= before - 1000)).toBe(true);

    // a second tap accepting adds a send; the same tap resent adds nothing
    const tap = key();
    expect((await record('王建国', { [template('ledgerReviewed')]: 'accept' }, tap)).body.items[1].quota).toBe(2);
    expect((await record('王建国', { [template('ledgerReviewed')]: 'accept' }, tap)).body.items[1].quota).toBe(2);
    // ban and filter (turned off in WeChat's settings, or filtered) are refusals too
    await record('王建国', { [template('monthEndReminder')]: 'ban' });
    expect((await mine('王建国')).monthEndReminder).toMatchObject({ status: 'off', quota: 0 });
  });

  it('refuses bad input with 400 and records nothing', async () => {
    const before = await consentCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ clientKey: key(), results: { 'no-such-template': 'accept' } }, '400 NOTICE_TEMPLATE_UNKNOWN'],
      // one unknown template refuses the whole tap, also the known one beside it
      [
        { clientKey: key(), results: { [template('consultationAnswered')]: 'accept', other: 'accept' } },
        '400 NOTICE_TEMPLATE_UNKNOWN',
      ],
      [{ clientKey: key(), results: { [template('consultationAnswered')]: 'maybe' } }, '400 VALIDATION_FAILED'],
      [{ clientKey: key(), results: {} }, '400 VALIDATION_FAILED'],
      [{ clientKey: key(), results: { a: 'accept', b: 'accept', c: 'accept', d: 'accept' } }, '400 VALIDATION_FAILED'],
      [{ clientKey: key(), results: { '': 'accept' } }, '400 NOTICE_TEMPLATE_UNKNOWN'],
      [{ results: { [template('consultationAnswered')]: 'accept' } }, '400 VALIDATION_FAILED'],
      [{ clientKey: key(), results: { [template('consultationAnswered')]: 'accept' }, extra: 1 }, '400 VALIDATION_FAILED'],
    ];
    for (const [body, expected] of cases) {
      expect(errorCode(await call('recordNotices', { token: tokens['林红霞'], body }))).toBe(expected);
    }
    expect(errorCode(await call('recordNotices', { body: cases[0]![0] }))).toBe('401 UNAUTHENTICATED');
    expect(await consentCount()).toBe(before);
    expect((await mine('林红霞')).consultationAnswered).toMatchObject({ status: 'off', quota: 0 });
  });
});

describe('the gate every send goes through', () => {
  it('without an accepted send nothing goes to WeChat: the notice is recorded as skipped', async () => {
    const calls = sendCalls().length;
    // WeChat would even deliver: it is our own record that must hold the send back
    stack.wechat!.grantSubscription(openids['林红霞']!, template('consultationAnswered'));
    const id = await askAndAnswer('没有订阅：邻居家的树挡住了我家的光，怎么办？');
    expect(sendCalls().length).toBe(calls);
    const [skipped] = await sends({ ref: { $regex: `^consultation:${id}:` } });
    expect(skipped).toMatchObject({ key: 'consultationAnswered', status: 'skipped', reason: 'not subscribed' });
    const notice = await mongoose.connection
      .collection('consultation_notices')
      .findOne({ consultationId: new mongoose.Types.ObjectId(id) });
    expect(notice?.status).toBe('skipped');
    stack.wechat!.grantSubscription(openids['林红霞']!, template('consultationAnswered'), -1);
  });

  it('one accept, one send: the next notice is skipped and the person sees the notice off again', async () => {
    await acceptNotice(stack, { token: tokens['林红霞']!, openid: openids['林红霞']! }, 'consultationAnswered');
    expect((await mine('林红霞')).consultationAnswered).toMatchObject({ status: 'on', quota: 1 });
    const delivered = stack.wechat!.messages.length;
    const first = await askAndAnswer('订阅一次：承包地流转合同怎么写？');
    expect(stack.wechat!.messages.slice(delivered)).toEqual([
      expect.objectContaining({
        touser: openids['林红霞'],
        template_id: template('consultationAnswered'),
        page: `consult/thread/index?id=${first}`,
      }),
    ]);
    expect((await mine('林红霞')).consultationAnswered).toMatchObject({ status: 'off', quota: 0 });
    const calls = sendCalls().length;
    const second = await askAndAnswer('订阅一次：第二个问题，赡养费怎么算？');
    expect(sendCalls().length).toBe(calls);
    expect(stack.wechat!.messages.length).toBe(delivered + 1);
    expect((await sends({ ref: { $regex: `^consultation:${second}:` } }))[0]).toMatchObject({ status: 'skipped' });
  });

  it('notices racing for one accept: exactly one is sent', async () => {
    await acceptNotice(stack, { token: tokens['林红霞']!, openid: openids['林红霞']! }, 'consultationAnswered');
    // WeChat would let five through: only our quota can stop the other four
    stack.wechat!.grantSubscription(openids['林红霞']!, template('consultationAnswered'), 4);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const asked = await call('askConsultation', {
        token: tokens['林红霞'],
        body: { clientKey: key(), question: `并发测试问题 ${i}：借条怎么写？` },
      });
      ids.push(asked.body.id);
    }
    const delivered = stack.wechat!.messages.length;
    const answers = await Promise.all(
      ids.map((id) =>
        call('answerConsultation', {
          token: tokens['王建国'],
          params: { consultationId: id },
          body: { clientKey: key(), text: '写明金额、期限和双方签名。' },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(stack.wechat!.messages.length - delivered).toBe(1);
    const outcomes = (await Promise.all(ids.map((id) => sends({ ref: { $regex: `^consultation:${id}:` } })))).flat();
    expect(outcomes.map((o) => o.status).sort()).toEqual(['sent', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect((await mine('林红霞')).consultationAnswered).toMatchObject({ status: 'off', quota: 0 });
    stack.wechat!.grantSubscription(openids['林红霞']!, template('consultationAnswered'), -4);
  });

  it("WeChat's 43101 (refused since, in WeChat's settings) voids every send we thought was left", async () => {
    const who = { token: tokens['林红霞']!, openid: openids['林红霞']! };
    await acceptNotice(stack, who, 'consultationAnswered', 3);
    expect((await mine('林红霞')).consultationAnswered).toMatchObject({ quota: 3 });
    stack.wechat!.refusedSubscribers.add(who.openid);
    try {
      const id = await askAndAnswer('43101 测试：工资被拖欠怎么办？');
      expect((await sends({ ref: { $regex: `^consultation:${id}:` } }))[0]).toMatchObject({ status: 'failed', errcode: 43101 });
    } finally {
      stack.wechat!.refusedSubscribers.delete(who.openid);
    }
    expect((await mine('林红霞')).consultationAnswered).toMatchObject({ status: 'off', quota: 0 });
    const calls = sendCalls().length;
    await askAndAnswer('43101 之后：再问一个问题，不应再发通知');
    expect(sendCalls().length).toBe(calls);
  });

  it('a returned ledger entry tells the counsel who turned the notice on', async () => {
    await acceptNotice(stack, { token: tokens['王建国']!, openid: openids['王建国']! }, 'ledgerReviewed');
    const day = dayjs().subtract(1, 'day').hour(9).minute(0).second(0);
    const entry = await call('submitLedgerEntry', {
      token: tokens['王建国'],
      body: {
        clientKey: key(),
        villageCode: VILLAGE,
        kind: 'on_site_duty',
        startAt: day.format(),
        endAt: day.add(2, 'hour').format(),
        summary: '驻村值班',
      },
    });
    expect(entry.status).toBe(201);
    const delivered = stack.wechat!.messages.length;
    const reviewed = await call('reviewLedgerEntry', {
      token: tokens['王志强'],
      params: { townshipCode: TOWNSHIP, entryId: entry.body.id },
      body: { decision: 'return', reason: '请补充服务对象' },
    });
    expect(reviewed.status).toBe(200);
    const [message] = stack.wechat!.messages.slice(delivered);
    expect(message).toMatchObject({
      touser: openids['王建国'],
      template_id: template('ledgerReviewed'),
      page: 'ledger/entries/index',
    });
    expect(message!.data.phrase2!.value).toBe('已退回');
    expect(message!.data.thing3!.value).toBe('请补充服务对象');
    expect(stack.wechat!.messages.length).toBe(delivered + 1);
  });

  it('a decided join request tells the person who turned the notice on', async () => {
    const openid = `notice-joiner-${Date.now()}`;
    stack.wechat!.issueCode(`${openid}-code`, { openid });
    const login = await call('wechatLogin', { body: { code: `${openid}-code` } });
    const token = login.body.token as string;
    expect((await call('bindVillage', { token, body: { villageCode: VILLAGE } })).status).toBe(200);
    await acceptNotice(stack, { token, openid }, 'joinDecided');
    expect((await call('joinGroup', { token, params: { groupCode: VILLAGE }, body: {} })).body).toEqual({ standing: 'pending' });
    const delivered = stack.wechat!.messages.length;
    const decided = await call('decideJoinRequest', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, userId: login.body.user.id },
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    const [message] = stack.wechat!.messages.slice(delivered);
    expect(message).toMatchObject({
      touser: openid,
      template_id: template('joinDecided'),
      page: `groups/chat/index?code=${VILLAGE}`,
    });
    expect(message!.data.phrase2!.value).toBe('已通过');
    expect(message!.data.thing1!.value).toContain('工作群');
  });
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
