/**
 * The service hall's cases and the person's privacy rights (issue 13 item 3, issue 16) over real
 * HTTP: the data copy holds the cases they applied for with the steps they wrote (and a handler's
 * steps on others' cases); cancelling the account keeps every case and step, shown as 已注销用户,
 * and erases only the photos never attached to one.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';

const VILLAGE = '210921001001';
let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
let people = 0;
let keys = 0;
const key = () => `pc-${Date.now().toString(36)}-${keys++}`;
const oid = (id: string) => new mongoose.Types.ObjectId(id);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

/** A new person logged in through the (fake) WeChat, bound to the village, with a name. */
async function newVillager(): Promise<{ token: string; id: string }> {
  people += 1;
  const openid = `privacy-cases-openid-${people}`;
  stack.wechat!.issueCode(`privacy-cases-code-${people}`, { openid });
  const login = await call('wechatLogin', { body: { code: `privacy-cases-code-${people}` } });
  expect(login.status).toBe(200);
  const token = login.body.token as string;
  expect((await call('bindVillage', { token, body: { villageCode: VILLAGE } })).status).toBe(200);
  expect((await call('updateProfile', { token, body: { name: `村民乙${people}` } })).status).toBe(200);
  return { token, id: login.body.user.id as string };
}

const mediation = (token: string, account = '邻居家的树根把我家院墙拱裂了，协商不成。') =>
  call('openCase', {
    token,
    body: { kind: 'mediation', clientKey: key(), disputeKind: 'neighbours', account, otherPartyName: '赵某' },
  });
const complaint = (token: string) =>
  call('openCase', {
    token,
    body: { kind: 'complaint', clientKey: key(), about: 'suggestion', account: '建议每月在村里办一次法律讲座。' },
  });

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['王建国', '赵振华']) tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

describe('the data copy', () => {
  it('holds the cases they applied for with the steps they wrote, in the same number of commands however many', async () => {
    const person = await newVillager();
    const opened = await mediation(person.token);
    expect(opened.status).toBe(201);
    const session = await call('actOnCase', {
      token: tokens['王建国'],
      params: { caseId: opened.body.id },
      body: {
        act: 'session',
        clientKey: key(),
        text: '到现场查看院墙，约定下周再调解。',
        startAt: hoursAgo(3),
        endAt: hoursAgo(2),
      },
    });
    expect(session.status).toBe(200);
    const cancelled = await call('actOnCase', {
      token: person.token,
      params: { caseId: opened.body.id },
      body: { act: 'cancel', clientKey: key(), text: '已和邻居商量好了' },
    });
    expect(cancelled.status).toBe(200);

    const copy = await call('myDataCopy', { token: person.token });
    expect(copy.status).toBe(200);
    expect(copy.body.cases).toEqual([
      {
        id: opened.body.id,
        kind: 'mediation',
        title: '邻里纠纷（对方：赵某）',
        villageCode: VILLAGE,
        status: 'done',
        outcome: 'cancelled',
        createdAt: opened.body.createdAt,
        closedAt: expect.any(String),
        // their own steps only: the counsel's session is the counsel's
        steps: [
          { n: 1, kind: 'opened', text: '邻居家的树根把我家院墙拱裂了，协商不成。', at: expect.any(String) },
          { n: 3, kind: 'cancel', text: '已和邻居商量好了', at: expect.any(String) },
        ],
      },
    ]);
    expect(copy.body.caseStepsHandled).toEqual([]);

    // the counsel's copy has the step they wrote on her case
    const counselCopy = await call('myDataCopy', { token: tokens['王建国'] });
    expect(counselCopy.body.caseStepsHandled).toContainEqual({
      caseId: opened.body.id,
      n: 2,
      kind: 'session',
      text: '到现场查看院墙，约定下周再调解。',
      at: expect.any(String),
    });
    expect(counselCopy.body.cases).toEqual([]);

    const one = await stack.commandsDuring(() => call('myDataCopy', { token: person.token }));
    for (let i = 0; i < 3; i += 1) expect((await complaint(person.token)).status).toBe(201);
    const four = await stack.commandsDuring(() => call('myDataCopy', { token: person.token }));
    expect((await call('myDataCopy', { token: person.token })).body.cases).toHaveLength(4);
    expect(four.length).toBe(one.length);
  });
});

describe('account cancellation', () => {
  it('keeps every case and step under 已注销用户; erases only the photos never attached to a case', async () => {
    const person = await newVillager();
    const asked = (await mediation(person.token, '承包地边界有争议，对方多种了两垄。')).body;
    const suggested = (await complaint(person.token)).body;
    const taken = await call('actOnCase', {
      token: tokens['王建国'],
      params: { caseId: asked.id },
      body: { act: 'take', clientKey: key() },
    });
    expect(taken.status).toBe(200);
    const photos = mongoose.connection.collection('case_photos');
    const photo = (caseId: mongoose.Types.ObjectId | null) => ({
      ownerId: oid(person.id),
      caseId,
      contentType: 'image/png',
      size: 4,
      data: Buffer.from([1, 2, 3, 4]),
      createdAt: new Date(),
      check: 'pass',
    });
    const loose = await photos.insertOne(photo(null));
    const attached = await photos.insertOne(photo(oid(asked.id)));
    const steps = await mongoose.connection
      .collection('case_steps')
      .countDocuments({ caseId: { $in: [oid(asked.id), oid(suggested.id)] } });

    const cancelled = await call('cancelAccount', { token: person.token, body: { confirm: '注销' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.kept.join()).toContain('调解');

    expect(await mongoose.connection.collection('cases').countDocuments({ applicantId: oid(person.id) })).toBe(2);
    expect(
      await mongoose.connection.collection('case_steps').countDocuments({ caseId: { $in: [oid(asked.id), oid(suggested.id)] } }),
    ).toBe(steps);
    expect(await photos.countDocuments({ _id: loose.insertedId })).toBe(0);
    expect(await photos.countDocuments({ _id: attached.insertedId })).toBe(1);

    // the handlers still have the cases, from 已注销用户
    const mediationSeen = await call('case', { token: tokens['王建国'], params: { caseId: asked.id } });
    expect(mediationSeen.status).toBe(200);
    expect(mediationSeen.body).toMatchObject({ applicantName: '已注销用户', applicantPhoneMasked: null, status: 'handling' });
    expect(mediationSeen.body.steps[0]).toMatchObject({
      kind: 'opened',
      byName: '已注销用户',
      text: '承包地边界有争议，对方多种了两垄。',
    });
    const inbox = await call('caseInbox', { token: tokens['赵振华'], query: { kind: 'complaint' } });
    expect(inbox.body.items.find((c: { id: string }) => c.id === suggested.id)).toMatchObject({ applicantName: '已注销用户' });
    expect(stack.errors).toEqual([]);
  });
});
