/**
 * Complaints and suggestions over real HTTP on the embedded database (issue 16): about the service,
 * about a counsel of the county, or a suggestion; only the county's staff see and answer them (never
 * the township, never the counsel complained about); the complainant rates the answer once; the
 * county's complaintAnswerDays; bad input writes nothing.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const COUNTY = '210921';
const DAY = 24 * 3600_000;

let keyCounter = 0;
const key = () => `cp-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;

const complain = (extra: Record<string, unknown> = {}) =>
  call('openCase', {
    token: tokens['林红霞'],
    body: {
      kind: 'complaint',
      clientKey: key(),
      about: 'service',
      account: '上周去村委会找法律顾问，等了一上午没见到人。',
      ...extra,
    },
  });
const act = (who: string, caseId: string, body: Record<string, unknown>) =>
  call('actOnCase', { token: tokens[who], params: { caseId }, body: { clientKey: key(), ...body } });
const view = (who: string, caseId: string) => call('case', { token: tokens[who], params: { caseId } });
const inboxIds = async (who: string, status = 'active') =>
  (await call('caseInbox', { token: tokens[who], query: { status } })).body.items.map((c: { id: string }) => c.id);
const count = (name: string) => mongoose.connection.collection(name).countDocuments();

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '何春生', '刘淑芬', '王建国', '王志强', '李志强', '赵振华', '孙雅琴']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    ids[name] = session.user.id;
  }
});
afterAll(() => stack?.stop());

describe('who sees a complaint', () => {
  it('about a counsel: the county’s staff see it with the counsel’s name; the township and the counsel never do', async () => {
    const opened = await complain({ about: 'counsel', counselId: ids['王建国'], account: '法律顾问王建国答应回电话一直没回。' });
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    expect(opened.body).toMatchObject({ kind: 'complaint', tier: 'county', status: 'open' });
    expect(opened.body.details).toMatchObject({ about: 'counsel', counselName: '王建国' });
    expect(await inboxIds('赵振华')).toContain(id);
    const seen = await view('赵振华', id);
    expect(seen.body.details.counselName).toBe('王建国');
    expect(seen.body.can).toEqual(['take', 'answer']);
    for (const outsider of ['王志强', '李志强', '王建国', '刘淑芬', '孙雅琴', '何春生']) {
      expect(errorCode(await view(outsider, id))).toBe('404 CASE_NOT_FOUND');
      expect(errorCode(await act(outsider, id, { act: 'answer', text: '已核实处理' }))).toBe('404 CASE_NOT_FOUND');
    }
    for (const staff of ['王志强', '王建国', '刘淑芬']) {
      expect(await inboxIds(staff)).not.toContain(id);
      expect(await inboxIds(staff, 'done')).not.toContain(id);
    }
  });

  it('the counsel must be a counsel of the county (CASE_COUNSEL_NOT_FOUND), and nothing is written', async () => {
    const before = await count('cases');
    for (const counselId of [ids['林红霞'], ids['赵振华'], '0123456789abcdef01234567', undefined])
      expect(errorCode(await complain({ about: 'counsel', counselId }))).toBe('404 CASE_COUNSEL_NOT_FOUND');
    expect(await count('cases')).toBe(before);
  });
});

describe('the answer', () => {
  it('county staff take and answer it; the complainant reads the answer and rates it once', async () => {
    const id = (await complain({ about: 'suggestion', account: '建议在村委会公示栏贴出法律顾问的驻村时间。' })).body.id;
    expect((await view('林红霞', id)).body.can).toEqual([]);
    expect(errorCode(await act('林红霞', id, { act: 'answer', text: '自己答复' }))).toBe('403 CASE_NOT_HANDLER');
    const rateEarly = await call('rateCase', {
      token: tokens['林红霞'],
      params: { caseId: id },
      body: { attitude: 5, efficiency: 5, competence: 5 },
    });
    expect(errorCode(rateEarly)).toBe('409 CASE_NOT_DONE');
    const taken = await act('赵振华', id, { act: 'take' });
    expect(taken.body).toMatchObject({ status: 'handling', handlerName: '赵振华' });
    const answered = await act('赵振华', id, { act: 'answer', text: '感谢建议，已要求各村公示栏张贴驻村时间表。' });
    expect(answered.body).toMatchObject({ status: 'done', outcome: 'answered', dueAt: null, overdue: false });
    expect(await inboxIds('赵振华', 'done')).toContain(id);
    expect(await inboxIds('赵振华')).not.toContain(id);
    const trail = (await view('林红霞', id)).body;
    expect(trail.steps.at(-1)).toMatchObject({
      kind: 'answer',
      byName: '赵振华',
      text: '感谢建议，已要求各村公示栏张贴驻村时间表。',
    });
    expect(trail.can).toEqual(['rate']);
    const rate = (body: Record<string, unknown>) => call('rateCase', { token: tokens['林红霞'], params: { caseId: id }, body });
    expect((await rate({ attitude: 4, efficiency: 3, competence: 4, comment: '答复及时' })).status).toBe(200);
    expect(errorCode(await rate({ attitude: 1, efficiency: 1, competence: 1 }))).toBe('409 CASE_ALREADY_RATED');
    expect(
      errorCode(
        await call('rateCase', {
          token: tokens['赵振华'],
          params: { caseId: id },
          body: { attitude: 5, efficiency: 5, competence: 5 },
        }),
      ),
    ).toBe('403 CASE_NOT_APPLICANT');
    expect((await view('林红霞', id)).body.rating).toMatchObject({ attitude: 4, comment: '答复及时' });
    expect(errorCode(await act('赵振华', id, { act: 'answer', text: '补充答复' }))).toBe('409 CASE_DONE');
  });

  it('two answers at the same moment: one is recorded, the other is refused as done', async () => {
    const id = (await complain()).body.id;
    const [a, b] = await Promise.all([
      act('赵振华', id, { act: 'answer', text: '已约谈该村法律顾问，今后按时驻村。' }),
      act('赵振华', id, { act: 'answer', text: '已核实，情况属实，已批评教育。' }),
    ]);
    expect([a, b].map(errorCode).sort()).toEqual(['200 undefined', '409 CASE_DONE']);
    const steps = (await view('林红霞', id)).body.steps.filter((s: { kind: string }) => s.kind === 'answer');
    expect(steps).toHaveLength(1);
  });
});

describe('the time limit', () => {
  it('is the county’s complaintAnswerDays from the complaint, following a change of the setting', async () => {
    const opened = (await complain()).body;
    expect(Date.parse(opened.dueAt) - Date.parse(opened.createdAt)).toBe(7 * DAY);
    const update = (body: Record<string, unknown>) =>
      call('updateCountyPolicy', { token: tokens['赵振华'], params: { countyCode: COUNTY }, body });
    expect((await update({ complaintAnswerDays: 15 })).status).toBe(200);
    try {
      const row = (await call('caseInbox', { token: tokens['赵振华'], query: { kind: 'complaint' } })).body.items.find(
        (c: { id: string }) => c.id === opened.id,
      );
      expect(Date.parse(row.dueAt) - Date.parse(row.createdAt)).toBe(15 * DAY);
      expect((await view('林红霞', opened.id)).body.dueAt).toBe(row.dueAt);
    } finally {
      await update({ complaintAnswerDays: 7 });
    }
  });
});

describe('bad input', () => {
  it('wrong kind fields or act fields: 400 in Chinese, nothing written', async () => {
    const id = (await complain()).body.id;
    const [cases, steps] = await Promise.all([count('cases'), count('case_steps')]);
    const refusals = [
      await complain({ about: 'praise' }),
      await complain({ account: '差' }),
      await complain({ counselId: 'wangjianguo' }),
      await complain({ topic: '投诉' }), // a booking's field
      await act('赵振华', id, { act: 'answer' }),
      await act('赵振华', id, { act: 'answer', text: '答复', outcome: 'answered' }),
      await act('赵振华', id, { act: 'answer', text: 'x'.repeat(2001) }),
      await act('赵振华', id, { act: 'take', text: '我来处理' }),
    ];
    for (const res of refusals) {
      expect(errorCode(res)).toBe('400 VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // acts another kind has are refused by the kind's rules, also without writing
    expect(errorCode(await act('赵振华', id, { act: 'settle', outcome: 'agreement', text: '调解' }))).toBe(
      '409 CASE_ACT_NOT_ALLOWED',
    );
    expect(errorCode(await act('林红霞', id, { act: 'cancel', text: '不投诉了' }))).toBe('409 CASE_ACT_NOT_ALLOWED');
    expect(await Promise.all([count('cases'), count('case_steps')])).toEqual([cases, steps]);
  });
});
