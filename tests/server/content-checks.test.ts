/**
 * Content checks on everything people write that others read (issue 13 item 4), over real HTTP
 * with the fake WeChat flagging risky words: consultation questions, answers, follow-ups,
 * escalation reasons, closing notes and rating comments are held (read by their writer alone,
 * marked for review) until the township's moderators approve or reject them; names are refused.
 * WeChat unreachable holds, never fails; each check carries the writer's openid and its scene.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { acceptNotice } from '../support/notices';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const openids: Record<string, string> = {};

const TOWNSHIP = '210921001';
const OTHER_TOWNSHIP = '210921100';
const VILLAGE = '210921001001';
const RISKY = '赌博'; // the fake's risky word

let keyCounter = 0;
const key = () => `cc-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;

const ask = (question: string) => call('askConsultation', { token: tokens['林红霞'], body: { clientKey: key(), question } });
const view = (who: string, id: string) => call('consultation', { token: tokens[who], params: { consultationId: id } });
const step = (who: string, route: 'answerConsultation' | 'followUpConsultation', id: string, text: string) =>
  call(route, { token: tokens[who], params: { consultationId: id }, body: { clientKey: key(), text } });
const inboxIds = async (who: string) =>
  (await call('consultationInbox', { token: tokens[who] })).body.items.map((c: { id: string }) => c.id);
const queue = async (who = '王志强', township = TOWNSHIP, status = 'held') =>
  (await call('heldConsultationTexts', { token: tokens[who], params: { townshipCode: township }, query: { status } })).body
    .items as {
    id: string;
    consultationId: string;
    kind: string;
    text: string;
    cause: string;
    status: string;
    authorName: string;
  }[];
const decide = (who: string, township: string, reviewId: string, body: Record<string, unknown>) =>
  call('decideHeldConsultationText', { token: tokens[who], params: { townshipCode: township, reviewId }, body });

/** The msg_sec_check calls the fake received for a text. */
const checksOf = (text: string) =>
  stack
    .wechat!.calls.filter((c) => c.path === '/wxa/msg_sec_check')
    .map((c) => c.body as { openid: string; scene: number; content: string; version: number })
    .filter((b) => b.content === text);

/** An answered consultation asked (cleanly) by 林红霞 and answered by 王建国. */
async function answered(): Promise<string> {
  const id = (await ask('承包地被村里收回了，没有给补偿，怎么办？')).body.id as string;
  expect((await step('王建国', 'answerConsultation', id, '可以先向乡镇农经站申请调解。')).status).toBe(200);
  return id;
}

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '王志强', '李志强', '赵振华']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    ids[name] = session.user.id;
    const user = await mongoose.connection.collection('users').findOne({ _id: new mongoose.Types.ObjectId(session.user.id) });
    openids[name] = String(user?.openid);
  }
});
afterAll(() => stack?.stop());

describe('a consultation question', () => {
  it('risky: the consultation reaches no counsel until the township approves it; the asker sees it 待审核', async () => {
    const question = `村里有人组织${RISKY}，我被骗了两万元，怎么办？`;
    const res = await ask(question);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ question, review: 'held' });
    expect(res.body.steps[0]).toMatchObject({ kind: 'asked', text: question, review: 'held' });
    // the asker's openid and the scene of a conversation (评论)
    expect(checksOf(question)).toEqual([{ openid: openids['林红霞'], scene: 2, content: question, version: 2 }]);

    expect(await inboxIds('王建国')).not.toContain(res.body.id);
    expect(errorCode(await view('王建国', res.body.id))).toBe('404 CONSULTATION_NOT_FOUND');
    expect(errorCode(await view('王志强', res.body.id))).toBe('404 CONSULTATION_NOT_FOUND');
    expect(errorCode(await step('王建国', 'answerConsultation', res.body.id, '答复一个看不见的问题'))).toBe(
      '404 CONSULTATION_NOT_FOUND',
    );
    const mine = await call('myConsultations', { token: tokens['林红霞'] });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);

    const item = (await queue()).find((q) => q.consultationId === res.body.id);
    expect(item).toMatchObject({ kind: 'asked', text: question, cause: 'risky', status: 'held', authorName: '林红霞' });
    // another township's staff neither see nor decide it
    expect((await queue('李志强', OTHER_TOWNSHIP)).some((q) => q.id === item!.id)).toBe(false);
    expect(errorCode(await decide('李志强', OTHER_TOWNSHIP, item!.id, { decision: 'approve' }))).toBe(
      '404 CONSULTATION_REVIEW_NOT_FOUND',
    );
    expect(errorCode(await decide('李志强', TOWNSHIP, item!.id, { decision: 'approve' }))).toBe('403 OUT_OF_JURISDICTION');
    expect(errorCode(await decide('王志强', TOWNSHIP, item!.id, { decision: 'reject' }))).toBe('422 MODERATION_REASON_REQUIRED');

    const approved = await decide('王志强', TOWNSHIP, item!.id, { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'approved', decidedAt: expect.any(String) });
    expect(await inboxIds('王建国')).toContain(res.body.id);
    const seen = await view('王建国', res.body.id);
    expect(seen.body).toMatchObject({ question, review: null });
    expect(errorCode(await decide('王志强', TOWNSHIP, item!.id, { decision: 'reject', reason: '再审一次' }))).toBe(
      '409 CONSULTATION_REVIEW_DECIDED',
    );
    // the decision stays on record
    expect((await queue('王志强', TOWNSHIP, 'approved')).some((q) => q.id === item!.id)).toBe(true);
  });

  it('WeChat unreachable (errcode -1, or HTTP 502): the question is held, not refused, and nothing fails', async () => {
    for (const down of ['errcode', 'http'] as const) {
      if (down === 'errcode') stack.wechat!.msgSecCheckErrcode = -1;
      else stack.wechat!.msgSecCheckDown = true;
      let res: Reply;
      try {
        res = await ask(`检测不可用时提的问题（${down}），邻居占地怎么办？`);
      } finally {
        stack.wechat!.msgSecCheckErrcode = null;
        stack.wechat!.msgSecCheckDown = false;
      }
      expect(res.status).toBe(201);
      expect(res.body.review).toBe('held');
      expect(await inboxIds('王建国')).not.toContain(res.body.id);
      expect((await queue()).find((q) => q.consultationId === res.body.id)).toMatchObject({ cause: 'check_unavailable' });
    }
    stack.errors.length = 0; // the unavailable checks were logged on purpose
  });

  it('a clean question reaches the counsel at once', async () => {
    const res = await ask('儿子在外打工受伤了，工伤怎么认定？');
    expect(res.body.review).toBeNull();
    expect(await inboxIds('王建国')).toContain(res.body.id);
  });
});

