/**
 * A request's number of database commands does not grow with the list it returns
 * (server/src/store/README.md, rule 2). Each list request is measured with the driver's command
 * monitoring, once with a short list and again after the list has grown; the counts must be equal.
 */
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { services } from '../support/services';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};

const VILLAGE = '210921001001';
const TOWNSHIP = '210921001';
const COUNTY = '210921';
let keys = 0;
const key = () => `count-key-${keys++}`;

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '王志强', '赵振华']) tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

/** The commands of one request, and its reply (which must succeed). */
async function measure(send: () => Promise<Reply>): Promise<{ commands: string[]; reply: Reply }> {
  let reply: Reply | undefined;
  const commands = await stack.commandsDuring(async () => {
    reply = await send();
  });
  expect(reply!.status).toBe(200);
  return { commands, reply: reply! };
}

/** New villagers of VILLAGE, joined to its group (asked, then approved by the township staff). */
async function villagersJoin(n: number, prefix: string) {
  for (let i = 0; i < n; i++) {
    stack.wechat!.issueCode(`${prefix}-code-${i}`, { openid: `${prefix}-openid-${i}` });
    const login = await call('wechatLogin', { body: { code: `${prefix}-code-${i}` } });
    const token = login.body.token as string;
    expect((await call('bindVillage', { token, body: { villageCode: VILLAGE } })).status).toBe(200);
    expect((await call('joinGroup', { token, params: { groupCode: VILLAGE }, body: {} })).status).toBe(200);
    const approve = await call('decideJoinRequest', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, userId: login.body.user.id },
      body: { decision: 'approve' },
    });
    expect(approve.status).toBe(200);
  }
}

it('lists a village group’s members with as many commands for 12 members as for 2', async () => {
  const members = () => call('groupMembers', { token: tokens['王志强'], params: { groupCode: VILLAGE } });
  const before = await measure(members);
  await villagersJoin(10, 'members');
  const after = await measure(members);
  expect(after.reply.body.items.length).toBeGreaterThanOrEqual(before.reply.body.items.length + 10);
  expect(after.commands).toEqual(before.commands);
});

it('lists the county group’s members (staff, counsel, experts) in a fixed number of commands', async () => {
  const members = () => call('groupMembers', { token: tokens['赵振华'], params: { groupCode: COUNTY } });
  const { commands, reply } = await measure(members);
  expect(reply.body.items.length).toBeGreaterThan(20);
  // session, user, grants, the group's place, then staff, assignments, records and people: no per-member reads
  expect(commands.length).toBeLessThan(15);
});

it('lists my groups with as many commands when more groups have news and requests', async () => {
  const mine = () => call('myGroups', { token: tokens['王志强'] });
  const before = await measure(mine);
  await villagersJoin(3, 'groups');
  for (let i = 0; i < 3; i++)
    await call('postGroupMessage', {
      token: tokens['王建国'],
      params: { groupCode: VILLAGE },
      body: { clientKey: key(), text: `通知 ${i}` },
    });
  const after = await measure(mine);
  expect(after.reply.body.items.length).toBe(before.reply.body.items.length);
  expect(after.commands).toEqual(before.commands);
});

it('lists my consultations with as many commands for 6 as for 1', async () => {
  const ask = () =>
    call('askConsultation', { token: tokens['林红霞'], body: { clientKey: key(), question: '邻居占用我家宅基地怎么办？' } });
  expect((await ask()).status).toBe(201);
  const mine = () => call('myConsultations', { token: tokens['林红霞'] });
  const before = await measure(mine);
  for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(201);
  const after = await measure(mine);
  expect(after.reply.body.items.length).toBe(before.reply.body.items.length + 5);
  expect(after.commands).toEqual(before.commands);
  // and the counsel's inbox
  const inbox = () => call('consultationInbox', { token: tokens['王建国'] });
  const inboxBefore = await measure(inbox);
  for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(201);
  const inboxAfter = await measure(inbox);
  expect(inboxAfter.reply.body.items.length).toBeGreaterThan(inboxBefore.reply.body.items.length);
  expect(inboxAfter.commands).toEqual(inboxBefore.commands);
});

