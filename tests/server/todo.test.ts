/**
 * "To-do first" (issue 14 item 4): GET /api/me/todo gives each role's home page its counts and most
 * urgent items, for the signed-in person only, in a number of database commands that does not grow
 * with the items.
 */
import mongoose from 'mongoose';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

dayjs.extend(utc);
dayjs.extend(timezone);

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};

const V1 = '210921001001';
const V2 = '210921001002';
const V3 = '210921001003';
const TOWNSHIP = '210921001';
const COUNTY = '210921';
const PHONE = '13812345678';
const ID_NUMBER = '11010119900307123X';

const now = dayjs().tz('Asia/Shanghai');
const lastMonth = now.subtract(1, 'month').format('YYYY-MM');
const day = (month: string, d: number, time: string) =>
  dayjs.tz(`${month}-${String(d).padStart(2, '0')} ${time}`, 'Asia/Shanghai').format();
let seq = 0;
const key = () => `todo-key-${seq++}`;

beforeAll(async () => {
  stack = await startStack({ seedDemo: true, auditQueries: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '王志强', '赵振华', '何春生', '刘淑芬'])
    tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

const todo = async (who: string) => {
  const res = await call('myTodo', { token: tokens[who] });
  expect(res.status).toBe(200);
  return res.body;
};
const ask = async (question: string) => {
  const res = await call('askConsultation', { token: tokens['林红霞'], body: { clientKey: key(), question } });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const submit = async (villageCode: string, month: string, d: number, extra: Record<string, unknown> = {}) => {
  const res = await call('submitLedgerEntry', {
    token: tokens['王建国'],
    body: {
      clientKey: key(),
      villageCode,
      kind: 'on_site_duty',
      startAt: day(month, d, '09:00'),
      endAt: day(month, d, '10:00'),
      summary: '在村委会值班，接待村民咨询',
      ...extra,
    },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const returnEntry = async (id: string, reason: string) => {
  const res = await call('reviewLedgerEntry', {
    token: tokens['王志强'],
    params: { townshipCode: TOWNSHIP, entryId: id },
    body: { decision: 'return', reason },
  });
  expect(res.status).toBe(200);
};
const holdPost = async (text: string) => {
  const res = await call('postGroupMessage', {
    token: tokens['林红霞'],
    params: { groupCode: V1 },
    body: { clientKey: key(), text },
  });
  expect(res.status).toBe(202);
};
let joiners = 0;
/** A new villager of V1 who asks to join its group: a pending join request. */
const askToJoin = async () => {
  const n = joiners++;
  stack.wechat!.issueCode(`todo-code-${n}`, { openid: `todo-openid-${n}` });
  const login = await call('wechatLogin', { body: { code: `todo-code-${n}` } });
  const token = login.body.token as string;
  expect((await call('bindVillage', { token, body: { villageCode: V1 } })).status).toBe(200);
  const joined = await call('joinGroup', { token, params: { groupCode: V1 }, body: {} });
  expect(joined.status).toBe(200);
  return login.body.user.id as string;
};
/** Puts a question's first-answer deadline in the past (time travel for the 限时办结 check). */
const makeOverdue = (id: string, hoursAgo: number) =>
  mongoose.connection
    .collection('consultations')
    .updateOne(
      { _id: new mongoose.Types.ObjectId(id) },
      { $set: { firstResponseDueAt: new Date(Date.now() - hoursAgo * 3600_000) } },
    );

/** The commands of one call of the to-do, after a first call warmed the place-name cache. */
async function commandsOf(who: string): Promise<{ commands: string[]; body: any }> {
  await todo(who);
  let reply: Reply | undefined;
  const commands = await stack.commandsDuring(async () => {
    reply = await call('myTodo', { token: tokens[who] });
  });
  expect(reply!.status).toBe(200);
  // session, user and the person's duties: a handful of reads per role held, none per item
  expect(commands.length).toBeLessThanOrEqual(12);
  // the reads run side by side, so their order varies: compared as a sorted list
  return { commands: [...commands].sort(), body: reply!.body };
}

it('refuses a caller without a session', async () => {
  const res = await call('myTodo', {});
  expect(res.status).toBe(401);
});

it('gives a villager with no duties zeros and empty lists', async () => {
  for (const who of ['林红霞', '何春生']) {
    expect(await todo(who)).toEqual({ counsel: null, townships: [], counties: [], cases: null, total: 0 });
  }
});

describe('counsel', () => {
  it('lists the questions waiting with their time limit, the excerpt trimmed and numbers masked', async () => {
    const before = await todo('王建国');
    expect(before.counsel.waitingQuestions.label).toBe('待答复的咨询');
    const id = await ask(`电话${PHONE}身份证${ID_NUMBER}，邻居砌墙占了我家的地，想请律师帮忙看看怎么处理`);
    const after = await todo('王建国');
    const waiting = after.counsel.waitingQuestions;
    expect(waiting.count).toBe(before.counsel.waitingQuestions.count + 1);
    const item = waiting.items.find((q: { id: string }) => q.id === id);
    expect(item).toMatchObject({ villageCode: V1, dueLabel: '首次答复', overdue: false });
    expect(item.villageName).not.toBe('');
    expect([...item.excerpt].length).toBeLessThanOrEqual(30);
    expect(item.excerpt.endsWith('…')).toBe(true);
    expect(item.excerpt).toContain('138****5678');
    expect(item.excerpt).not.toContain(PHONE);
    expect(item.excerpt.startsWith('电话138****5678身份证*****')).toBe(true);
    expect(item.excerpt).not.toMatch(/\d{5}/);
    expect(item.timeLeft).toMatch(/^剩余 \d+ (分钟|小时|天)$/);
    expect(item.minutesLeft).toBeGreaterThan(0);
    expect(after.total).toBe(before.total + 1);

    // past the county's first-answer limit it is the most urgent, and shown late
    await makeOverdue(id, 5);
    const late = (await todo('王建国')).counsel.waitingQuestions.items[0];
    expect(late).toMatchObject({ id, overdue: true, timeLeft: '已超时 5 小时' });

    // once answered it waits for the asker, not the counsel
    const answered = await call('answerConsultation', {
      token: tokens['王建国'],
      params: { consultationId: id },
      body: { clientKey: key(), text: '建议先由村调委会调解。' },
    });
    expect(answered.status).toBe(200);
    const done = await todo('王建国');
    expect(done.counsel.waitingQuestions.count).toBe(before.counsel.waitingQuestions.count);
    expect(done.counsel.waitingQuestions.items.some((q: { id: string }) => q.id === id)).toBe(false);
  });

  it('lists returned ledger entries of past months until corrected, and the month’s on-site hours per village', async () => {
    const before = (await todo('王建国')).counsel;
    const id = await submit(V2, lastMonth, 3);
    await returnEntry(id, '时间与签到记录不符');
    const after = (await todo('王建国')).counsel;
    expect(after.returnedEntries.count).toBe(before.returnedEntries.count + 1);
    expect(after.returnedEntries.label).toBe('被退回待更正的台账');
    const item = after.returnedEntries.items.find((e: { id: string }) => e.id === id);
    expect(item).toMatchObject({ month: lastMonth, villageCode: V2, reason: '时间与签到记录不符' });
    expect(item.villageName).not.toBe('');

    // a correction (a new entry pointing at it, R4) takes it off the list
    await submit(V2, lastMonth, 3, { correctsEntryId: id, endAt: day(lastMonth, 3, '11:00') });
    const corrected = (await todo('王建国')).counsel;
    expect(corrected.returnedEntries.count).toBe(before.returnedEntries.count);

    // this month's on-site time per village served, against the county's target (4 h by default)
    expect(after.onSiteHours.items.map((v: { villageCode: string }) => v.villageCode).sort()).toEqual([V1, V2, V3]);
    for (const v of after.onSiteHours.items) {
      expect(v).toMatchObject({ month: now.format('YYYY-MM'), targetHours: 4 });
      expect(v.label).toBe(`本月驻点 ${v.hours} / 4 小时`);
    }
    // a pending session this month shows as pending hours (unless the month began under 3 hours ago)
    const start = dayjs().tz('Asia/Shanghai').subtract(150, 'minute');
    if (start.format('YYYY-MM') === now.format('YYYY-MM')) {
      await submit(V3, now.format('YYYY-MM'), 1, { startAt: start.format(), endAt: start.add(2, 'hour').format() });
      const v3 = (await todo('王建国')).counsel.onSiteHours.items.find((v: { villageCode: string }) => v.villageCode === V3);
      expect(v3.pendingHours).toBeGreaterThanOrEqual(2);
    }
  });

  it('reads the counsel’s to-do in as many commands with more questions and returned entries', async () => {
    const before = await commandsOf('王建国');
    for (const village of [V1, V2, V3]) await ask(`关于${village}的宅基地问题，请顾问解答`);
    for (const d of [5, 6, 7]) await returnEntry(await submit(V3, lastMonth, d), '缺少服务记录');
    const after = await commandsOf('王建国');
    expect(after.body.counsel.waitingQuestions.count).toBe(before.body.counsel.waitingQuestions.count + 3);
    expect(after.body.counsel.returnedEntries.count).toBe(before.body.counsel.returnedEntries.count + 3);
    expect(after.body.counsel.waitingQuestions.items).toHaveLength(3);
    expect(after.commands).toEqual(before.commands);
  });
});

describe('township office', () => {
  it('counts join requests, held posts, ledger entries to review and overdue questions of its own township', async () => {
    const before = (await todo('王志强')).townships;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ townshipCode: TOWNSHIP });
    expect(before[0].townshipName).not.toBe('');

    const joinerId = await askToJoin();
    await holdPost('听说村里有人组织赌博，大家注意');
    const pendingId = await submit(V1, lastMonth, 12);
    const questionId = await ask('土地承包合同到期了，村里要收回，合法吗');
    await makeOverdue(questionId, 30);

    const [t] = (await todo('王志强')).townships;
    expect(t.joinRequests.count).toBe(before[0].joinRequests.count + 1);
    expect(t.joinRequests.items).toContainEqual(expect.objectContaining({ userId: joinerId, groupCode: V1 }));
    expect(t.heldPosts.count).toBe(before[0].heldPosts.count + 1);
    const held = t.heldPosts.items.find((h: { excerpt: string }) => h.excerpt.includes('赌博'));
    expect(held).toMatchObject({ groupCode: V1, causeLabel: '内容可能违规' });
    expect(held.groupName).not.toBe('');
    expect(t.ledgerReviews.count).toBe(before[0].ledgerReviews.count + 1);
    expect(t.ledgerReviews.label).toBe('待审核的工作台账');
    // the three oldest waiting, as the township's own list (oldest first) has them
    const listed = await call('townshipLedgerEntries', {
      token: tokens['王志强'],
      params: { townshipCode: TOWNSHIP },
      query: { status: 'pending' },
    });
    expect(listed.body.items.map((e: { id: string }) => e.id)).toContain(pendingId);
    expect(t.ledgerReviews.count).toBe(listed.body.items.length);
    expect(t.ledgerReviews.items.map((e: { id: string }) => e.id)).toEqual(
      listed.body.items.slice(0, 3).map((e: { id: string }) => e.id),
    );
    for (const e of t.ledgerReviews.items) expect(e).toMatchObject({ counselName: '王建国', kindLabel: '驻村值班' });
    expect(t.overdueQuestions.count).toBe(before[0].overdueQuestions.count + 1);
    const late = t.overdueQuestions.items.find((q: { id: string }) => q.id === questionId);
    expect(late).toMatchObject({ overdue: true, timeLeft: '已超时 1 天', villageCode: V1 });

    // the counsel sees none of the township's work, the township none of the counsel's
    const counsel = await todo('王建国');
    expect(counsel.townships).toEqual([]);
    expect(counsel.counties).toEqual([]);
    expect((await todo('王志强')).counsel).toBeNull();
  });

  it('reads the township’s to-do in as many commands with more items', async () => {
    const before = await commandsOf('王志强');
    for (let i = 0; i < 3; i++) await askToJoin();
    await holdPost('有人搞诈骗集资，千万别信');
    await holdPost('又有人在村口组织赌博');
    for (const village of [V2, V3]) await submit(village, lastMonth, 20);
    for (let i = 0; i < 2; i++) await makeOverdue(await ask(`第${i}个超时的咨询：拆迁补偿怎么算`), 2);
    const after = await commandsOf('王志强');
    const [b, a] = [before.body.townships[0], after.body.townships[0]];
    expect(a.joinRequests.count).toBe(b.joinRequests.count + 3);
    expect(a.heldPosts.count).toBe(b.heldPosts.count + 2);
    expect(a.ledgerReviews.count).toBe(b.ledgerReviews.count + 2);
    expect(a.overdueQuestions.count).toBe(b.overdueQuestions.count + 2);
    for (const list of [a.joinRequests, a.heldPosts, a.ledgerReviews, a.overdueQuestions])
      expect(list.items.length).toBeLessThanOrEqual(3);
    expect(after.commands).toEqual(before.commands);
  });
});

describe('county bureau', () => {
  const endOne = async (villageCode: string) => {
    const list = await call('listAssignments', {
      token: tokens['赵振华'],
      params: { countyCode: COUNTY },
      query: { villageCode },
    });
    const active = list.body.items.find((a: { endedAt: string | null }) => a.endedAt === null);
    const ended = await call('endAssignment', {
      token: tokens['赵振华'],
      params: { countyCode: COUNTY, assignmentId: active.id },
      body: { reason: '顾问工作调动' },
    });
    expect(ended.status).toBe(200);
  };
  /** villages of the county outside the test's township, from the county report */
  const otherVillages = async () => {
    const report = await call('countyCompliance', { token: tokens['赵振华'], params: { countyCode: COUNTY } });
    expect(report.status).toBe(200);
    return report.body;
  };

  it('counts villages without an active counsel and villages behind this month’s schedule', async () => {
    const before = (await todo('赵振华')).counties;
    expect(before).toHaveLength(1);
    const report = await otherVillages();
    const village = report.villages.find((v: { townshipCode: string }) => v.townshipCode !== TOWNSHIP);
    await endOne(village.code);
    const [c] = (await todo('赵振华')).counties;
    expect(c).toMatchObject({ countyCode: COUNTY, month: now.format('YYYY-MM') });
    expect(c.countyName).not.toBe('');
    expect(c.villagesWithoutCounsel.count).toBe(before[0].villagesWithoutCounsel.count + 1);
    expect(c.villagesWithoutCounsel.label).toBe('暂无法律顾问的村（社区）');
    const shown = c.villagesWithoutCounsel.items.find((v: { villageCode: string }) => v.villageCode === village.code);
    expect(shown).toMatchObject({ villageName: village.name, townshipCode: village.townshipCode });
    expect(shown.townshipName).not.toBe('');

    // behind: approved on-site time below the monthly target prorated to the days gone
    const expected = c.expectedMinutes;
    expect(expected).toBeGreaterThanOrEqual(0);
    expect(expected).toBeLessThanOrEqual(240);
    const behind = report.villages.filter((v: { onSiteMinutes: number }) => v.onSiteMinutes < expected);
    expect(c.villagesBehind.count).toBe(behind.length);
    expect(c.villagesBehind.items.length).toBe(Math.min(3, behind.length));
    for (const v of c.villagesBehind.items) expect(v).toMatchObject({ targetHours: 4 });
    expect(c.townships).toBeUndefined();
  });

  it('reads the county’s to-do in as many commands with more villages without counsel', async () => {
    const before = await commandsOf('赵振华');
    const report = await otherVillages();
    const served = report.villages.filter(
      (v: { townshipCode: string; counsel: unknown[] }) => v.townshipCode !== TOWNSHIP && v.counsel.length > 0,
    );
    for (const v of served.slice(0, 3)) await endOne(v.code);
    const after = await commandsOf('赵振华');
    expect(after.body.counties[0].villagesWithoutCounsel.count).toBe(before.body.counties[0].villagesWithoutCounsel.count + 3);
    expect(after.commands).toEqual(before.commands);
  });
});

describe('service hall cases', () => {
  const open = async (body: Record<string, unknown>) => {
    const res = await call('openCase', { token: tokens['林红霞'], body: { clientKey: key(), ...body } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const act = async (who: string, caseId: string, body: Record<string, unknown>) => {
    const res = await call('actOnCase', { token: tokens[who], params: { caseId }, body: { clientKey: key(), ...body } });
    expect(res.status).toBe(200);
  };
  const inTwoDays = dayjs.tz(`${now.add(2, 'day').format('YYYY-MM-DD')} 10:00`, 'Asia/Shanghai').format();

  it('counts the cases a person may take or owns, the overdue ones, the most urgent first; not the ones they only oversee', async () => {
    const before = Object.fromEntries(
      await Promise.all(['王建国', '刘淑芬', '王志强', '赵振华'].map(async (who) => [who, await todo(who)])),
    );
    for (const who of ['王建国', '刘淑芬', '王志强', '赵振华'])
      expect(before[who].cases).toMatchObject({ label: '待办理的服务事项' });
    const mediation = await open({
      kind: 'mediation',
      disputeKind: 'neighbours',
      account: '邻居家排水沟堵了，雨水流到我家院里。',
      otherPartyName: '孙某',
    });
    const booking = await open({ kind: 'booking', at: inTwoDays, topic: '咨询宅基地确权登记' });
    const legalAid = await open({
      kind: 'legal_aid',
      matter: 'labour_and_wages',
      householdSize: 3,
      monthlyIncome: 1500,
      account: '工地老板拖欠三个月工资。',
    });
    const complaint = await open({ kind: 'complaint', about: 'suggestion', account: '建议公布法律顾问的联系电话。' });

    const counsel = await todo('王建国');
    expect(counsel.cases.count).toBe(before['王建国'].cases.count + 2); // the mediation and the booking
    expect(counsel.total).toBe(before['王建国'].total + 2);
    expect((await todo('刘淑芬')).cases.count).toBe(before['刘淑芬'].cases.count + 1); // the mediation only
    const township = await todo('王志强');
    expect(township.cases.count).toBe(before['王志强'].cases.count + 1); // legal aid; the mediation and booking are only overseen
    expect(township.cases.items.map((c: { id: string }) => c.id)).toContain(legalAid);
    const county = await todo('赵振华');
    expect(county.cases.count).toBe(before['赵振华'].cases.count + 1); // the complaint
    expect(county.cases.items.find((c: { id: string }) => c.id === complaint)).toMatchObject({
      kind: 'complaint',
      kindLabel: expect.any(String),
      title: '建议公布法律顾问的联系电话。',
      villageCode: V1,
      overdue: false,
    });

    // the mediator takes the mediation: it is hers now, no longer the counsel's to take
    await act('刘淑芬', mediation, { act: 'take' });
    expect((await todo('王建国')).cases.count).toBe(before['王建国'].cases.count + 1);
    expect((await todo('刘淑芬')).cases.count).toBe(before['刘淑芬'].cases.count + 1);

    // late (time travel: opened 40 days ago, the county allows 30): counted as overdue and shown first
    await mongoose.connection
      .collection('cases')
      .updateOne({ _id: new mongoose.Types.ObjectId(mediation) }, { $set: { createdAt: new Date(Date.now() - 40 * 86400_000) } });
    const late = (await todo('刘淑芬')).cases;
    expect(late.overdueCount).toBe(before['刘淑芬'].cases.overdueCount + 1);
    expect(late.items[0]).toMatchObject({
      id: mediation,
      overdue: true,
      timeLeft: '已超时 10 天',
      villageName: expect.any(String),
    });
    expect(late.items[0].villageName).not.toBe('');
    expect(late.items[0].minutesLeft).toBeLessThan(0);

    // done cases leave the count
    await act('王建国', booking, { act: 'cancel', text: '当天有庭审' });
    await act('刘淑芬', mediation, { act: 'settle', outcome: 'agreement', text: '孙某疏通排水沟，双方和解。' });
    expect((await todo('王建国')).cases.count).toBe(before['王建国'].cases.count);
    expect((await todo('刘淑芬')).cases).toMatchObject({
      count: before['刘淑芬'].cases.count,
      overdueCount: before['刘淑芬'].cases.overdueCount,
    });
  });
});

describe('the database work behind the to-do (store/README.md, rule 1)', () => {
  it('serves every query of the to-do from an index', async () => {
    const mine = stack.issued.filter((q) => q.route === 'GET /api/me/todo');
    expect(mine.length).toBeGreaterThan(5);
    const unindexed = await stack.unindexedQueries();
    expect(unindexed.filter((line) => line.startsWith('GET /api/me/todo:'))).toEqual([]);
  });
});