describe('replies in a consultation', () => {
  it('a risky answer is read by its counsel alone until decided; rejected, the villager never reads it', async () => {
    const id = (await ask('宅基地上盖房需要办什么手续？')).body.id as string;
    // the villager turned the answer notice on, so only the hold can keep it from going out
    await acceptNotice(stack, { token: tokens['林红霞']!, openid: 'demo:villager-bound' }, 'consultationAnswered');
    const text = `不用管，去找${RISKY}的人借钱就行`;
    const res = await step('王建国', 'answerConsultation', id, text);
    expect(res.status).toBe(200);
    expect(res.body.steps.at(-1)).toMatchObject({ kind: 'answered', text, review: 'held' });
    expect(checksOf(text)).toEqual([{ openid: openids['王建国'], scene: 2, content: text, version: 2 }]);
    const villager = await view('林红霞', id);
    expect(villager.body.steps.at(-1)).toMatchObject({ kind: 'answered', text: null, review: 'held' });
    expect(JSON.stringify(villager.body)).not.toContain(RISKY);
    // no subscribe message announces an answer the asker cannot read
    expect(stack.wechat!.messages.some((m) => JSON.stringify(m).includes(RISKY))).toBe(false);

    const item = (await queue()).find((q) => q.consultationId === id && q.kind === 'answered');
    expect(item).toMatchObject({ text, cause: 'risky', authorName: '王建国' });
    const rejected = await decide('王志强', TOWNSHIP, item!.id, { decision: 'reject', reason: '答复内容不当' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '答复内容不当' });
    const after = await view('林红霞', id);
    expect(after.body.steps.at(-1)).toMatchObject({ text: null, review: 'rejected' });
    expect((await view('王建国', id)).body.steps.at(-1)).toMatchObject({ text, review: 'rejected' });
  });

  it('a follow-up WeChat could not check is held from the counsel, then approved and read', async () => {
    const id = await answered();
    stack.wechat!.msgSecCheckErrcode = -1;
    let res: Reply;
    try {
      res = await step('林红霞', 'followUpConsultation', id, '调解不成的话可以起诉吗？');
    } finally {
      stack.wechat!.msgSecCheckErrcode = null;
    }
    stack.errors.length = 0;
    expect(res.status).toBe(200);
    expect((await view('王建国', id)).body.steps.at(-1)).toMatchObject({ kind: 'followed_up', text: null, review: 'held' });
    const item = (await queue()).find((q) => q.consultationId === id && q.kind === 'followed_up');
    expect(item).toMatchObject({ cause: 'check_unavailable', authorName: '林红霞' });
    await decide('王志强', TOWNSHIP, item!.id, { decision: 'approve' });
    expect((await view('王建国', id)).body.steps.at(-1)).toMatchObject({ text: '调解不成的话可以起诉吗？', review: null });
  });

  it('an escalation reason and a closing note that fail the check are hidden from the asker', async () => {
    const id = await answered();
    const reason = `涉及${RISKY}团伙，需要上级处理`;
    const escalated = await call('escalateConsultation', {
      token: tokens['王建国'],
      params: { consultationId: id },
      body: { reason },
    });
    expect(escalated.status).toBe(200);
    expect(checksOf(reason)).toEqual([{ openid: openids['王建国'], scene: 2, content: reason, version: 2 }]);
    const seen = (await view('林红霞', id)).body.steps.find((s: { kind: string }) => s.kind === 'escalated');
    expect(seen).toMatchObject({ reason: null, review: 'held' });

    const note = `已解决，别再提${RISKY}的事`;
    const closed = await call('closeConsultation', { token: tokens['林红霞'], params: { consultationId: id }, body: { note } });
    expect(closed.status).toBe(200);
    const byStaff = (await view('王志强', id)).body.steps.find((s: { kind: string }) => s.kind === 'closed');
    expect(byStaff).toMatchObject({ text: null, review: 'held' });
  });

  it('a risky rating comment is not shown to the counsel', async () => {
    const id = await answered();
    await call('closeConsultation', { token: tokens['林红霞'], params: { consultationId: id }, body: {} });
    const comment = `顾问让我去${RISKY}`;
    const rated = await call('rateConsultation', {
      token: tokens['林红霞'],
      params: { consultationId: id },
      body: { attitude: 1, efficiency: 1, competence: 1, comment },
    });
    expect(rated.status).toBe(201);
    expect(rated.body.rating).toMatchObject({ comment, commentReview: 'held' });
    expect(checksOf(comment)).toEqual([{ openid: openids['林红霞'], scene: 2, content: comment, version: 2 }]);
    const counsel = (await view('王建国', id)).body.rating;
    expect(counsel).toMatchObject({ attitude: 1, commentReview: 'held' });
    expect(counsel.comment).toBeUndefined();
    expect((await queue()).find((q) => q.consultationId === id)).toMatchObject({ kind: 'rated', text: comment });
  });
});