it('lists ledger entries, for the counsel and for the township, with as many commands for 9 as for 1', async () => {
  const submit = (i: number) => {
    const start = Date.now() - (2 + i) * 3600_000;
    return call('submitLedgerEntry', {
      token: tokens['王建国'],
      body: {
        clientKey: key(),
        villageCode: VILLAGE,
        kind: 'consultation',
        mode: 'on_site',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 30 * 60_000).toISOString(),
        summary: '在村委会接待村民，解答土地承包问题',
      },
    });
  };
  expect((await submit(0)).status).toBe(201);
  const mine = () => call('myLedgerEntries', { token: tokens['王建国'] });
  const township = () => call('townshipLedgerEntries', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
  const [mineBefore, townshipBefore] = [await measure(mine), await measure(township)];
  for (let i = 1; i < 9; i++) expect((await submit(i)).status).toBe(201);
  const [mineAfter, townshipAfter] = [await measure(mine), await measure(township)];
  expect(mineAfter.reply.body.items.length).toBeGreaterThanOrEqual(mineBefore.reply.body.items.length + 8);
  expect(mineAfter.commands).toEqual(mineBefore.commands);
  expect(townshipAfter.commands).toEqual(townshipBefore.commands);
});

it('reads the county’s assessment and call-back coverage in as many commands after more services, lectures and calls', async () => {
  const period = { from: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7) };
  const assessment = () =>
    call('assessment', { token: tokens['赵振华'], params: { countyCode: COUNTY }, query: { ...period, to: period.from } });
  const coverage = () =>
    call('callbackCoverage', { token: tokens['赵振华'], params: { countyCode: COUNTY }, query: { month: period.from } });
  const s = services(call, tokens);
  await s.closedConsultation();
  const sorted = (commands: string[]) => [...commands].sort();
  const [assessBefore, coverBefore] = [await measure(assessment), await measure(coverage)];
  for (let i = 0; i < 3; i++) await s.rateConsultation(await s.closedConsultation(), 5, 5, 4);
  await s.rateCase(await s.mediation('agreement'), 4, 4, 4);
  await s.refusedLegalAid();
  const sample = await call('townshipCallbacks', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
  for (const item of sample.body.items.slice(0, 3))
    expect(
      (
        await call('recordCallback', {
          token: tokens['王志强'],
          params: { townshipCode: TOWNSHIP, callbackId: item.id },
          body: { reached: true, satisfied: true },
        })
      ).status,
    ).toBe(200);
  const [assessAfter, coverAfter] = [await measure(assessment), await measure(coverage)];
  expect(assessAfter.reply.body.summary.consultations.closed).toBe(assessBefore.reply.body.summary.consultations.closed + 3);
  expect(assessAfter.reply.body.summary.callbacks.called).toBe(3);
  expect(sorted(assessAfter.commands)).toEqual(sorted(assessBefore.commands));
  expect(coverAfter.reply.body.summary.called).toBe(3);
  expect(sorted(coverAfter.commands)).toEqual(sorted(coverBefore.commands));
  // session, user and grants, then a fixed set of county reads: none per township or counsel
  expect(assessAfter.commands.length).toBeLessThan(20);
});

it('reads a village’s education feed and a publisher’s list with as many commands for a page of 20 as of 2, and after more articles and reads', async () => {
  const publish = (who: string, scopeCode: string) =>
    call('publishArticle', {
      token: tokens[who],
      body: {
        clientKey: key(),
        title: '普法小知识',
        text: '遇到纠纷先协商，协商不成可以申请人民调解。',
        category: 'other',
        scopeCode,
      },
    });
  for (const [who, scope] of [
    ['赵振华', COUNTY],
    ['王志强', TOWNSHIP],
    ['王建国', VILLAGE],
  ] as const)
    expect((await publish(who, scope)).status).toBe(201);
  const feed = (limit: number) => () =>
    call('villageFeed', { token: tokens['林红霞'], params: { villageCode: VILLAGE }, query: { limit } });
  const mine = (limit: number) => () => call('myArticles', { token: tokens['王建国'], query: { limit } });
  await measure(feed(2)); // places are remembered after the first read
  const [small, mineSmall] = [await measure(feed(2)), await measure(mine(2))];
  for (let i = 0; i < 8; i++)
    for (const [who, scope] of [
      ['赵振华', COUNTY],
      ['王志强', TOWNSHIP],
      ['王建国', VILLAGE],
    ] as const) {
      const article = await publish(who, scope);
      expect(article.status).toBe(201);
      await call('article', { token: tokens['林红霞'], params: { articleId: article.body.id } });
    }
  const [large, mineLarge] = [await measure(feed(20)), await measure(mine(20))];
  expect(large.reply.body.items).toHaveLength(20);
  expect(mineLarge.reply.body.items.length).toBeGreaterThanOrEqual(9);
  expect(mineLarge.reply.body.items.filter((i: { reads: number }) => i.reads === 1).length).toBeGreaterThanOrEqual(8);
  const sorted = (commands: string[]) => [...commands].sort();
  expect(sorted(large.commands)).toEqual(sorted(small.commands));
  expect(sorted(mineLarge.commands)).toEqual(sorted(mineSmall.commands));
});
