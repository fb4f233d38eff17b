/**
 * A moderator's reason for removing a group message is posted to the whole group, so it passes
 * WeChat's text check like a post (issue 13): a reason that does not pass (one naming the fraud it
 * removes may not) leaves a plain notice, the removal still happens, and the reason stays on the
 * group's record. Also for a removal decided from a report. Over real HTTP, the fake WeChat
 * flagging its risky word.
 */
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const VILLAGE = '210921001001';
const TOWNSHIP = '210921001';
const RISKY = '赌博'; // the fake WeChat's risky word
let keyCounter = 0;
const key = () => `rr-${Date.now().toString(36)}-${keyCounter++}`;

type Message = { seq: number; kind: string; text: string | null; state?: string };
const post = async (text: string) =>
  (await call('postGroupMessage', { token: tokens['王建国'], params: { groupCode: VILLAGE }, body: { clientKey: key(), text } }))
    .body.message.seq as number;
const messages = async () =>
  (await call('groupMessages', { token: tokens['林红霞'], params: { groupCode: VILLAGE }, query: { after: 0, limit: 200 } })).body
    .items as Message[];
const noticesAfter = async (seq: number) => (await messages()).filter((m) => m.kind === 'notice' && m.seq > seq);
const actions = async () =>
  (await call('groupActions', { token: tokens['王志强'], params: { groupCode: VILLAGE } })).body.items as {
    action: string;
    seq: number | null;
    reason: string | null;
  }[];

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '王志强']) tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

it('a clean reason is shown to the group; a risky one is not, yet the message is removed and the reason kept', async () => {
  const first = await post('本周六上午在村委会讲《民法典》婚姻家庭编');
  const clean = await call('removeGroupMessage', {
    token: tokens['王志强'],
    params: { groupCode: VILLAGE, seq: String(first) },
    body: { reason: '重复发布' },
  });
  expect(clean.status).toBe(200);
  expect((await noticesAfter(first)).map((m) => m.text)).toContain('一条消息已被管理员删除，原因：重复发布');

  const second = await post('周末在村口小卖部打牌，带上钱');
  const reason = `组织${RISKY}，违反群规`;
  const risky = await call('removeGroupMessage', {
    token: tokens['王志强'],
    params: { groupCode: VILLAGE, seq: String(second) },
    body: { reason },
  });
  expect(risky.status).toBe(200);
  const shown = await noticesAfter(second);
  expect(shown.map((m) => m.text)).toContain('一条消息已被管理员删除');
  expect(JSON.stringify(await messages())).not.toContain(RISKY);
  expect((await messages()).find((m) => m.seq === second)?.text).toBeNull();
  expect((await actions()).find((a) => a.action === 'remove_post' && a.seq === second)?.reason).toBe(reason);
});

it('a removal decided from a report shows its reason only when it passes too', async () => {
  const seq = await post('加我微信领补贴，先交手续费');
  const report = await call('reportGroupMessage', {
    token: tokens['林红霞'],
    params: { groupCode: VILLAGE, seq: String(seq) },
    body: { reason: 'fraud', text: '疑似诈骗' },
  });
  expect(report.status).toBe(201);
  const reason = `借补贴之名拉人${RISKY}`;
  const decided = await call('decideReport', {
    token: tokens['王志强'],
    params: { townshipCode: TOWNSHIP, reportId: report.body.id },
    body: { decision: 'remove', reason },
  });
  expect(decided.status).toBe(200);
  expect(decided.body).toMatchObject({ status: 'removed', decisionReason: reason });
  expect((await noticesAfter(seq)).map((m) => m.text)).toContain('一条消息已被管理员删除');
  expect(JSON.stringify(await messages())).not.toContain(RISKY);
  expect((await actions()).find((a) => a.action === 'remove_post' && a.seq === seq)?.reason).toBe(`举报处理：${reason}`);
});
