/**
 * Reports (举报, issue 13 item 4) over real HTTP: a villager reports a group message or a
 * consultation reply; the township's staff (and no other township's) list and decide them —
 * dismiss, or remove the content with a reason, on record; the reporter sees the status.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};

const TOWNSHIP = '210921001';
const OTHER_TOWNSHIP = '210921100';
const VILLAGE = '210921001001';

let keyCounter = 0;
const key = () => `rp-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;

const post = (who: string, text: string) =>
  call('postGroupMessage', { token: tokens[who], params: { groupCode: VILLAGE }, body: { clientKey: key(), text } });
const reportMessage = (who: string, seq: number, body: Record<string, unknown> = { reason: 'fraud', text: '疑似诈骗' }) =>
  call('reportGroupMessage', { token: tokens[who], params: { groupCode: VILLAGE, seq: String(seq) }, body });
const townshipReports = (who: string, township = TOWNSHIP, status = 'open') =>
  call('townshipReports', { token: tokens[who], params: { townshipCode: township }, query: { status } });
const decide = (who: string, township: string, reportId: string, body: Record<string, unknown>) =>
  call('decideReport', { token: tokens[who], params: { townshipCode: township, reportId }, body });
const myReports = async (who: string) =>
  (await call('myReports', { token: tokens[who] })).body.items as { id: string; status: string; decisionReason: string | null }[];
const readGroup = async (who: string) =>
  (await call('groupMessages', { token: tokens[who], params: { groupCode: VILLAGE }, query: { after: 0, limit: 200 } })).body
    .items as { seq: number; text: string | null; kind: string }[];

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '王志强', '李志强']) tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

describe('a group message', () => {
  let seq: number;
  let reportId: string;
  beforeAll(async () => {
    const res = await post('王建国', '加微信领取补贴，先交50元手续费');
    expect(res.status).toBe(201);
    seq = res.body.message.seq;
  });

  it('a member reports it once (a repeat answers the first); the writer cannot report their own', async () => {
    const first = await reportMessage('林红霞', seq);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      target: 'group_message',
      groupCode: VILLAGE,
      seq,
      reason: 'fraud',
      text: '疑似诈骗',
      status: 'open',
      excerpt: '加微信领取补贴，先交50元手续费',
      authorName: '王建国',
    });
    reportId = first.body.id;
    const again = await reportMessage('林红霞', seq);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(reportId);
    expect(await mongoose.connection.collection('reports').countDocuments()).toBe(1);
    expect(errorCode(await reportMessage('王建国', seq))).toBe('422 REPORT_OWN_CONTENT');
    expect(errorCode(await reportMessage('林红霞', 99999))).toBe('404 MESSAGE_NOT_FOUND');
    expect(errorCode(await reportMessage('林红霞', seq, { reason: 'nonsense' }))).toBe('400 VALIDATION_FAILED');
  });

  it('reaches the township staff of the group, not another township', async () => {
    const mine = await townshipReports('王志强');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(reportId);
    const other = await townshipReports('李志强', OTHER_TOWNSHIP);
    expect(other.body.items.map((r: { id: string }) => r.id)).not.toContain(reportId);
    expect(errorCode(await townshipReports('李志强', TOWNSHIP))).toBe('403 OUT_OF_JURISDICTION');
    expect(errorCode(await townshipReports('林红霞'))).toMatch(/^403 /);
    expect(errorCode(await decide('李志强', OTHER_TOWNSHIP, reportId, { decision: 'remove', reason: '越权处理' }))).toBe(
      '404 REPORT_NOT_FOUND',
    );
  });

  it('removed with a reason: the message leaves the group, the reporter sees the outcome, a second decision is refused', async () => {
    expect((await myReports('林红霞')).find((r) => r.id === reportId)).toMatchObject({ status: 'open', decisionReason: null });
    const res = await decide('王志强', TOWNSHIP, reportId, { decision: 'remove', reason: '经核实为诈骗信息' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'removed', decisionReason: '经核实为诈骗信息' });
    const items = await readGroup('林红霞');
    expect(items.some((m) => m.text === '加微信领取补贴，先交50元手续费')).toBe(false);
    expect((await myReports('林红霞')).find((r) => r.id === reportId)).toMatchObject({
      status: 'removed',
      decisionReason: '经核实为诈骗信息',
    });
    expect(errorCode(await decide('王志强', TOWNSHIP, reportId, { decision: 'dismiss', reason: '重复处理' }))).toBe(
      '409 REPORT_DECIDED',
    );
    // on the group's own record: who removed it and why
    const log = await call('groupActions', { token: tokens['王志强'], params: { groupCode: VILLAGE } });
    expect(JSON.stringify(log.body)).toContain('经核实为诈骗信息');
    // the report stays, listed among the removed
    const removed = await townshipReports('王志强', TOWNSHIP, 'removed');
    expect(removed.body.items.map((r: { id: string }) => r.id)).toContain(reportId);
  });

  it('dismissed: the message stays', async () => {
    const posted = await post('王建国', '下周三上午在村部开展普法讲座');
    const report = await reportMessage('林红霞', posted.body.message.seq, { reason: 'spam' });
    const res = await decide('王志强', TOWNSHIP, report.body.id, { decision: 'dismiss', reason: '正常通知' });
    expect(res.body.status).toBe('dismissed');
    expect((await readGroup('林红霞')).some((m) => m.text === '下周三上午在村部开展普法讲座')).toBe(true);
    expect((await myReports('林红霞')).find((r) => r.id === report.body.id)).toMatchObject({ status: 'dismissed' });
  });
});

describe('a consultation reply', () => {
  let id: string;
  let answerN: number;
  beforeAll(async () => {
    const asked = await call('askConsultation', {
      token: tokens['林红霞'],
      body: { clientKey: key(), question: '离婚后孩子的抚养费怎么算？' },
    });
    id = asked.body.id;
    const answered = await call('answerConsultation', {
      token: tokens['王建国'],
      params: { consultationId: id },
      body: { clientKey: key(), text: '你一个女人懂什么法律，别问了' },
    });
    answerN = answered.body.steps.at(-1).n;
  });

  it('the asker reports the answer; the township removes it; only its writer reads it afterwards', async () => {
    const params = { consultationId: id, n: String(answerN) };
    expect(errorCode(await call('reportConsultationReply', { token: tokens['王建国'], params, body: { reason: 'abuse' } }))).toBe(
      '422 REPORT_OWN_CONTENT',
    );
    expect(
      errorCode(
        await call('reportConsultationReply', {
          token: tokens['林红霞'],
          params: { consultationId: id, n: '1' },
          body: { reason: 'abuse' },
        }),
      ),
    ).toBe('404 REPORT_TARGET_NOT_FOUND');
    // someone who cannot see the consultation learns nothing
    expect(errorCode(await call('reportConsultationReply', { token: tokens['李志强'], params, body: { reason: 'abuse' } }))).toBe(
      '404 CONSULTATION_NOT_FOUND',
    );
    const report = await call('reportConsultationReply', {
      token: tokens['林红霞'],
      params,
      body: { reason: 'abuse', text: '答复带有歧视' },
    });
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ target: 'consultation_reply', consultationId: id, n: answerN, authorName: '王建国' });

    const listed = await townshipReports('王志强');
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(report.body.id);
    const decided = await decide('王志强', TOWNSHIP, report.body.id, { decision: 'remove', reason: '答复含有歧视性言论' });
    expect(decided.body.status).toBe('removed');

    const villager = (await call('consultation', { token: tokens['林红霞'], params: { consultationId: id } })).body;
    expect(villager.steps.find((s: { n: number }) => s.n === answerN)).toMatchObject({ text: null, review: 'removed' });
    const counsel = (await call('consultation', { token: tokens['王建国'], params: { consultationId: id } })).body;
    expect(counsel.steps.find((s: { n: number }) => s.n === answerN)).toMatchObject({
      text: '你一个女人懂什么法律，别问了',
      review: 'removed',
    });
    // recorded among the township's decided consultation texts, with the reason
    const record = await call('heldConsultationTexts', {
      token: tokens['王志强'],
      params: { townshipCode: TOWNSHIP },
      query: { status: 'removed' },
    });
    expect(record.body.items.find((r: { consultationId: string }) => r.consultationId === id)).toMatchObject({
      cause: 'report',
      reason: '答复含有歧视性言论',
    });
    expect((await myReports('林红霞')).find((r) => r.id === report.body.id)).toMatchObject({ status: 'removed' });
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});

describe('the database work of the lists (store/README.md, rule 2)', () => {
  it('the township’s reports and a reporter’s own take as many commands for many as for few', async () => {
    const measure = async (send: () => Promise<Reply>) => {
      let reply: Reply | undefined;
      const commands = await stack.commandsDuring(async () => {
        reply = await send();
      });
      expect(reply!.status).toBe(200);
      return { commands: commands.length, items: (reply!.body as { items: unknown[] }).items.length };
    };
    // one after the other: the commands of requests at once would be counted together
    const lists = async () => [
      await measure(() => townshipReports('王志强', TOWNSHIP, 'dismissed')),
      await measure(() => call('myReports', { token: tokens['林红霞'] })),
    ];
    const dismissedReport = async (i: number) => {
      const posted = await post('王建国', `第${i}条需要核实的通知`);
      const report = await reportMessage('林红霞', posted.body.message.seq, { reason: 'other' });
      await decide('王志强', TOWNSHIP, report.body.id, { decision: 'dismiss', reason: '正常通知' });
    };
    await dismissedReport(0);
    const before = await lists();
    for (let i = 1; i <= 4; i++) await dismissedReport(i);
    const after = await lists();
    expect(after.map((l) => l.items)).toEqual(before.map((l) => l.items + 4));
    expect(after.map((l) => l.commands)).toEqual(before.map((l) => l.commands));
  });
});
