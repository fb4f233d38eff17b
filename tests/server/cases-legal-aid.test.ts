/**
 * Legal aid over real HTTP on the embedded database (issue 16 item 1; docs/domain.md R12): the
 * eligibility check against the county's threshold, the application, the township's pre-screen
 * (more material, forward, refuse), the county's decision with the assigned lawyer, the trail the
 * applicant reads, one rating, and who may see it.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { LEGAL_AID_MATTERS } from '../../types/src';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const COUNTY = '210921';

let keyCounter = 0;
const key = () => `la-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const tomorrow = () => new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 10);

const apply = (who: string, extra: Record<string, unknown> = {}) =>
  call('openCase', {
    token: tokens[who],
    body: {
      kind: 'legal_aid',
      clientKey: key(),
      matter: 'labour_and_wages',
      householdSize: 4,
      monthlyIncome: 3000,
      account: '在县城工地干了半年活，老板拖欠工资一万二千元不给。',
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
  for (const name of ['林红霞', '何春生', '王建国', '王志强', '李志强', '赵振华'])
    tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

describe('the eligibility check', () => {
  it('says likely, with the reasons, when the matter is covered and the income per person is within 2 × the allowance', async () => {
    const terms = await call('legalAidTerms', { token: tokens['林红霞'], params: { countyCode: COUNTY } });
    expect(terms.status).toBe(200);
    expect(terms.body.threshold).toBe(terms.body.minimumLivingAllowance * terms.body.legalAidIncomeMultiple);
    expect(terms.body.matters.map((m: { key: string }) => m.key)).toContain('labour_and_wages');
    const ok = await call('checkLegalAid', {
      token: tokens['林红霞'],
      params: { countyCode: COUNTY },
      body: { matter: 'labour_and_wages', householdSize: 4, monthlyIncome: 3000 },
    });
    expect(ok.body).toMatchObject({
      likely: true,
      matterCovered: true,
      incomeEligible: true,
      incomePerPerson: 750,
      threshold: 1200,
    });
    expect(ok.body.reasons.join()).toContain('不高于本县标准1200元');
    const rich = await call('checkLegalAid', {
      token: tokens['林红霞'],
      params: { countyCode: COUNTY },
      body: { matter: 'labour_and_wages', householdSize: 2, monthlyIncome: 9000 },
    });
    expect(rich.body).toMatchObject({ likely: false, incomeEligible: false, incomePerPerson: 4500 });
    expect(rich.body.reasons.join()).toContain('高于本县标准1200元');
    const assisted = await call('checkLegalAid', {
      token: tokens['林红霞'],
      params: { countyCode: COUNTY },
      body: { matter: 'labour_and_wages', householdSize: 2, monthlyIncome: 9000, receivesAssistance: true },
    });
    expect(assisted.body.likely).toBe(true);
  });

  it('follows the county: a higher allowance raises the threshold, a matter taken off the list is refused on applying', async () => {
    const update = (body: Record<string, unknown>) =>
      call('updateCountyPolicy', { token: tokens['赵振华'], params: { countyCode: COUNTY }, body });
    expect(
      (await update({ minimumLivingAllowance: 800, legalAidMatters: ['labour_and_wages', 'support_payments'] })).status,
    ).toBe(200);
    try {
      const check = await call('checkLegalAid', {
        token: tokens['林红霞'],
        params: { countyCode: COUNTY },
        body: { matter: 'marriage_and_family', householdSize: 1, monthlyIncome: 1500 },
      });
      expect(check.body).toMatchObject({ threshold: 1600, incomeEligible: true, matterCovered: false, likely: false });
      const before = await count('cases');
      expect(errorCode(await apply('林红霞', { matter: 'marriage_and_family' }))).toBe('409 CASE_MATTER_NOT_COVERED');
      expect(await count('cases')).toBe(before);
      // an empty list is refused: a county always covers something
      expect(errorCode(await update({ legalAidMatters: [] }))).toBe('400 VALIDATION_FAILED');
    } finally {
      await update({ minimumLivingAllowance: 600, legalAidMatters: [...LEGAL_AID_MATTERS] });
    }
  });
});

describe('an application through pre-screen and decision', () => {
  it('township staff ask for material, the applicant supplies it, staff forward, the county grants with a lawyer, the applicant rates', async () => {
    const opened = await apply('林红霞');
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    expect(opened.body).toMatchObject({
      kind: 'legal_aid',
      tier: 'township',
      status: 'open',
      title: '劳动关系、拖欠工资等劳动报酬',
    });
    expect(opened.body.details).toMatchObject({ likely: true, incomePerPerson: 750 });
    expect(await inboxIds('王志强')).toContain(id);
    expect(await inboxIds('李志强')).not.toContain(id); // another township
    expect(await inboxIds('王建国')).not.toContain(id); // counsel do not pre-screen legal aid
    expect(errorCode(await view('何春生', id))).toBe('404 CASE_NOT_FOUND');

    const asked = await act('王志强', id, { act: 'ask_material', text: '请补充劳动合同或工资条照片', dueDate: tomorrow() });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'waiting', handlerName: '王志强', dueAt: null });
    const mine = await view('林红霞', id);
    expect(mine.body.can).toEqual(expect.arrayContaining(['supply']));
    expect(mine.body.steps.at(-1)).toMatchObject({
      kind: 'ask_material',
      dueDate: tomorrow(),
      text: '请补充劳动合同或工资条照片',
    });
    expect(errorCode(await act('王志强', id, { act: 'forward', text: '材料齐全' }))).toBe('409 CASE_ACT_NOT_ALLOWED');

    expect((await act('林红霞', id, { act: 'supply', text: '已补充工友证明和聊天记录' })).body.status).toBe('handling');
    const forwarded = await act('王志强', id, { act: 'forward', text: '符合条件，转县法律援助中心' });
    expect(forwarded.body).toMatchObject({ tier: 'county', status: 'open', handlerName: null });
    expect(await inboxIds('赵振华')).toContain(id);
    expect(errorCode(await act('王志强', id, { act: 'decide', outcome: 'granted', text: '同意', lawyer: '张律师' }))).toBe(
      '403 CASE_NOT_HANDLER',
    );
    expect(errorCode(await act('赵振华', id, { act: 'decide', outcome: 'granted', text: '符合法律援助条件' }))).toBe(
      '400 CASE_LAWYER_REQUIRED',
    );
    const granted = await act('赵振华', id, {
      act: 'decide',
      outcome: 'granted',
      text: '符合法律援助条件',
      lawyer: '辽宁某律师事务所 张明',
    });
    expect(granted.body).toMatchObject({ status: 'done', outcome: 'granted' });
    const trail = (await view('林红霞', id)).body;
    expect(trail.steps.map((s: { kind: string }) => s.kind)).toEqual(['opened', 'ask_material', 'supply', 'forward', 'decide']);
    expect(trail.steps.at(-1).lawyer).toBe('辽宁某律师事务所 张明');
    expect(trail.steps.slice(1).every((s: { tookHours: number | null }) => typeof s.tookHours === 'number')).toBe(true);
    expect(trail.can).toEqual(['rate']);

    const rated = await call('rateCase', {
      token: tokens['林红霞'],
      params: { caseId: id },
      body: { attitude: 5, efficiency: 4, competence: 5 },
    });
    expect(rated.status).toBe(200);
    expect(rated.body.rating).toMatchObject({ attitude: 5 });
    const again = await call('rateCase', {
      token: tokens['林红霞'],
      params: { caseId: id },
      body: { attitude: 1, efficiency: 1, competence: 1 },
    });
    expect(errorCode(again)).toBe('409 CASE_ALREADY_RATED');
    expect(await mongoose.connection.collection('case_ratings').countDocuments({ caseId: new mongoose.Types.ObjectId(id) })).toBe(
      1,
    );
  });

  it('a refusal is final and its reason reaches the applicant; nothing more may happen to the case', async () => {
    const id = (await apply('林红霞')).body.id;
    const refused = await act('王志强', id, { act: 'refuse', text: '该纠纷已进入诉讼程序，请联系承办法官' });
    expect(refused.body).toMatchObject({ status: 'done', outcome: 'refused' });
    expect(errorCode(await act('王志强', id, { act: 'forward', text: '转县' }))).toBe('409 CASE_DONE');
    expect((await view('林红霞', id)).body.steps.at(-1).text).toBe('该纠纷已进入诉讼程序，请联系承办法官');
  });

  it('the same staff tapping 受理 twice at once: one step is recorded', async () => {
    const id = (await apply('林红霞')).body.id;
    const [a, b] = await Promise.all([act('王志强', id, { act: 'take' }), act('王志强', id, { act: 'take' })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect(['200', '409']).toContain(String(statuses[1]));
    const steps = (await view('王志强', id)).body.steps.filter((s: { kind: string }) => s.kind === 'take');
    expect(steps).toHaveLength(1);
  });

  it('the same application sent twice is recorded once; bad input changes nothing', async () => {
    const clientKey = key();
    const body = {
      kind: 'legal_aid',
      clientKey,
      matter: 'support_payments',
      householdSize: 2,
      monthlyIncome: 800,
      account: '儿子不给赡养费',
    };
    const [a, b] = await Promise.all([
      call('openCase', { token: tokens['林红霞'], body }),
      call('openCase', { token: tokens['林红霞'], body }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await mongoose.connection.collection('cases').countDocuments({ clientKey })).toBe(1);
    const before = await count('cases');
    const bad = await call('openCase', { token: tokens['林红霞'], body: { ...body, clientKey: key(), householdSize: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(errorCode(await call('openCase', { token: tokens['何春生'], body: { ...body, clientKey: key() } }))).toBe(
      '409 CASE_NEEDS_VILLAGE',
    );
    expect(await count('cases')).toBe(before);
  });
});
