/**
 * A service the counsel records with a named villager (issue 16 item 5, 服务一次、评价一次): the
 * villager must live in the village; they see it among their services and rate it once; nobody
 * else may rate it, and the entry's facts never change.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const VILLAGE = '210921001001';
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
let keyCounter = 0;
const key = () => `sv-${Date.now().toString(36)}-${keyCounter++}`;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

const record = (servedUserId: string | undefined, clientKey = key()) =>
  call('submitLedgerEntry', {
    token: tokens['王建国'],
    body: {
      clientKey,
      villageCode: VILLAGE,
      kind: 'home_visit',
      startAt: hoursAgo(3),
      endAt: hoursAgo(2),
      summary: '入户讲解赡养纠纷的解决途径',
      ...(servedUserId ? { servedUserId } : {}),
    },
  });
const rate = (who: string, entryId: string, body: object = { attitude: 5, efficiency: 5, competence: 4 }) =>
  call('rateServedService', { token: tokens[who], params: { entryId }, body });

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '何春生', '王建国', '王志强']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    ids[name] = session.user.id;
  }
});
afterAll(() => stack?.stop());

it('the counsel of the village can list its residents to pick the person served (phones masked)', async () => {
  const res = await call('listResidents', { token: tokens['王建国'], params: { villageCode: VILLAGE } });
  expect(res.status).toBe(200);
  const lin = res.body.items.find((r: { name: string }) => r.name === '林红霞');
  expect(lin.phoneMasked).toMatch(/\*{4}/);
  expect(errorCode(await call('listResidents', { token: tokens['王建国'], params: { villageCode: '210921100202' } }))).toBe(
    '403 OUT_OF_JURISDICTION',
  );
});

it('the villager named sees the service and rates it once; the counsel sees it rated', async () => {
  const entry = await record(ids['林红霞']);
  expect(entry.status).toBe(201);
  expect(entry.body).toMatchObject({ servedName: '林红霞', rated: false });
  const served = await call('myServedServices', { token: tokens['林红霞'] });
  const mine = served.body.items.find((s: { entryId: string }) => s.entryId === entry.body.id);
  expect(mine).toMatchObject({ counselName: '王建国', kind: 'home_visit', rated: false });

  expect(errorCode(await rate('何春生', entry.body.id))).toBe('404 LEDGER_ENTRY_NOT_FOUND');
  expect(errorCode(await rate('王建国', entry.body.id))).toBe('404 LEDGER_ENTRY_NOT_FOUND');
  const [a, b] = await Promise.all([rate('林红霞', entry.body.id), rate('林红霞', entry.body.id)]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  expect(
    await mongoose.connection
      .collection('ledger_service_ratings')
      .countDocuments({ entryId: new mongoose.Types.ObjectId(entry.body.id) }),
  ).toBe(1);
  const list = await call('myLedgerEntries', { token: tokens['王建国'] });
  const after = list.body.items.find((e: { id: string }) => e.id === entry.body.id);
  expect(after).toMatchObject({ rated: true, summary: '入户讲解赡养纠纷的解决途径', minutes: 60 });
});

it('a person who does not live in the village cannot be named; bad ratings change nothing', async () => {
  const before = await mongoose.connection.collection('ledger_entries').countDocuments();
  expect(errorCode(await record(ids['何春生']))).toBe('409 LEDGER_SERVED_NOT_RESIDENT');
  expect(await mongoose.connection.collection('ledger_entries').countDocuments()).toBe(before);
  const entry = await record(ids['林红霞']);
  const bad = await rate('林红霞', entry.body.id, { attitude: 9, efficiency: 5, competence: 5 });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(
    (await call('myServedServices', { token: tokens['林红霞'] })).body.items.find(
      (s: { entryId: string }) => s.entryId === entry.body.id,
    ).rated,
  ).toBe(false);
});
