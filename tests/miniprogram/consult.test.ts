/**
 * Private consultations (docs/domain.md R8-R10) in the COMPILED weapp build, run in miniprogram-simulate
 * against a real running server (tests/support/stack.ts). Needs `npm run build:weapp -w miniprogram`.
 *
 * 1. 私下咨询 (ask page, 林红霞): a question sent while the server is unreachable keeps its clientKey in
 *    storage; 重新提交 sends the same key and the server holds ONE consultation. A question the server
 *    already recorded (the reply was lost) resent with its stored key answers 200 and still makes one.
 * 2. 咨询详情 (thread page): 王建国, counsel of 富民社区, answers a consultation asked through the API;
 *    the server records the answered step by him (首问负责: he now owns it).
 * 3. First-contact conflict: after the question went up to the county, 赵振华 (county staff) has the
 *    page open with 答复 offered while 孙雅琴 (county expert) answers first; his answer is refused and
 *    the page shows the server's Chinese CONSULTATION_OWNED_BY_OTHER message.
 */
import type { Consultation, ConsultationListReply, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import {
  API_BASE_KEY,
  SESSION_KEY,
  bootWeapp,
  tap,
  textOf,
  waitFor,
  type SimComponent,
  type WeappRuntime,
  typeInto,
} from './support/taro-weapp';

const ASK_DRAFT_KEY = 'vc.consultAsk';
const OWNED_BY_OTHER = '该咨询已由他人受理（首问负责）';
const tag = Date.now().toString(36);

let stack: TestStack;
let runtime: WeappRuntime;
let villager: Session;
let counsel: Session;
let townshipStaff: Session;
let countyStaff: Session;
let countyExpert: Session;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

const get = <T>(path: string, s: Session) => api<T>(stack.baseUrl, 'GET', path, s.token);
const post = <T>(path: string, s: Session, body: unknown) => api<T>(stack.baseUrl, 'POST', path, s.token, body);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function show(page: SimComponent) {
  (page.instance.onShow as () => void).call(page.instance);
}

const asksPosted = () => runtime.wx.requests.filter((r) => r.method === 'POST' && /\/api\/consultations$/.test(r.url));
const mine = async (question: string) =>
  (await get<ConsultationListReply>('/api/consultations/mine', villager)).items.filter(
    (c) => c.preview === question.slice(0, 60),
  );

beforeAll(async () => {
  stack = await startUiStack();
  villager = await loginAs('林红霞');
  counsel = await loginAs('王建国');
  townshipStaff = await loginAs('王志强');
  countyStaff = await loginAs('赵振华');
  countyExpert = await loginAs('孙雅琴');
  expect(villager.user.village?.code).toBe('210921001001');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: villager } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('私下咨询 (weapp build)', () => {
  let page: SimComponent;

  it('keeps the clientKey through a network error; the retry asks once', async () => {
    const question = `邻居占用我家宅基地修路，应该怎么维权？（${tag}-1）`;
    runtime.wx.storage.set(API_BASE_KEY, 'http://127.0.0.1:9');
    page = runtime.openPage('consult/ask/index');
    await waitFor(() => page.querySelector('#ask-question'), 15000, 'the question box');
    expect(textOf(page, 'ask-privacy')).toContain('只有本村法律顾问和负责办理的司法所');

    typeInto(page, 'ask-question', question);
    await waitFor(() => textOf(page, 'ask-counter') === `${question.length} / 2000`, 5000, 'the counter');
    await waitFor(
      () => (runtime.wx.storage.get(ASK_DRAFT_KEY) as { question?: string } | undefined)?.question === question,
      5000,
      'the stored draft',
    );
    tap(page, 'ask-submit');
    expect(await waitFor(() => textOf(page, 'error-message'), 20000, 'the network error')).toContain('网络连接失败');
    const stored = runtime.wx.storage.get(ASK_DRAFT_KEY) as { clientKey: string | null; question: string };
    expect(stored.clientKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(textOf(page, 'ask-submit')).toBe('重新提交');

    // back online: the resend carries the same key, the thread opens
    runtime.wx.storage.set(API_BASE_KEY, stack.baseUrl);
    const navigations = runtime.wx.navigations.length;
    tap(page, 'ask-submit');
    const nav = await waitFor(() => runtime.wx.navigations[navigations], 15000, 'the thread to open');
    expect(nav.api).toBe('redirectTo');
    const [created, ...more] = await mine(question);
    expect(more).toHaveLength(0);
    expect(nav.url).toBe(`/consult/thread/index?id=${created!.id}`);
    expect(created!.status).toBe('open');
    expect(created!.tier).toBe('village');
    expect(runtime.wx.storage.get(ASK_DRAFT_KEY)).toBeUndefined();
    expect(asksPosted().map((r) => r.status)).toEqual([0, 201]);
  });

  it('resending a question the server already recorded (reply lost) answers 200 and makes no second one', async () => {
    const question = `土地承包合同到期后村里要收回，我该怎么办？（${tag}-2）`;
    const clientKey = `cq-lost-${tag}`;
    // the first send reached the server, its reply never reached the phone
    const first = await post<Consultation>('/api/consultations', villager, { clientKey, question });
    runtime.wx.storage.set(ASK_DRAFT_KEY, { question, clientKey, keyFor: question });
    show(page);
    await waitFor(() => textOf(page, 'ask-submit') === '重新提交', 15000, 'the stored draft with its key');
    expect(textOf(page, 'ask-counter')).toBe(`${question.length} / 2000`);

    const navigations = runtime.wx.navigations.length;
    const before = asksPosted().length;
    tap(page, 'ask-submit');
    const nav = await waitFor(() => runtime.wx.navigations[navigations], 15000, 'the thread to open');
    expect(nav.url).toBe(`/consult/thread/index?id=${first.id}`);
    expect(
      asksPosted()
        .slice(before)
        .map((r) => r.status),
    ).toEqual([200]);
    expect(await mine(question)).toHaveLength(1);
  });
});

describe('咨询详情 (weapp build)', () => {
  let page: SimComponent;
  let consultation: Consultation;
  const answerText = `根据《农村土地承包法》，承包期内发包方不得收回承包地，请保留合同原件。（${tag}）`;

  beforeAll(async () => {
    consultation = await post<Consultation>('/api/consultations', villager, {
      clientKey: `cq-thread-${tag}`,
      question: `村里要收回我家承包的耕地，合法吗？（${tag}-3）`,
    });
    expect(consultation.can.answer).toBe(false); // the asker does not answer
  });

  it('the counsel answers through the page; the server records the step by him', async () => {
    runtime.wx.storage.set(SESSION_KEY, counsel);
    page = runtime.openPage('consult/thread/index', { id: consultation.id });
    await waitFor(() => page.querySelector('#answer-text'), 15000, 'the answer box');
    expect(textOf(page, 'thread-question')).toBe(consultation.question);
    expect(textOf(page, 'thread-tier')).toBe('村级办理');
    expect(textOf(page, 'thread-status')).toBe('待答复');
    const asker = textOf(page, 'thread-asker') ?? '';
    expect(asker).toContain('林红霞');
    expect(asker).toContain('170****0102');
    expect(asker).not.toContain('17000000102');
    expect(textOf(page, 'step-title-1')).toBe('提出咨询');

    // nothing typed: refused on the phone, nothing sent
    const before = runtime.wx.requests.length;
    tap(page, 'answer-submit');
    expect(await waitFor(() => textOf(page, 'error-message'), 5000, 'the missing text')).toBe('请填写答复内容');
    expect(runtime.wx.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(0);

    typeInto(page, 'answer-text', answerText);
    await pause(50);
    tap(page, 'answer-submit');
    expect(await waitFor(() => textOf(page, 'ok-message'), 15000, 'the answer to be saved')).toBe('已答复');
    await waitFor(() => textOf(page, 'step-text-2'), 5000, 'the answered step');
    expect(textOf(page, 'step-title-2')).toBe('答复');
    expect(textOf(page, 'step-by-2')).toBe('王建国（村（居）法律顾问）');
    expect(textOf(page, 'step-text-2')).toBe(answerText);
    expect(textOf(page, 'thread-status')).toBe('已答复');

    const onServer = await get<Consultation>(`/api/consultations/${consultation.id}`, villager);
    expect(onServer.steps.map((s) => s.kind)).toEqual(['asked', 'answered']);
    expect(onServer.steps[1]).toMatchObject({ byName: '王建国', byRole: '村（居）法律顾问', text: answerText });
    expect(onServer).toMatchObject({ status: 'answered', handlerName: '王建国' });
    expect(onServer.firstResponseAt).not.toBeNull();
  });

  it('someone else at the county took it first: the page shows the first-contact refusal in Chinese', async () => {
    // the counsel hands it to the township, with a reason (a reason is required)
    tap(page, 'escalate-submit');
    expect(await waitFor(() => textOf(page, 'error-message'), 5000, 'the missing reason')).toBe('请填写提交上级的原因');
    expect(textOf(page, 'ok-message')).toBeNull();
    typeInto(page, 'escalate-reason', '涉及土地确权，需要司法所协调');
    await pause(50);
    tap(page, 'escalate-submit');
    await waitFor(() => textOf(page, 'ok-message') === '已提交乡镇司法所', 15000, 'the escalation');
    expect(textOf(page, 'step-title-3')).toBe('提交乡镇（转乡镇司法所）');
    expect(textOf(page, 'step-reason-3')).toBe('原因：涉及土地确权，需要司法所协调');

    // the township sends it on to the county
    await post<Consultation>(`/api/consultations/${consultation.id}/escalate`, townshipStaff, {
      reason: '案情复杂，请县局专家研究',
    });

    // 赵振华 opens it while nobody at the county owns it: 答复 is offered
    runtime.wx.storage.set(SESSION_KEY, countyStaff);
    show(page);
    await waitFor(
      () => textOf(page, 'thread-tier') === '县级办理' && page.querySelector('#answer-text'),
      15000,
      'the county view',
    );
    expect(textOf(page, 'thread-handler')).toBe('待县司法局受理');

    // meanwhile the county expert answers first and so owns it (首问负责)
    await post<Consultation>(`/api/consultations/${consultation.id}/answer`, countyExpert, {
      clientKey: `cs-expert-${tag}`,
      text: '县级专家意见：可向乡镇人民政府申请调解。',
    });

    typeInto(page, 'answer-text', '县局意见：请村委会暂停收回。');
    await pause(50);
    const before = runtime.wx.requests.length;
    tap(page, 'answer-submit');
    expect(await waitFor(() => textOf(page, 'error-message'), 15000, 'the refusal')).toBe(OWNED_BY_OTHER);
    const refused = runtime.wx.requests.slice(before).find((r) => r.method === 'POST' && r.url.endsWith('/answer'));
    expect(refused?.status).toBe(409);
    // the page reloads: the answer box is gone, the owner is shown, the message stays
    await waitFor(() => !page.querySelector('#answer-box'), 15000, 'the answer box to go');
    expect(textOf(page, 'thread-handler')).toBe('经办人：孙雅琴');
    expect(textOf(page, 'error-message')).toBe(OWNED_BY_OTHER);

    const onServer = await get<Consultation>(`/api/consultations/${consultation.id}`, villager);
    const answers = onServer.steps.filter((s) => s.kind === 'answered').map((s) => s.byName);
    expect(answers).toEqual(['王建国', '孙雅琴']);
    expect(onServer.steps.map((s) => s.kind)).toEqual(['asked', 'answered', 'escalated', 'escalated', 'answered']);
  });
});
