/**
 * Subscribe-message consent (issue 13 item 5) in the COMPILED weapp build, in miniprogram-simulate
 * against a real running server:
 *
 * 1. 提交咨询 (villager) and 提交 of a ledger entry (counsel) show WeChat's subscribe sheet from the
 *    tap itself, with the template ids the server gave; accepted or refused, the question / entry is
 *    sent, and the server holds what the person chose;
 * 2. 提醒设置 (privacy subpackage, linked from 我的) shows each notice 已开启（剩余 n 次）or 未开启 and
 *    turns one on from a tap; the counsel's progress page offers 开启月底提醒.
 *
 * Needs `npm run build:weapp -w miniprogram`.
 */
import type { NoticesReply, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import {
  SESSION_KEY,
  bootWeapp,
  tap,
  textOf,
  waitFor,
  type SimComponent,
  type WeappRuntime,
  typeInto,
} from './support/taro-weapp';

const tag = Date.now().toString(36);
let stack: TestStack;
let runtime: WeappRuntime;
let villager: Session;
let counsel: Session;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

const notices = async (s: Session) =>
  Object.fromEntries((await api<NoticesReply>(stack.baseUrl, 'GET', '/api/me/notices', s.token)).items.map((n) => [n.key, n]));

const noticesLoaded = (from: number) =>
  waitFor(
    () =>
      runtime.wx.requests.slice(from).some((r) => r.method === 'GET' && r.url.endsWith('/api/me/notices') && r.status === 200),
    15000,
    'the notices of the page',
  );
const posted = (from: number, path: RegExp) =>
  runtime.wx.requests.slice(from).filter((r) => r.method === 'POST' && path.test(new URL(r.url).pathname));

beforeAll(async () => {
  stack = await startUiStack();
  villager = await loginAs('林红霞');
  counsel = await loginAs('王建国');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: villager } });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the sheet appears from the tap that promises a notice', () => {
  // a page loads once per test file: the ask page is opened once and used for both questions
  let askPage: SimComponent | null = null;
  async function ask(question: string) {
    const from = runtime.wx.requests.length;
    if (!askPage) {
      askPage = runtime.openPage('consult/ask/index');
      await waitFor(() => askPage!.querySelector('#ask-question'), 15000, 'the question box');
      await noticesLoaded(from);
    }
    const page = askPage;
    typeInto(page, 'ask-question', question);
    await waitFor(() => textOf(page, 'ask-counter')?.startsWith(String([...question].length)), 5000, 'the typed question');
    const calls = runtime.wx.subscribe.calls.length;
    tap(page, 'ask-submit');
    await waitFor(() => posted(from, /^\/api\/consultations$/).some((r) => r.status === 201), 15000, 'the question sent');
    // the page is ready for the next question once the draft is cleared
    await waitFor(() => textOf(page, 'ask-counter')?.startsWith('0 '), 15000, 'the cleared form');
    return { sheet: runtime.wx.subscribe.calls.slice(calls), from };
  }

  it('提交咨询, accepted: one sheet from the tap with the answer notice; the question is sent and the accept recorded', async () => {
    const answerTemplate = (await notices(villager)).consultationAnswered!.templateId;
    runtime.wx.subscribe.answer = () => 'accept';
    const { sheet, from } = await ask(`订阅测试：承包地被占用怎么办？（${tag}-1）`);
    expect(sheet).toEqual([{ tmplIds: [answerTemplate], fromTap: true, results: { [answerTemplate]: 'accept' } }]);
    await waitFor(() => posted(from, /^\/api\/me\/notices$/).some((r) => r.status === 200), 15000, 'the accept recorded');
    expect((await notices(villager)).consultationAnswered).toMatchObject({ status: 'on', quota: 1 });
  });

  it('提交咨询, refused: the question is sent all the same, and the refusal recorded with its time', async () => {
    runtime.wx.subscribe.answer = () => 'reject';
    const { sheet, from } = await ask(`订阅测试：拒绝提醒也能提问（${tag}-2）`);
    expect(sheet).toHaveLength(1);
    expect(sheet[0]!.fromTap).toBe(true);
    await waitFor(() => posted(from, /^\/api\/me\/notices$/).some((r) => r.status === 200), 15000, 'the refusal recorded');
    const answered = (await notices(villager)).consultationAnswered!;
    expect(answered).toMatchObject({ status: 'on', quota: 1 });
    expect(answered.lastRefusedAt).not.toBeNull();
  });

  it('台账提交 (counsel): the sheet asks for the review notice, and the entry is sent whatever the answer', async () => {
    runtime.wx.storage.set(SESSION_KEY, counsel);
    const reviewTemplate = (await notices(counsel)).ledgerReviewed!.templateId;
    const opened = runtime.wx.requests.length;
    const page = runtime.openPage('ledger/entry/index');
    await waitFor(() => page.querySelector('#entry-summary'), 15000, 'the entry form');
    await noticesLoaded(opened);
    for (const answer of ['accept', 'reject'] as const) {
      runtime.wx.subscribe.answer = () => answer;
      const from = runtime.wx.requests.length;
      typeInto(page, 'entry-summary', `驻村值班，接待村民咨询（${tag}-${answer}）`);
      // the typed summary is in the draft (stored) before 提交 reads it
      await waitFor(
        () => (runtime.wx.storage.get('vc.ledgerDraft') as { summary?: string } | undefined)?.summary?.includes(tag),
        5000,
      );
      const calls = runtime.wx.subscribe.calls.length;
      // Taro renders asynchronously: a tap before the typed summary is rendered is refused on the
      // phone (请填写服务内容, before any sheet or request) and tapped again, as a person would
      for (let attempt = 0; attempt < 5; attempt += 1) {
        tap(page, 'entry-submit');
        const outcome = await waitFor(
          () =>
            posted(from, /^\/api\/ledger\/entries$/).some((r) => r.status === 201)
              ? 'sent'
              : textOf(page, 'error-message')?.includes('请填写服务内容') && 'empty',
          15000,
          'the entry sent',
        );
        if (outcome === 'sent') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(posted(from, /^\/api\/ledger\/entries$/).some((r) => r.status === 201)).toBe(true);
      expect(runtime.wx.subscribe.calls.slice(calls)).toEqual([
        { tmplIds: [reviewTemplate], fromTap: true, results: { [reviewTemplate]: answer } },
      ]);
      await waitFor(() => posted(from, /^\/api\/me\/notices$/).some((r) => r.status === 200), 15000, 'the answer recorded');
    }
    const review = (await notices(counsel)).ledgerReviewed!;
    expect(review).toMatchObject({ status: 'on', quota: 1 });
    expect(review.lastRefusedAt).not.toBeNull();
  });
});