describe('names and group posts', () => {
  it('a risky name is refused and not saved; WeChat unreachable refuses too (only the writer sees it)', async () => {
    const name = `${RISKY}王`;
    const res = await call('updateProfile', { token: tokens['林红霞'], body: { name } });
    expect(errorCode(res)).toBe('422 TEXT_CONTENT_RISKY');
    expect(checksOf(name)).toEqual([{ openid: openids['林红霞'], scene: 1, content: name, version: 2 }]);
    stack.wechat!.msgSecCheckDown = true;
    try {
      expect(errorCode(await call('updateProfile', { token: tokens['林红霞'], body: { name: '林小红' } }))).toBe(
        '503 CONTENT_CHECK_UNAVAILABLE',
      );
    } finally {
      stack.wechat!.msgSecCheckDown = false;
    }
    stack.errors.length = 0;
    expect((await call('me', { token: tokens['林红霞'] })).body.name).toBe('林红霞');
    expect((await call('updateProfile', { token: tokens['林红霞'], body: { name: '林红霞' } })).status).toBe(200);
  });

  it('a group post is checked with the writer openid in the forum scene', async () => {
    const text = '周六村委会开会，讨论道路修缮。';
    const res = await call('postGroupMessage', {
      token: tokens['林红霞'],
      params: { groupCode: VILLAGE },
      body: { clientKey: key(), text },
    });
    expect(res.status).toBe(201);
    expect(checksOf(text)).toEqual([{ openid: openids['林红霞'], scene: 3, content: text, version: 2 }]);
  });
});

describe('the fake WeChat answers msg_sec_check as documented', () => {
  it('refuses a call without an openid (40003) or with an unknown scene (40129)', async () => {
    const token = (await (
      await fetch(
        `${stack.wechat!.baseUrl}/cgi-bin/token?grant_type=client_credential&appid=${stack.wechat!.appid}&secret=${stack.wechat!.secret}`,
      )
    ).json()) as {
      access_token: string;
    };
    const check = async (body: unknown) =>
      (await (
        await fetch(`${stack.wechat!.baseUrl}/wxa/msg_sec_check?access_token=${token.access_token}`, {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        })
      ).json()) as { errcode: number };
    expect((await check({ content: '你好', version: 2, scene: 2 })).errcode).toBe(40003);
    expect((await check({ content: '你好', version: 2, scene: 5, openid: 'o-1' })).errcode).toBe(40129);
    expect((await check({ content: '你好', version: 2, scene: 1, openid: 'o-1' })).errcode).toBe(0);
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});

describe('the database work of the moderators’ list (store/README.md, rule 2)', () => {
  it('lists held consultation texts with as many commands for many as for few', async () => {
    const measure = async () => {
      let reply: Reply | undefined;
      const commands = await stack.commandsDuring(async () => {
        reply = await call('heldConsultationTexts', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
      });
      expect(reply!.status).toBe(200);
      return { commands: commands.length, items: (reply!.body as { items: unknown[] }).items.length };
    };
    expect((await ask(`有人组织${RISKY}，该找谁？`)).status).toBe(201); // a list of one, at least
    const before = await measure();
    for (let i = 0; i < 3; i++) expect((await ask(`第${i}个问题：有人组织${RISKY}怎么办？`)).status).toBe(201);
    const after = await measure();
    expect(after.items).toBe(before.items + 3);
    expect(after.commands).toBe(before.commands);
  });
});
