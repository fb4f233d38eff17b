/**
 * A report of a message in the county's work group (issue 13, reports): a county group has no
 * township, so its report reaches the county's staff (its moderators), not a township's; they
 * dismiss or remove, once, on record. Over real HTTP.
 */
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};

const COUNTY = '210921';
const TOWNSHIP = '210921001';
let keyCounter = 0;
const key = () => `crp-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;

const post = (who: string, text: string) =>
  call('postGroupMessage', { token: tokens[who], params: { groupCode: COUNTY }, body: { clientKey: key(), text } });
const report = (who: string, seq: number) =>
  call('reportGroupMessage', {
    token: tokens[who],
    params: { groupCode: COUNTY, seq: String(seq) },
    body: { reason: 'fraud', text: '疑似诈骗' },
  });
const countyReports = (who: string, status = 'open') =>
  call('countyReports', { token: tokens[who], params: { countyCode: COUNTY }, query: { status } });
const decide = (who: string, reportId: string, body: Record<string, unknown>) =>
  call('decideCountyReport', { token: tokens[who], params: { countyCode: COUNTY, reportId }, body });
const readGroup = async (who: string) =>
  (await call('groupMessages', { token: tokens[who], params: { groupCode: COUNTY }, query: { after: 0, limit: 200 } })).body
    .items as { seq: number; text: string | null; kind: string }[];

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['王建国', '孙雅琴', '赵振华', '王志强']) tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

it('reaches the county staff, not a township; removed once with a reason; the message is gone for members', async () => {
  const text = '内部消息：交200元可以优先评优，加我微信';
  const posted = await post('王建国', text);
  expect(posted.status).toBe(201);
  const seq = posted.body.message.seq as number;
  const filed = await report('孙雅琴', seq);
  expect(filed.status).toBe(201);
  expect(filed.body).toMatchObject({ groupCode: COUNTY, seq, status: 'open', excerpt: text });
  const reportId = filed.body.id as string;

  // not in the township's list; in the county's
  const township = await call('townshipReports', {
    token: tokens['王志强'],
    params: { townshipCode: TOWNSHIP },
    query: { status: 'open' },
  });
  expect((township.body.items as { id: string }[]).map((r) => r.id)).not.toContain(reportId);
  expect(
    errorCode(
      await call('decideReport', {
        token: tokens['王志强'],
        params: { townshipCode: TOWNSHIP, reportId },
        body: { decision: 'remove', reason: '不是本乡镇的群' },
      }),
    ),
  ).toBe('404 REPORT_NOT_FOUND');
  const listed = await countyReports('赵振华');
  expect(listed.status).toBe(200);
  expect((listed.body.items as { id: string }[]).map((r) => r.id)).toContain(reportId);
  // township staff are not the county's moderators
  expect(errorCode(await countyReports('王志强'))).toBe('403 FORBIDDEN');

  // decided by the county staff: removed, with the reason, once
  expect(errorCode(await decide('赵振华', reportId, { decision: 'remove' }))).toBe('400 VALIDATION_FAILED');
  const removed = await decide('赵振华', reportId, { decision: 'remove', reason: '以评优为名收钱，属诈骗信息' });
  expect(removed.status).toBe(200);
  expect(removed.body).toMatchObject({ status: 'removed', decisionReason: '以评优为名收钱，属诈骗信息' });
  expect(errorCode(await decide('赵振华', reportId, { decision: 'dismiss', reason: '再处理一次' }))).toBe('409 REPORT_DECIDED');
  const message = (await readGroup('孙雅琴')).find((m) => m.seq === seq);
  expect(message?.text).not.toBe(text);
  expect((await countyReports('赵振华', 'removed')).body.items.map((r: { id: string }) => r.id)).toContain(reportId);
  expect((await countyReports('赵振华')).body.items.map((r: { id: string }) => r.id)).not.toContain(reportId);
});