describe('提醒设置 and 开启月底提醒', () => {
  it('我的 links to 提醒设置', async () => {
    runtime.wx.storage.set(SESSION_KEY, villager);
    const page = runtime.openPage('pages/me/index');
    await waitFor(() => page.querySelector('#me-notices'), 15000, 'the 提醒设置 row');
    const navigations = runtime.wx.navigations.length;
    tap(page, 'me-notices');
    await waitFor(() => runtime.wx.navigations.length > navigations, 5000, 'the navigation');
    expect(runtime.wx.navigations.at(-1)!.url).toContain('/privacy/notices/index');
  });

  it('shows each notice on (with what is left) or off, and turns one on from a tap', async () => {
    runtime.wx.storage.set(SESSION_KEY, villager);
    runtime.wx.subscribe.answer = () => 'accept';
    const page = runtime.openPage('privacy/notices/index');
    await waitFor(() => textOf(page, 'notice-status-joinDecided'), 15000, 'the notices');
    expect(textOf(page, 'notice-status-consultationAnswered')).toBe('提醒已开启（剩余 1 次）');
    expect(textOf(page, 'notice-status-joinDecided')).toBe('提醒未开启');
    // a villager gets no ledger notices
    expect(page.querySelector('#notice-ledgerReviewed')).toBeFalsy();
    const joinTemplate = (await notices(villager)).joinDecided!.templateId;
    const calls = runtime.wx.subscribe.calls.length;
    tap(page, 'notice-on-joinDecided');
    await waitFor(() => textOf(page, 'notice-status-joinDecided') === '提醒已开启（剩余 1 次）', 15000, 'the notice on');
    expect(runtime.wx.subscribe.calls.slice(calls)).toEqual([
      { tmplIds: [joinTemplate], fromTap: true, results: { [joinTemplate]: 'accept' } },
    ]);
    expect((await notices(villager)).joinDecided).toMatchObject({ status: 'on', quota: 1 });
  });

  it('the counsel turns the month-end reminder on from the progress page', async () => {
    runtime.wx.storage.set(SESSION_KEY, counsel);
    runtime.wx.subscribe.answer = () => 'accept';
    const page = runtime.openPage('ledger/progress/index');
    await waitFor(() => textOf(page, 'notice-on-monthEndReminder') === '开启月底提醒', 15000, 'the 开启月底提醒 button');
    expect(textOf(page, 'notice-status-monthEndReminder')).toBe('提醒未开启');
    tap(page, 'notice-on-monthEndReminder');
    await waitFor(() => textOf(page, 'notice-status-monthEndReminder') === '提醒已开启（剩余 1 次）', 15000, 'the reminder on');
    expect(runtime.wx.subscribe.calls.at(-1)!.fromTap).toBe(true);
    expect((await notices(counsel)).monthEndReminder).toMatchObject({ status: 'on', quota: 1 });
  });

  it('a sheet asked for outside a tap is refused by WeChat (the fake enforces it as WeChat does)', async () => {
    const wx = runtime.wx.api as { requestSubscribeMessage: (o: object) => void };
    const failed = await new Promise<string>((resolve) =>
      wx.requestSubscribeMessage({
        tmplIds: ['answer-template-id'],
        success: () => resolve('ok'),
        fail: (e: { errMsg: string }) => resolve(e.errMsg),
      }),
    );
    expect(failed).toContain('TAP gesture');
  });
});
