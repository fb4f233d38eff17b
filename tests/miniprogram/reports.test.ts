/**
 * Reports (举报, issue 13) in the COMPILED weapp build, run in miniprogram-simulate against a real
 * running server. Needs `npm run build:weapp -w miniprogram`.
 *
 * 1. 林红霞 reports her counsel's group message from the chat (操作 → 举报 → a reason → 提交举报);
 *    the township's staff find it on the server;
 * 2. she reports the counsel's answer in her consultation from the trail (举报 under the answer);
 * 3. 王志强 (township staff) opens 举报与审核, removes the group message with a reason; the server
 *    records the decision and the message is gone from the group;
 * 4. her chat shows the message removed, and her reports the outcome.
 */
import type { Consultation, GroupMessagesReply, PostGroupMessageReply, Report, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { answerConfirm } from './support/dialogs';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const VILLAGE = '210921001001';
const TOWNSHIP = '210921001';
const WAIT = 15000;

let stack: TestStack;
let villager: Session;
let moderator: Session;
let counsel: Session;
let runtime: WeappRuntime;
/** 林红霞's chat, open from the first test on (a page route opens once per file: the simulator caches it) */
let chat: SimComponent | undefined;
const opened: SimComponent[] = [];

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

function open(route: string, query: Record<string, string>, as: Session): SimComponent {
  runtime.wx.storage.set(SESSION_KEY, as);
  const page = runtime.openPage(route, query);
  opened.push(page);
  return page;
}

function type(page: SimComponent, id: string, value: string): Promise<void> {
  const node = page.querySelector(`#${id}`);
  if (!node) throw new Error(`#${id} not found`);
  node.dispatchEvent('input', { detail: { value } });
  return new Promise((r) => setTimeout(r, 50));
}

/** Taro renders a state change asynchronously. */
const settle = () => new Promise((r) => setTimeout(r, 100));

const townshipReports = (status = 'open') =>
  api<{ items: Report[] }>(stack.baseUrl, 'GET', `/api/townships/${TOWNSHIP}/reports?status=${status}`, moderator.token);

beforeAll(async () => {
  stack = await startUiStack();
  villager = await loginAs('林红霞');
  moderator = await loginAs('王志强');
  counsel = await loginAs('王建国');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: villager } });
});

afterAll(async () => {
  for (const page of opened) page.detach();
  await stack?.stop();
});

describe('举报 (weapp build)', () => {
  let seq = 0;
  const text = `加微信领取补贴，先交手续费${Date.now()}`;

  it('林红霞 reports a group message from the chat; it reaches the township staff', async () => {
    const posted = await api<PostGroupMessageReply>(stack.baseUrl, 'POST', `/api/groups/${VILLAGE}/messages`, counsel.token, {
      clientKey: `rp-${Date.now().toString(36)}`,
      text,
    });
    seq = posted.message!.seq;
    const page = open('groups/chat/index', { code: VILLAGE }, villager);
    chat = page;
    await waitFor(() => textOf(page, `msg-text-${seq}`) === text, WAIT, 'the counsel message in the chat');
    tap(page, `msg-actions-${seq}`);
    await waitFor(() => page.querySelector(`#report-${seq}`), WAIT, 'the 举报 button');
    expect(textOf(page, `report-${seq}`)).toBe('举报');
    tap(page, `report-${seq}`);
    await waitFor(() => page.querySelector(`#report-reason-${seq}-fraud`), WAIT, 'the reasons');
    tap(page, `report-reason-${seq}-fraud`);
    await settle();
    await type(page, `report-text-${seq}`, '要求先交钱');
    tap(page, `report-submit-${seq}`);
    const ok = await waitFor(() => textOf(page, 'ok-message'), WAIT, 'the confirmation');
    expect(ok).toContain('已提交举报');
    const found = (await townshipReports()).items.find((r) => r.groupCode === VILLAGE && r.seq === seq);
    expect(found).toMatchObject({ reason: 'fraud', text: '要求先交钱', excerpt: text, status: 'open' });
  });

  it('she reports the answer in her consultation from the trail', async () => {
    const asked = await api<Consultation>(stack.baseUrl, 'POST', '/api/consultations', villager.token, {
      clientKey: `rq-${Date.now().toString(36)}`,
      question: '邻居占了我家的宅基地怎么办？',
    });
    const answered = await api<Consultation>(stack.baseUrl, 'POST', `/api/consultations/${asked.id}/answer`, counsel.token, {
      clientKey: `ra-${Date.now().toString(36)}`,
      text: '这种小事别来烦我',
    });
    const n = answered.steps.at(-1)!.n;
    const thread = open('consult/thread/index', { id: asked.id }, villager);
    await waitFor(() => thread.querySelector(`#step-report-${n}`), WAIT, 'the 举报 of the answer');
    // her own question is not reportable
    expect(thread.querySelector('#step-report-1')).toBeFalsy();
    tap(thread, `step-report-${n}`);
    await waitFor(() => thread.querySelector(`#report-reason-step-${n}-abuse`), WAIT, 'the reasons');
    tap(thread, `report-reason-step-${n}-abuse`);
    await settle(); // the chosen reason enables 提交举报
    tap(thread, `report-submit-step-${n}`);
    expect(await waitFor(() => textOf(thread, 'ok-message'), WAIT, 'the confirmation')).toContain('已提交举报');
    const found = (await townshipReports()).items.find((r) => r.consultationId === asked.id);
    expect(found).toMatchObject({ target: 'consultation_reply', n, reason: 'abuse', excerpt: '这种小事别来烦我' });
  });

  it('王志强 removes the group message with a reason from 举报与审核; she sees the outcome', async () => {
    const report = (await townshipReports()).items.find((r) => r.groupCode === VILLAGE && r.seq === seq)!;
    const page = open('groups/reports/index', {}, moderator);
    await waitFor(() => textOf(page, `report-excerpt-${report.id}`) === text, WAIT, 'the report in the list');
    await type(page, `decide-reason-${report.id}`, '经核实为诈骗信息');
    tap(page, `decide-remove-${report.id}`);
    expect(await answerConfirm(page)).toContain('删除后其他人不再看到该内容');
    expect(await waitFor(() => textOf(page, 'ok-message'), WAIT, 'the confirmation')).toContain('已删除');
    const removed = (await townshipReports('removed')).items.find((r) => r.id === report.id);
    expect(removed).toMatchObject({ status: 'removed', decisionReason: '经核实为诈骗信息' });
    const messages = await api<GroupMessagesReply>(
      stack.baseUrl,
      'GET',
      `/api/groups/${VILLAGE}/messages?after=${seq - 1}&limit=1`,
      villager.token,
    );
    expect(messages.items[0]).toMatchObject({ seq, state: 'removed' });

    // her chat shows it removed after a poll; her reports show the outcome
    await waitFor(() => textOf(chat!, `msg-text-${seq}`) === '该消息已被管理员删除', WAIT, 'the removal in her chat');
    const mine = await api<{ items: Report[] }>(stack.baseUrl, 'GET', '/api/reports/mine', villager.token);
    expect(mine.items.find((r) => r.id === report.id)).toMatchObject({ status: 'removed', decisionReason: '经核实为诈骗信息' });
  });
});
