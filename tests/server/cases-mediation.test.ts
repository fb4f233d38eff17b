/**
 * People's mediation over real HTTP on the embedded database (issue 16): the village's mediator and
 * counsel are both first contacts and race to take it (首问负责: one owns it); the other party's
 * phone reaches only the applicant and whoever mediates; a counsel's session is one ledger entry
 * (参与调解), a mediator's is none; the township oversees but does not take; the time limit follows
 * the county's setting.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const COUNTY = '210921';
const DAY = 24 * 3600_000;

let keyCounter = 0;
const key = () => `md-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

const ask = (extra: Record<string, unknown> = {}) =>
  call('openCase', {
    token: tokens['林红霞'],
    body: {
      kind: 'mediation',
      clientKey: key(),
      disputeKind: 'neighbours',
      account: '邻居盖房占了我家宅基地半米，多次协商不成。',
      otherPartyName: '张某',
      otherPartyPhone: '13900001111',
      ...extra,
    },
  });
const act = (who: string, caseId: string, body: Record<string, unknown>) =>
  call('actOnCase', { token: tokens[who], params: { caseId }, body: { clientKey: key(), ...body } });
const view = (who: string, caseId: string) => call('case', { token: tokens[who], params: { caseId } });
const inboxIds = async (who: string, status = 'active') =>
  (await call('caseInbox', { token: tokens[who], query: { status } })).body.items.map((c: { id: string }) => c.id);
const count = (name: string, filter: Record<string, unknown> = {}) => mongoose.connection.collection(name).countDocuments(filter);
const mediationEntries = async (who: string) =>
  (await call('myLedgerEntries', { token: tokens[who], query: {} })).body.items.filter(
    (e: { kind: string }) => e.kind === 'mediation',
  );

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '何春生', '刘淑芬', '王建国', '王志强', '李志强', '赵振华'])
    tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

describe('two first contacts', () => {
  it('both the mediator and the counsel see a new request; taken at once, exactly one owns it, the other is told so', async () => {
    const opened = await ask();
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    expect(opened.body).toMatchObject({ kind: 'mediation', tier: 'village', status: 'open', title: '邻里纠纷（对方：张某）' });
    expect(await inboxIds('刘淑芬')).toContain(id);
    expect(await inboxIds('王建国')).toContain(id);
    expect(await inboxIds('王志强')).toContain(id); // the township oversees
    expect(await inboxIds('李志强')).not.toContain(id);
    // before anyone takes it, a first contact sees the dispute but not the other party's phone
    const before = await view('刘淑芬', id);
    expect(before.body.can).toEqual(['take', 'session', 'settle']);
    expect(before.body.details).toMatchObject({ otherPartyName: '张某' });
    expect(before.body.details).not.toHaveProperty('otherPartyPhone');

    const [a, b] = await Promise.all([act('刘淑芬', id, { act: 'take' }), act('王建国', id, { act: 'take' })]);
    const replies = [a, b].map(errorCode).sort();
    expect(replies).toEqual(['200 undefined', '409 CASE_OWNED_BY_OTHER']);
    const winner = a.status === 200 ? '刘淑芬' : '王建国';
    const loser = winner === '刘淑芬' ? '王建国' : '刘淑芬';
    expect(await count('case_steps', { caseId: new mongoose.Types.ObjectId(id), kind: 'take' })).toBe(1);
    const owned = await view(winner, id);
    expect(owned.body).toMatchObject({ status: 'handling', handlerName: winner });
    // the loser no longer sees it (it is another's now), and cannot act on it
    expect(await inboxIds(loser)).not.toContain(id);
    expect(errorCode(await view(loser, id))).toBe('404 CASE_NOT_FOUND');
    expect(errorCode(await act(loser, id, { act: 'settle', outcome: 'agreement', text: '双方达成协议' }))).toBe(
      '409 CASE_OWNED_BY_OTHER',
    );
  });

  it('the other party’s phone: the applicant and the handler see it; overseeing staff and outsiders do not', async () => {
    const id = (await ask()).body.id;
    expect((await act('刘淑芬', id, { act: 'take' })).status).toBe(200);
    expect((await view('林红霞', id)).body.details.otherPartyPhone).toBe('13900001111');
    expect((await view('刘淑芬', id)).body.details.otherPartyPhone).toBe('13900001111');
    for (const staff of ['王志强', '赵振华']) {
      const seen = await view(staff, id);
      expect(seen.status).toBe(200);
      expect(seen.body.details).toMatchObject({ otherPartyName: '张某' });
      expect(seen.body.details).not.toHaveProperty('otherPartyPhone');
    }
    expect(errorCode(await view('王建国', id))).toBe('404 CASE_NOT_FOUND');
    expect(errorCode(await view('何春生', id))).toBe('404 CASE_NOT_FOUND');
    expect(errorCode(await view('李志强', id))).toBe('404 CASE_NOT_FOUND');
  });

  it('township staff oversee it but may not take it', async () => {
    const id = (await ask()).body.id;
    expect((await view('王志强', id)).body.can).toEqual([]);
    expect(errorCode(await act('王志强', id, { act: 'take' }))).toBe('403 CASE_NOT_HANDLER');
    expect(errorCode(await act('赵振华', id, { act: 'take' }))).toBe('403 CASE_NOT_HANDLER');
    expect(errorCode(await act('林红霞', id, { act: 'take' }))).toBe('403 CASE_NOT_HANDLER');
    expect(errorCode(await act('何春生', id, { act: 'take' }))).toBe('404 CASE_NOT_FOUND');
    expect(errorCode(await act('王建国', id, { act: 'cancel', text: '不调了' }))).toBe('403 CASE_NOT_APPLICANT');
    expect((await view('王志强', id)).body.status).toBe('open');
  });
});

describe('sessions, the ledger and the outcome', () => {
  it('a counsel’s session is one ledger entry (a retry adds none); the settlement with terms ends it with an agreement', async () => {
    const id = (await ask()).body.id;
    const before = (await mediationEntries('王建国')).length;
    const session = {
      act: 'session',
      clientKey: key(),
      text: '召集双方到村委会调解，查看宅基地证，双方同意丈量后再议。',
      startAt: hoursAgo(3),
      endAt: hoursAgo(2),
    };
    const first = await act('王建国', id, session);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'handling', handlerName: '王建国' });
    const retried = await act('王建国', id, session);
    expect(retried.status).toBe(200);
    const entries = await mediationEntries('王建国');
    expect(entries).toHaveLength(before + 1);
    const entry = entries.find((e: { summary: string }) => e.summary.includes('召集双方到村委会调解'));
    expect(entry).toMatchObject({ kind: 'mediation', mode: 'on_site', villageCode: '210921001001', minutes: 60 });
    expect(entry.summary).toContain('人民调解（调解记录）');
    expect(await count('case_steps', { caseId: new mongoose.Types.ObjectId(id), kind: 'session' })).toBe(1);

    const settled = await act('王建国', id, {
      act: 'settle',
      outcome: 'agreement',
      text: '经丈量，张某于本月底前拆除越界部分围墙，双方不再追究。',
    });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'done', outcome: 'agreement' });
    // settled without times: no second entry
    expect(await mediationEntries('王建国')).toHaveLength(before + 1);
    const trail = (await view('林红霞', id)).body;
    expect(trail.steps.map((s: { kind: string }) => s.kind)).toEqual(['opened', 'session', 'settle']);
    expect(trail.steps.at(-1)).toMatchObject({ outcome: 'agreement', byName: '王建国', byRole: '村（居）法律顾问' });
    expect(trail.can).toEqual(['rate']);
    expect(
      errorCode(await act('王建国', id, { act: 'session', text: '再次调解', startAt: hoursAgo(2), endAt: hoursAgo(1) })),
    ).toBe('409 CASE_DONE');
    const rated = await call('rateCase', {
      token: tokens['林红霞'],
      params: { caseId: id },
      body: { attitude: 5, efficiency: 5, competence: 4 },
    });
    expect(rated.status).toBe(200);
  });

  it('a mediator (no counsel) records sessions and settles; no ledger entry is made', async () => {
    const id = (await ask({ disputeKind: 'family', otherPartyName: '李某' })).body.id;
    const entriesBefore = await count('ledger_entries');
    const session = await act('刘淑芬', id, {
      act: 'session',
      text: '入户调解，双方各让一步。',
      startAt: hoursAgo(5),
      endAt: hoursAgo(4),
    });
    expect(session.status).toBe(200);
    expect(session.body.steps.at(-1)).toMatchObject({ kind: 'session', byRole: '人民调解员' });
    const settled = await act('刘淑芬', id, {
      act: 'settle',
      outcome: 'referred',
      text: '涉及土地确权，已引导至乡镇司法所。',
      startAt: hoursAgo(2),
      endAt: hoursAgo(1),
    });
    expect(settled.body).toMatchObject({ status: 'done', outcome: 'referred' });
    expect(await count('ledger_entries')).toBe(entriesBefore);
  });

  it('the applicant may withdraw it; a withdrawn mediation is not rated', async () => {
    const id = (await ask()).body.id;
    const cancelled = await act('林红霞', id, { act: 'cancel', text: '已与邻居私下和解' });
    expect(cancelled.body).toMatchObject({ status: 'done', outcome: 'cancelled', can: [] });
    const rated = await call('rateCase', {
      token: tokens['林红霞'],
      params: { caseId: id },
      body: { attitude: 5, efficiency: 5, competence: 5 },
    });
    expect(errorCode(rated)).toBe('409 CASE_ACT_NOT_ALLOWED');
  });
});

describe('the time limit', () => {
  it('is the county’s mediationDays from the request, and follows a change of the setting', async () => {
    const opened = (await ask()).body;
    expect(Date.parse(opened.dueAt) - Date.parse(opened.createdAt)).toBe(30 * DAY);
    const update = (body: Record<string, unknown>) =>
      call('updateCountyPolicy', { token: tokens['赵振华'], params: { countyCode: COUNTY }, body });
    expect((await update({ mediationDays: 10 })).status).toBe(200);
    try {
      const seen = (await view('刘淑芬', opened.id)).body;
      expect(Date.parse(seen.dueAt) - Date.parse(seen.createdAt)).toBe(10 * DAY);
      expect(seen.overdue).toBe(false);
      const row = (await call('caseInbox', { token: tokens['刘淑芬'], query: { kind: 'mediation' } })).body.items.find(
        (c: { id: string }) => c.id === opened.id,
      );
      expect(Date.parse(row.dueAt) - Date.parse(row.createdAt)).toBe(10 * DAY);
    } finally {
      await update({ mediationDays: 30 });
    }
  });
});

describe('bad input', () => {
  it('wrong kind fields or act fields: 400 in Chinese, nothing written', async () => {
    const id = (await ask()).body.id;
    const [cases, steps, entries] = await Promise.all([count('cases'), count('case_steps'), count('ledger_entries')]);
    const refusals = [
      await ask({ otherPartyPhone: '12345' }),
      await ask({ disputeKind: 'quarrel' }),
      await ask({ otherPartyName: '' }),
      await ask({ at: new Date(Date.now() + DAY).toISOString() }), // a booking's field
      await act('王建国', id, { act: 'session', text: '调解记录' }), // no times
      await act('王建国', id, { act: 'session', text: '调解', startAt: 'yesterday', endAt: hoursAgo(1) }),
      await act('王建国', id, { act: 'settle', outcome: 'granted', text: '双方同意' }),
      await act('王建国', id, { act: 'settle', outcome: 'agreement' }),
      await act('王建国', id, { act: 'take', text: '我来' }),
    ];
    for (const res of refusals) {
      expect(errorCode(res)).toBe('400 VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // times the ledger refuses are refused before anything is written
    expect(
      errorCode(await act('王建国', id, { act: 'session', text: '调解记录', startAt: hoursAgo(1), endAt: hoursAgo(2) })),
    ).toBe('400 LEDGER_END_BEFORE_START');
    expect(await Promise.all([count('cases'), count('case_steps'), count('ledger_entries')])).toEqual([cases, steps, entries]);
  });
});
