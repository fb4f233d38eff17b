/**
 * Consultations over real HTTP on the embedded database (docs/domain.md R8–R10; issue rules 5, 6):
 * first-contact ownership, escalation village → township → county with a visible trail,
 * deadlines from the county policy and the township's overdue list, one rating per
 * consultation, and who may see what.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { acceptNotice } from '../support/notices';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const VILLAGE = '210921001001';
const TOWNSHIP = '210921001';
const COUNTY = '210921';
const HOUR = 3600_000;

let keyCounter = 0;
const key = () => `c-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;

const ask = (who: string, question: string, clientKey = key()) =>
  call('askConsultation', { token: tokens[who], body: { clientKey, question } });
const view = (who: string, id: string) => call('consultation', { token: tokens[who], params: { consultationId: id } });
const answer = (who: string, id: string, text = '建议先由村调委会调解。') =>
  call('answerConsultation', { token: tokens[who], params: { consultationId: id }, body: { clientKey: key(), text } });
const escalate = (who: string, id: string, reason: string) =>
  call('escalateConsultation', { token: tokens[who], params: { consultationId: id }, body: { reason } });
const close = (who: string, id: string) =>
  call('closeConsultation', { token: tokens[who], params: { consultationId: id }, body: {} });
const rate = (who: string, id: string, body: Record<string, unknown> = { attitude: 5, efficiency: 4, competence: 5 }) =>
  call('rateConsultation', { token: tokens[who], params: { consultationId: id }, body });
const inboxIds = async (who: string, status = 'active') =>
  (await call('consultationInbox', { token: tokens[who], query: { status } })).body.items.map((c: { id: string }) => c.id);

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of ['consultations', 'consultation_steps', 'consultation_ratings'])
    result[name] = await mongoose.connection.collection(name).countDocuments();
  return result;
}

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '何春生', '王建国', '李建国', '王志强', '李志强', '赵振华', '孙雅琴']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    ids[name] = session.user.id;
  }
  // a second counsel for the village, so first contact is a real race
  const assigned = await call('assignCounsel', {
    token: tokens['赵振华'],
    params: { countyCode: COUNTY },
    body: { counselId: ids['李建国'], villageCode: VILLAGE },
  });
  expect(assigned.status).toBe(201);
  tokens['李建国'] = (await demoLogin(stack.baseUrl, '李建国')).token;
  // 何春生 lives in another township's village
  await call('bindVillage', { token: tokens['何春生'], body: { villageCode: '210921100202' } });
  tokens['何春生'] = (await demoLogin(stack.baseUrl, '何春生')).token;
});
afterAll(() => stack?.stop());

describe('asking', () => {
  it('a villager asks; both counsel of the village see it unowned, with deadlines of 24 hours and 7 days', async () => {
    const before = Date.now();
    const res = await ask('林红霞', '邻居把我家的宅基地占了一米，应该怎么办？');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tier: 'village', status: 'open', handlerName: null, source: 'direct', overdue: false });
    const firstDue = Date.parse(res.body.firstResponseDueAt);
    expect(firstDue - before).toBeGreaterThanOrEqual(24 * HOUR - 5000);
    expect(firstDue - before).toBeLessThanOrEqual(24 * HOUR + 5000);
    expect(Date.parse(res.body.closeDueAt) - Date.parse(res.body.firstResponseDueAt)).toBe(6 * 24 * HOUR);
    expect(res.body.steps.map((s: { kind: string }) => s.kind)).toEqual(['asked']);
    expect(await inboxIds('王建国')).toContain(res.body.id);
    expect(await inboxIds('李建国')).toContain(res.body.id);
    expect(await inboxIds('王志强')).not.toContain(res.body.id); // not the township's until escalated
  });

  it('the same ask sent twice (a retry) is recorded once; a reused key with another question is refused', async () => {
    const clientKey = key();
    const [a, b] = await Promise.all([
      ask('林红霞', '土地流转合同没到期能收回吗？', clientKey),
      ask('林红霞', '土地流转合同没到期能收回吗？', clientKey),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await mongoose.connection.collection('consultations').countDocuments({ clientKey })).toBe(1);
    expect(errorCode(await ask('林红霞', '另一个问题，完全不同的内容', clientKey))).toBe('409 CONSULTATION_KEY_REUSED');
  });

  it('the county policy sets the time limits of new consultations', async () => {
    const policy = await call('updateCountyPolicy', {
      token: tokens['赵振华'],
      params: { countyCode: COUNTY },
      body: { firstResponseHours: 4, closureDays: 3 },
    });
    expect(policy.body).toMatchObject({ firstResponseHours: 4, closureDays: 3 });
    const res = await ask('林红霞', '打工工资被拖欠三个月怎么办？');
    expect(Date.parse(res.body.firstResponseDueAt) - Date.parse(res.body.updatedAt)).toBe(4 * HOUR);
    expect(Date.parse(res.body.closeDueAt) - Date.parse(res.body.updatedAt)).toBe(3 * 24 * HOUR);
    await call('updateCountyPolicy', {
      token: tokens['赵振华'],
      params: { countyCode: COUNTY },
      body: { firstResponseHours: 24, closureDays: 7 },
    });
  });

  it('staff and counsel cannot ask as villagers; bad questions are refused and change nothing', async () => {
    const before = await counts();
    expect(errorCode(await ask('王建国', '顾问自己能提问吗？这是测试'))).toBe('403 FORBIDDEN');
    expect(errorCode(await ask('林红霞', '短'))).toBe('400 VALIDATION_FAILED');
    expect(errorCode(await ask('林红霞', '长'.repeat(2001)))).toBe('400 VALIDATION_FAILED');
    const injected = await call('askConsultation', {
      token: tokens['林红霞'],
      body: { clientKey: key(), question: { $gt: '' } },
    });
    expect(errorCode(injected)).toBe('400 FORBIDDEN_KEY');
    expect(await counts()).toEqual(before);
  });
});

describe('rule 5: first contact, escalation, trail', () => {
  let id: string;
  beforeAll(async () => {
    id = (await ask('林红霞', '村里征地补偿款分配不公平，我家少分了，怎么维权？')).body.id;
  });

  it('two counsel answer at once: exactly one owns it, the other is told it is taken and no longer sees it', async () => {
    const [a, b] = await Promise.all([answer('王建国', id, '王建国的答复'), answer('李建国', id, '李建国的答复')]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('CONSULTATION_OWNED_BY_OTHER');
    const winner = a.status === 200 ? '王建国' : '李建国';
    const other = winner === '王建国' ? '李建国' : '王建国';
    const detail = await view('林红霞', id);
    expect(detail.body.handlerName).toBe(winner);
    expect(detail.body.steps.filter((s: { kind: string }) => s.kind === 'answered')).toHaveLength(1);
    expect(errorCode(await view(other, id))).toBe('404 CONSULTATION_NOT_FOUND');
    expect(await inboxIds(other)).not.toContain(id);
    // make 王建国 the owner for the rest of this story
    if (winner !== '王建国') {
      id = (await ask('林红霞', '村里征地补偿款分配不公平，第二次提问')).body.id;
      expect((await answer('王建国', id, '王建国的答复')).status).toBe(200);
    }
  });

  it('the asker follows up; the owner escalates to the township with a reason; the township answers', async () => {
    const follow = await call('followUpConsultation', {
      token: tokens['林红霞'],
      params: { consultationId: id },
      body: { clientKey: key(), text: '村委会不同意调解，怎么办？' },
    });
    expect(follow.body.status).toBe('open');
    expect(errorCode(await escalate('李建国', id, '我来提交'))).toBe('409 CONSULTATION_OWNED_BY_OTHER');
    const up = await escalate('王建国', id, '涉及征地补偿，需司法所协调');
    expect(up.body).toMatchObject({ tier: 'township', handlerName: null, status: 'open' });
    // the former owner still sees the case but no longer acts on it
    const former = await view('王建国', id);
    expect(former.body.can).toEqual({ answer: false, escalate: false, close: false, followUp: false, rate: false });
    expect(errorCode(await answer('王建国', id))).toBe('403 CONSULTATION_NOT_HANDLER');
    expect(await inboxIds('王建国')).not.toContain(id);
    expect(await inboxIds('王志强')).toContain(id);
    expect(await inboxIds('李志强')).not.toContain(id);

    const answered = await answer('王志强', id, '请携带分配方案到司法所，我们组织协调。');
    expect(answered.body).toMatchObject({ tier: 'township', status: 'answered', handlerName: '王志强' });
  });

  it('the township escalates to the county; a county expert answers; the county cannot escalate further', async () => {
    expect((await escalate('王志强', id, '涉及全镇多户，属重大复杂事项')).body.tier).toBe('county');
    expect(await inboxIds('孙雅琴')).toContain(id);
    expect((await answer('孙雅琴', id, '县局已组织专家研判，建议走行政复议。')).status).toBe(200);
    expect(errorCode(await escalate('孙雅琴', id, '再往上'))).toBe('409 CONSULTATION_TOP_TIER');
  });

  it('the asker sees the whole trail: who, with which role, and why it went up', async () => {
    const detail = await view('林红霞', id);
    const trail = detail.body.steps.map(
      (s: { kind: string; byName: string; byRole: string; reason: string | null; toTier: string | null }) => [
        s.kind,
        s.byName,
        s.byRole,
        s.reason,
        s.toTier,
      ],
    );
    expect(trail[0]).toEqual(['asked', '林红霞', '村（居）民', null, 'village']);
    expect(trail.slice(-5)).toEqual([
      ['followed_up', '林红霞', '村（居）民', null, null],
      ['escalated', '王建国', '村（居）法律顾问', '涉及征地补偿，需司法所协调', 'township'],
      ['answered', '王志强', '司法所工作人员', null, null],
      ['escalated', '王志强', '司法所工作人员', '涉及全镇多户，属重大复杂事项', 'county'],
      ['answered', '孙雅琴', '县级专家', null, null],
    ]);
    expect(detail.body.can).toMatchObject({ followUp: true, close: true, rate: false, answer: false });
  });

  it('closing, then one rating only by the asker; nothing more after closing', async () => {
    expect(errorCode(await rate('林红霞', id))).toBe('409 CONSULTATION_NOT_CLOSED');
    expect((await close('林红霞', id)).body.status).toBe('closed');
    expect(errorCode(await answer('孙雅琴', id))).toBe('409 CONSULTATION_CLOSED');
    expect(errorCode(await rate('孙雅琴', id))).toBe('403 CONSULTATION_NOT_ASKER');
    expect(errorCode(await rate('林红霞', id, { attitude: 6, efficiency: 4, competence: 5 }))).toBe('400 VALIDATION_FAILED');
    const [a, b] = await Promise.all([rate('林红霞', id), rate('林红霞', id, { attitude: 1, efficiency: 1, competence: 1 })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const detail = await view('林红霞', id);
    expect(detail.body.rated).toBe(true);
    expect(await mongoose.connection.collection('consultation_ratings').countDocuments({})).toBe(1);
    const stored = await mongoose.connection.collection('consultation_ratings').findOne({});
    const winner = a.status === 201 ? [5, 4, 5] : [1, 1, 1];
    expect([detail.body.rating.attitude, detail.body.rating.efficiency, detail.body.rating.competence]).toEqual(winner);
    expect([stored!.attitude, stored!.efficiency, stored!.competence]).toEqual(winner);
    expect(detail.body.steps.at(-1).kind).toBe('rated');
    expect(errorCode(await rate('林红霞', id))).toBe('409 CONSULTATION_ALREADY_RATED');
    expect(await inboxIds('孙雅琴', 'closed')).toContain(id);
  });

  it('a counsel who hands a question on without answering can still open it', async () => {
    const fresh = (await ask('林红霞', '宅基地确权登记要什么材料？')).body.id;
    expect((await escalate('王建国', fresh, '需要司法所核实材料')).status).toBe(200);
    const again = await view('王建国', fresh);
    expect(again.status).toBe(200);
    expect(again.body.can.answer).toBe(false);
  });

  it('a handler closes after answering; not before', async () => {
    const fresh = (await ask('林红霞', '离婚后孩子抚养费标准是多少？')).body.id;
    expect(errorCode(await close('王建国', fresh))).toBe('403 CONSULTATION_NOT_HANDLER');
    await answer('王建国', fresh, '一般为月收入的20%至30%。');
    expect((await close('王建国', fresh)).body.status).toBe('closed');
  });
});

describe('rule 6: privacy', () => {
  let id: string;
  beforeAll(async () => {
    id = (await ask('林红霞', '家里老人的遗嘱怎样才有效？')).body.id;
  });

  it('another villager, another township and the wrong tier see nothing (404, not 403: ids reveal nothing)', async () => {
    for (const who of ['何春生', '李志强', '孙雅琴'])
      expect(`${who} ${errorCode(await view(who, id))}`).toBe(`${who} 404 CONSULTATION_NOT_FOUND`);
    expect(errorCode(await answer('李志强', id))).toBe('404 CONSULTATION_NOT_FOUND');
  });

  it('the jurisdiction staff (township, county) see it; lists show masked phones only', async () => {
    expect((await view('王志强', id)).status).toBe(200);
    expect((await view('赵振华', id)).status).toBe(200);
    const inbox = await call('consultationInbox', { token: tokens['王建国'] });
    const text = JSON.stringify(inbox.body);
    expect(text).not.toContain('17000000102');
    expect(inbox.body.items.find((c: { id: string }) => c.id === id).askerPhoneMasked).toBe('170****0102');
    const mine = await call('myConsultations', { token: tokens['何春生'] });
    expect(mine.body.items).toEqual([]);
  });

  it('unknown and malformed ids are refused with 4xx and nothing is written', async () => {
    const before = await counts();
    expect(errorCode(await view('林红霞', '0123456789abcdef01234567'))).toBe('404 CONSULTATION_NOT_FOUND');
    expect(errorCode(await answer('王建国', '0123456789abcdef01234567'))).toBe('404 CONSULTATION_NOT_FOUND');
    expect(errorCode(await view('林红霞', 'nope'))).toBe('400 VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
  });
});

describe('deadlines: the township sees what is overdue', () => {
  it('lists open consultations past their first-response or closing time, only in their township', async () => {
    const late = (await ask('林红霞', '超时未答复的咨询示例问题')).body.id;
    const answeredLate = (await ask('林红霞', '已答复但超时未办结的咨询')).body.id;
    const onTime = (await ask('林红霞', '按时处理的咨询示例问题')).body.id;
    await answer('王建国', answeredLate, '已答复。');
    // age the first two: they were asked 8 days ago
    const consultations = mongoose.connection.collection('consultations');
    const past = (ms: number) => new Date(Date.now() - ms);
    for (const id of [late, answeredLate]) {
      await consultations.updateOne(
        { _id: new mongoose.Types.ObjectId(id) },
        { $set: { createdAt: past(8 * 24 * HOUR), firstResponseDueAt: past(7 * 24 * HOUR), closeDueAt: past(24 * HOUR) } },
      );
    }
    const overdue = await call('overdueConsultations', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
    const listed = overdue.body.items.map((c: { id: string }) => c.id);
    expect(listed).toEqual(expect.arrayContaining([late, answeredLate]));
    expect(listed).not.toContain(onTime);
    expect(overdue.body.items.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
    const inbox = await call('consultationInbox', { token: tokens['王建国'] });
    expect(inbox.body.items.find((c: { id: string }) => c.id === late).overdue).toBe(true);
    expect(inbox.body.items.find((c: { id: string }) => c.id === onTime).overdue).toBe(false);
    const elsewhere = await call('overdueConsultations', { token: tokens['李志强'], params: { townshipCode: '210921100' } });
    expect(elsewhere.body.items.map((c: { id: string }) => c.id)).not.toContain(late);
    expect(errorCode(await call('overdueConsultations', { token: tokens['李志强'], params: { townshipCode: TOWNSHIP } }))).toBe(
      '403 OUT_OF_JURISDICTION',
    );
    await close('林红霞', late);
    const afterClose = await call('overdueConsultations', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
    expect(afterClose.body.items.map((c: { id: string }) => c.id)).not.toContain(late);
  });
});

describe('a village without a counsel', () => {
  it('the township office is the front desk', async () => {
    const assignments = await call('listAssignments', {
      token: tokens['赵振华'],
      params: { countyCode: COUNTY },
      query: { villageCode: '210921100202' },
    });
    for (const a of assignments.body.items.filter((x: { endedAt: string | null }) => !x.endedAt)) {
      await call('endAssignment', {
        token: tokens['赵振华'],
        params: { countyCode: COUNTY, assignmentId: a.id },
        body: { reason: '顾问调离' },
      });
    }
    const res = await ask('何春生', '本村没有法律顾问了，我想咨询合同纠纷');
    expect(res.body.tier).toBe('township');
    expect(res.body.steps[0].reason).toContain('司法所受理');
    expect(await inboxIds('李志强')).toContain(res.body.id);
  });
});

describe('the asker is told of an answer (subscribe message)', () => {
  it('one message per answer, to the thread page; a retry sends nothing more; a refusal is recorded, the answer kept', async () => {
    const fake = stack.wechat!;
    // she turned the notice on twice (two taps): one for each answer below
    await acceptNotice(stack, { token: tokens['林红霞']!, openid: 'demo:villager-bound' }, 'consultationAnswered', 2);
    const id = (await ask('林红霞', '答复通知测试：承包地被征收怎么补偿？')).body.id;
    const before = fake.messages.length;
    const body = { clientKey: key(), text: '按照本省征地补偿标准执行。' };
    const first = await call('answerConsultation', { token: tokens['王建国'], params: { consultationId: id }, body });
    expect(first.status).toBe(200);
    const retry = await call('answerConsultation', { token: tokens['王建国'], params: { consultationId: id }, body });
    expect(retry.status).toBe(200);
    const sent = fake.messages.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      touser: 'demo:villager-bound',
      template_id: stack.config.answerTemplateId,
      page: `consult/thread/index?id=${id}`,
    });
    expect(sent[0]!.data.thing1!.value.length).toBeLessThanOrEqual(20);
    expect(sent[0]!.data.name2!.value).toBe('王建国');

    fake.refusedSubscribers.add('demo:villager-bound');
    try {
      const again = await call('answerConsultation', {
        token: tokens['王建国'],
        params: { consultationId: id },
        body: { clientKey: key(), text: '补充：可以申请听证。' },
      });
      expect(again.status).toBe(200);
      expect(again.body.steps.filter((s: { kind: string }) => s.kind === 'answered')).toHaveLength(2);
    } finally {
      fake.refusedSubscribers.delete('demo:villager-bound');
    }
    const notices = await mongoose.connection
      .collection('consultation_notices')
      .find({ consultationId: new mongoose.Types.ObjectId(id) })
      .sort({ step: 1 })
      .toArray();
    expect(notices.map((n) => [n.status, n.errcode])).toEqual([
      ['sent', null],
      ['failed', 43101],
    ]);
  });

  it("answered consultations count as the counsel's remote service of the month, per village", async () => {
    const progress = await call('myLedgerProgress', { token: tokens['王建国'] });
    const village = progress.body.items.find((p: { villageCode: string }) => p.villageCode === VILLAGE);
    const answeredByHim = await mongoose.connection.collection('consultations').countDocuments({
      villageCode: VILLAGE,
      handlerIds: new mongoose.Types.ObjectId(ids['王建国']),
      firstResponseAt: { $ne: null },
    });
    expect(answeredByHim).toBeGreaterThanOrEqual(3);
    expect(village.month.consultationsAnswered).toBe(answeredByHim);
    const other = progress.body.items.find((p: { villageCode: string }) => p.villageCode !== VILLAGE);
    expect(other.month.consultationsAnswered).toBe(0);
  });
});

describe('evaluation figures (R10)', () => {
  it('the county sees consultations served, escalated, overdue and satisfaction, per township', async () => {
    const res = await call('consultationStats', { token: tokens['赵振华'], params: { countyCode: COUNTY } });
    expect(res.status).toBe(200);
    const all = await mongoose.connection.collection('consultations').find({ countyCode: COUNTY }).toArray();
    const { summary, byTownship } = res.body;
    // everything in this file was asked this month (the aged ones keep their real month unless
    // the test ran in the first week of a month, hence counted from the database)
    const thisMonth = all.filter((c) => res.body.month === new Date(c.createdAt.getTime() + 8 * HOUR).toISOString().slice(0, 7));
    expect(summary.asked).toBe(thisMonth.length);
    expect(summary.answered).toBe(thisMonth.filter((c) => c.firstResponseAt).length);
    expect(summary.closed).toBe(thisMonth.filter((c) => c.status === 'closed').length);
    expect(summary.escalated).toBe(thisMonth.filter((c) => c.tier !== 'village').length);
    expect(summary.ratings).toBe(1);
    expect([5, 1]).toContain(summary.attitude);
    expect(summary.satisfaction === 1 || summary.satisfaction === 0).toBe(true);
    const chengqu = byTownship.find((t: { code: string }) => t.code === TOWNSHIP);
    const fuxin = byTownship.find((t: { code: string }) => t.code === '210921100');
    expect(chengqu.asked + fuxin.asked).toBe(summary.asked);
    expect(fuxin.asked).toBe(thisMonth.filter((c) => c.townshipCode === '210921100').length);
    expect(errorCode(await call('consultationStats', { token: tokens['林红霞'], params: { countyCode: COUNTY } }))).toBe(
      '403 FORBIDDEN',
    );
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});

describe('photos with a question', () => {
  // a real 1×1 PNG and a tiny JPEG header; the server checks the bytes, not the declared type
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  const upload = async (who: string, data: Buffer, type = 'image/png', field = 'file') => {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(data)], { type }), 'photo.png');
    const res = await fetch(`${stack.baseUrl}/api/consultations/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[who]}` },
      body: form,
    });
    return { status: res.status, body: await res.json() };
  };
  const photo = (who: string, consultationId: string, photoId: string) =>
    fetch(`${stack.baseUrl}/api/consultations/${consultationId}/photos/${photoId}`, {
      headers: { authorization: `Bearer ${tokens[who]}` },
    });

  it('a villager uploads a photo and asks with it; the handlers see it, nobody else does', async () => {
    const up = await upload('林红霞', PNG);
    expect(up.status).toBe(201);
    // WeChat's asynchronous image check (tests/server/image-checks.test.ts) passes it first
    await stack.wechat!.mediaChecksSettled();
    const asked = await call('askConsultation', {
      token: tokens['林红霞'],
      body: { clientKey: key(), question: '这是邻居砌的墙，占了我家的地', photoIds: [up.body.photoId] },
    });
    expect(asked.status).toBe(201);
    expect(asked.body.photoIds).toEqual([up.body.photoId]);
    const asCounsel = await photo('王建国', asked.body.id, up.body.photoId);
    expect(asCounsel.status).toBe(200);
    expect(asCounsel.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await asCounsel.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await photo('何春生', asked.body.id, up.body.photoId)).status).toBe(404);
    expect((await photo('李志强', asked.body.id, up.body.photoId)).status).toBe(404);
    // a photo is used once: asking again with it is refused
    const reuse = await call('askConsultation', {
      token: tokens['林红霞'],
      body: { clientKey: key(), question: '同一张照片再用一次可以吗', photoIds: [up.body.photoId] },
    });
    expect(errorCode(reuse)).toBe('404 PHOTO_NOT_FOUND');
  });

  it("refuses files that are not images, oversized files, missing files and other people's photos; nothing is stored", async () => {
    const photos = mongoose.connection.collection('consultation_photos');
    const before = await photos.countDocuments();
    const fake = await upload('林红霞', Buffer.from('<script>alert(1)</script>'), 'image/png');
    expect(`${fake.status} ${fake.body.error.code}`).toBe('415 PHOTO_TYPE_UNSUPPORTED');
    const huge = await upload('林红霞', Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]));
    expect(`${huge.status} ${huge.body.error.code}`).toBe('413 PHOTO_TOO_LARGE');
    const wrongField = await upload('林红霞', PNG, 'image/png', 'image');
    expect(wrongField.status).toBe(400);
    // a JSON body is no form at all (issue 15: refused as the wrong content type)
    const noFile = await call('uploadConsultationPhoto', { token: tokens['林红霞'], body: {} });
    expect(errorCode(noFile)).toBe('415 UNSUPPORTED_MEDIA_TYPE');
    const byCounsel = await upload('王建国', PNG);
    expect(`${byCounsel.status} ${byCounsel.body.error.code}`).toBe('403 FORBIDDEN');
    expect(await photos.countDocuments()).toBe(before);

    const someoneElses = await upload('何春生', PNG);
    const steal = await call('askConsultation', {
      token: tokens['林红霞'],
      body: { clientKey: key(), question: '用别人的照片提问试试看', photoIds: [someoneElses.body.photoId] },
    });
    expect(errorCode(steal)).toBe('404 PHOTO_NOT_FOUND');
    expect(await mongoose.connection.collection('consultations').countDocuments({ question: '用别人的照片提问试试看' })).toBe(0);
  });
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
