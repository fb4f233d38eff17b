/**
 * What a township's approval of a held text (issue 13, content checks) sets going, over real HTTP:
 * - a held question reaches no counsel until approved, so its deadlines start then: the time it
 *   waited moves both deadlines on, once, and it is not overdue against the counsel (the wait is
 *   made by dating the consultation back in the database, two days);
 * - a held answer is announced to the asker (subscribe message) when approved, not before, once.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { acceptNotice } from '../support/notices';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};

const TOWNSHIP = '210921001';
const RISKY = '赌博'; // the fake WeChat's risky word
const HOUR = 3600_000;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '王志强']) tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

const consultations = () => mongoose.connection.collection('consultations');

it('an approved question’s deadlines run from the approval, once; it is not overdue for the time it was held', async () => {
  const asked = await call('askConsultation', {
    token: tokens['林红霞'],
    body: { clientKey: `held-due-${Date.now()}`, question: `有人在村里组织${RISKY}，借了我的钱不还，怎么办？` },
  });
  expect(asked.status).toBe(201);
  expect(asked.body.review).toBe('held');
  const id = asked.body.id as string;
  const _id = new mongoose.Types.ObjectId(id);
  const fresh = (await consultations().findOne({ _id }))!;
  const firstWindow = fresh.firstResponseDueAt.getTime() - fresh.createdAt.getTime();
  const closeWindow = fresh.closeDueAt.getTime() - fresh.createdAt.getTime();

  // it waited two days for the moderators: past its first-response deadline if that ran meanwhile
  const waited = 48 * HOUR;
  expect(waited).toBeGreaterThan(firstWindow);
  await consultations().updateOne(
    { _id },
    {
      $set: {
        createdAt: new Date(fresh.createdAt.getTime() - waited),
        firstResponseDueAt: new Date(fresh.firstResponseDueAt.getTime() - waited),
        closeDueAt: new Date(fresh.closeDueAt.getTime() - waited),
      },
    },
  );

  const queue = await call('heldConsultationTexts', {
    token: tokens['王志强'],
    params: { townshipCode: TOWNSHIP },
    query: { status: 'held' },
  });
  const item = (queue.body.items as { id: string; consultationId: string }[]).find((q) => q.consultationId === id)!;
  const before = Date.now();
  const approved = await call('decideHeldConsultationText', {
    token: tokens['王志强'],
    params: { townshipCode: TOWNSHIP, reviewId: item.id },
    body: { decision: 'approve' },
  });
  expect(approved.status).toBe(200);
  const after = Date.now();

  // the counsel sees it with the whole answering window ahead, counted from the approval
  const seen = await call('consultation', { token: tokens['王建国'], params: { consultationId: id } });
  expect(seen.status).toBe(200);
  const firstDue = Date.parse(seen.body.firstResponseDueAt);
  const closeDue = Date.parse(seen.body.closeDueAt);
  expect(firstDue).toBeGreaterThanOrEqual(before + firstWindow - 1000);
  expect(firstDue).toBeLessThanOrEqual(after + firstWindow + 1000);
  expect(closeDue - firstDue).toBe(closeWindow - firstWindow);
  // the asked time itself is not rewritten
  const stored = (await consultations().findOne({ _id }))!;
  expect(stored.createdAt.getTime()).toBe(fresh.createdAt.getTime() - waited);
  expect(stored.questionHeld).toBe(false);

  // not overdue in the township's list
  const overdue = await call('overdueConsultations', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
  expect(overdue.status).toBe(200);
  expect((overdue.body.items as { id: string }[]).map((c) => c.id)).not.toContain(id);

  // a second decision is refused and moves nothing
  const again = await call('decideHeldConsultationText', {
    token: tokens['王志强'],
    params: { townshipCode: TOWNSHIP, reviewId: item.id },
    body: { decision: 'approve' },
  });
  expect(errorCode(again)).toBe('409 CONSULTATION_REVIEW_DECIDED');
  const last = (await consultations().findOne({ _id }))!;
  expect(last.firstResponseDueAt.getTime()).toBe(stored.firstResponseDueAt.getTime());
  expect(last.closeDueAt.getTime()).toBe(stored.closeDueAt.getTime());
});

it('a held answer is announced to the asker when the township approves it, once', async () => {
  const asked = await call('askConsultation', {
    token: tokens['林红霞'],
    body: { clientKey: `held-ans-q-${Date.now()}`, question: '我家的宅基地证丢了，怎么补办？' },
  });
  expect(asked.status).toBe(201);
  const id = asked.body.id as string;
  const openid = 'demo:villager-bound'; // 林红霞's (demo seed)
  await acceptNotice(stack, { token: tokens['林红霞']!, openid }, 'consultationAnswered');
  const sentFor = () => stack.wechat!.messages.filter((m) => m.page === `consult/thread/index?id=${id}`);

  const text = `先去找${RISKY}的人借点钱，再去补办`;
  const answered = await call('answerConsultation', {
    token: tokens['王建国'],
    params: { consultationId: id },
    body: { clientKey: `held-ans-${Date.now()}`, text },
  });
  expect(answered.body.steps.at(-1)).toMatchObject({ kind: 'answered', review: 'held' });
  expect(sentFor()).toHaveLength(0); // she cannot read it yet

  const queue = await call('heldConsultationTexts', {
    token: tokens['王志强'],
    params: { townshipCode: TOWNSHIP },
    query: { status: 'held' },
  });
  const item = (queue.body.items as { id: string; consultationId: string; kind: string }[]).find(
    (q) => q.consultationId === id && q.kind === 'answered',
  )!;
  const approved = await call('decideHeldConsultationText', {
    token: tokens['王志强'],
    params: { townshipCode: TOWNSHIP, reviewId: item.id },
    body: { decision: 'approve' },
  });
  expect(approved.status).toBe(200);
  const sent = sentFor();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    touser: openid,
    template_id: stack.config.noticeTemplates.consultationAnswered,
    data: { name2: { value: '王建国' } },
  });
  const seen = await call('consultation', { token: tokens['林红霞'], params: { consultationId: id } });
  expect(seen.body.steps.at(-1)).toMatchObject({ kind: 'answered', text, review: null });
});
