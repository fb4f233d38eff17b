/**
 * Reports from the county's work group in the COMPILED weapp build (issue 13), in
 * miniprogram-simulate against a real running server: 王建国 posts in the county group, 孙雅琴
 * (county expert) reports it, 赵振华 (county staff, the group's moderator) opens 举报与审核, sees it
 * under 县级群举报 and removes it with a reason; the server records the decision.
 * Needs `npm run build:weapp -w miniprogram`.
 */
import type { GroupMessagesReply, PostGroupMessageReply, Report, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { answerConfirm } from './support/dialogs';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const COUNTY = '210921';
const WAIT = 15000;

let stack: TestStack;
let runtime: WeappRuntime;
let page: SimComponent | undefined;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});

afterAll(async () => {
  page?.detach();
  await stack?.stop();
});

it('county staff find a county-group report under 县级群举报 and remove the message with a reason', async () => {
  const [counsel, expert, countyStaff] = [await loginAs('王建国'), await loginAs('孙雅琴'), await loginAs('赵振华')];
  const text = `县级群：交钱可以优先评优，加我微信${Date.now()}`;
  const posted = await api<PostGroupMessageReply>(stack.baseUrl, 'POST', `/api/groups/${COUNTY}/messages`, counsel.token, {
    clientKey: `crp-${Date.now().toString(36)}`,
    text,
  });
  const seq = posted.message!.seq;
  const report = await api<Report>(stack.baseUrl, 'POST', `/api/groups/${COUNTY}/messages/${seq}/reports`, expert.token, {
    reason: 'fraud',
    text: '以评优为名收钱',
  });

  runtime.wx.storage.set(SESSION_KEY, countyStaff);
  page = runtime.openPage('groups/reports/index', {});
  await waitFor(() => textOf(page!, `report-excerpt-${report.id}`) === text, WAIT, 'the report in the county list');
  expect(textOf(page, 'reports-tab-reports')).toBe('县级群举报');
  expect(textOf(page, 'reports-county')).toContain('县级工作群收到的举报');

  const reason = page.querySelector(`#decide-reason-${report.id}`);
  if (!reason) throw new Error('no reason input');
  reason.dispatchEvent('input', { detail: { value: '以评优为名收钱，属诈骗信息' } });
  await new Promise((r) => setTimeout(r, 50));
  tap(page, `decide-remove-${report.id}`);
  await answerConfirm(page);
  expect(await waitFor(() => textOf(page!, 'ok-message'), WAIT, 'the confirmation')).toContain('已删除');

  const removed = await api<{ items: Report[] }>(
    stack.baseUrl,
    'GET',
    `/api/counties/${COUNTY}/reports?status=removed`,
    countyStaff.token,
  );
  expect(removed.items.find((r) => r.id === report.id)).toMatchObject({
    status: 'removed',
    decisionReason: '以评优为名收钱，属诈骗信息',
  });
  const messages = await api<GroupMessagesReply>(
    stack.baseUrl,
    'GET',
    `/api/groups/${COUNTY}/messages?after=${seq - 1}&limit=1`,
    expert.token,
  );
  expect(messages.items[0]).toMatchObject({ seq, state: 'removed' });
});
