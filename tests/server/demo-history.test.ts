/**
 * The demo history (issue 14 item 9): a few months of ledger, consultations and group conversation
 * relative to today, seen over real HTTP by the demo people; a second run adds nothing; it never
 * asks WeChat; and it is quick enough to run at every `npm start`.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';
import { seedDemoHistory, type HistoryResult } from '../../server/src/modules/demo/history';
import { monthOf } from '../../server/src/shared/periods';

const VILLAGE = '210921001001';
const TOWNSHIP = '210921001';

let stack: Stack;
let call: ReturnType<typeof api>;
let first: HistoryResult;
let firstSeconds = 0;
let firstCommands = 0;
const tokens: Record<string, string> = {};
let wechatCallsDuringSeed: string[] = [];

/** Runs the seed, timed, counting the database commands it sends (a figure independent of the machine's load). */
async function timedRun(label: string): Promise<{ result: HistoryResult; seconds: number; commands: number }> {
  let commands = 0;
  const count = () => void commands++;
  const client = mongoose.connection.getClient();
  client.on('commandStarted', count);
  const started = performance.now();
  try {
    const result = await seedDemoHistory();
    const seconds = (performance.now() - started) / 1000;
    console.log(`seedDemoHistory, ${label}: ${seconds.toFixed(2)} s, ${commands} database commands`, result);
    return { result, seconds, commands };
  } finally {
    client.off('commandStarted', count);
  }
}

beforeAll(async () => {
  stack = await startStack({ seedDemo: true });
  call = api(stack.baseUrl);
  const before = stack.wechat!.calls.length;
  ({ result: first, seconds: firstSeconds, commands: firstCommands } = await timedRun('first run'));
  wechatCallsDuringSeed = stack.wechat!.calls.slice(before).map((c) => c.path);
  for (const name of ['王建国', '李建国', '王志强', '林红霞', '孙雅琴'])
    tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
}, 120_000);
afterAll(async () => {
  expect(stack.errors).toEqual([]);
  await stack?.stop();
});

/** What the demo people see: the counts a second run must leave as they are. */
async function visible() {
  const ledger0 = await call('myLedgerEntries', { token: tokens['王建国'] });
  const ledger1 = await call('myLedgerEntries', { token: tokens['李建国'] });
  const township = await call('townshipLedgerEntries', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
  const mine = await call('myConsultations', { token: tokens['林红霞'] });
  const cases = await call('caseInbox', { token: tokens['王志强'], query: { status: 'active' } });
  const inbox = await call('consultationInbox', { token: tokens['王志强'], query: { status: 'active' } });
  const overdue = await call('overdueConsultations', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
  const messages = await call('groupMessages', {
    token: tokens['林红霞'],
    params: { groupCode: VILLAGE },
    query: { limit: 200 },
  });
  const held = await call('heldPosts', { token: tokens['王志强'], params: { code: TOWNSHIP }, query: { status: 'held' } });
  for (const r of [ledger0, ledger1, township, mine, cases, inbox, overdue, messages, held]) expect(r.status).toBe(200);
  return {
    ledger0: ledger0.body.items.length as number,
    ledger1: ledger1.body.items.length as number,
    township: township.body.items.length as number,
    mine: mine.body.items.length as number,
    cases: cases.body.items.length as number,
    inbox: inbox.body.items.length as number,
    overdue: overdue.body.items.length as number,
    messages: messages.body.items.length as number,
    held: held.body.items.length as number,
  };
}

it('runs quickly and never asks WeChat about its own texts', () => {
  // a few seconds on an idle 2-core machine; the command count is the figure that does not depend on load
  expect(firstSeconds).toBeLessThan(20);
  // 998 measured once the service hall's 9 cases and 12 steps joined (issue 16); each step reads its case back as its route would
  expect(firstCommands).toBeLessThan(1200);
  // no content check, no subscribe message, not even an access token: the seed's texts are its own
  expect(wechatCallsDuringSeed).toEqual([]);
  expect(first.ledgerEntries).toBeGreaterThan(30);
  expect(first.consultations).toBe(12);
});

it("the counsel's ledger spans three months or more, approved, pending and returned, with a correction", async () => {
  const { body } = await call('myLedgerEntries', { token: tokens['王建国'] });
  const entries: { startAt: string; status: string; correctsEntryId: string | null; review: { reason: string | null } | null }[] =
    body.items;
  const months = new Set(entries.map((e) => monthOf(e.startAt)));
  expect(months.size).toBeGreaterThanOrEqual(3);
  // every entry lies in the last three Beijing months before this one, or this one, and none in the future
  const now = Date.now();
  for (const e of entries) expect(Date.parse(e.startAt)).toBeLessThan(now);
  expect(Math.min(...entries.map((e) => Date.parse(e.startAt)))).toBeGreaterThan(now - 125 * 24 * 3600_000);
  const statuses = new Set(entries.map((e) => e.status));
  expect([...statuses].sort()).toEqual(['approved', 'pending', 'returned']);
  const returned = entries.filter((e) => e.status === 'returned');
  expect(returned.length).toBeGreaterThanOrEqual(1);
  for (const e of returned) expect(e.review?.reason).toMatch(/更正/);
  expect(entries.some((e) => e.correctsEntryId && e.status === 'approved')).toBe(true);
  // the month charts have figures: the progress of this counsel's villages for last month
  const lastMonth = monthOf(new Date(Date.parse(`${monthOf(new Date())}-01T00:00:00+08:00`) - 1));
  const progress = await call('myLedgerProgress', { token: tokens['王建国'], query: { month: lastMonth } });
  expect(progress.status).toBe(200);
  expect(JSON.stringify(progress.body)).toMatch(/"onSiteMinutes":[1-9]/);
});

it('consultations exist in every state', async () => {
  const mine = (await call('myConsultations', { token: tokens['林红霞'] })).body.items as {
    id: string;
    tier: string;
    status: string;
    rated: boolean;
    firstResponseAt: string | null;
    overdue: boolean;
  }[];
  // waiting (not yet answered, not late), answered, escalated to the township, closed, rated
  expect(mine.some((c) => c.status === 'open' && c.tier === 'village' && !c.firstResponseAt && !c.overdue)).toBe(true);
  expect(mine.some((c) => c.status === 'answered' && c.tier === 'village')).toBe(true);
  expect(mine.some((c) => c.status === 'open' && c.tier === 'township')).toBe(true);
  expect(mine.some((c) => c.status === 'closed' && !c.rated)).toBe(true);
  const rated = mine.find((c) => c.status === 'closed' && c.rated)!;
  const detail = await call('consultation', { token: tokens['林红霞'], params: { consultationId: rated.id } });
  expect(detail.body.rating.comment).toMatch(/感谢/);
  // the steps happened in the past, in order
  const at = (detail.body.steps as { at: string }[]).map((s) => Date.parse(s.at));
  expect(at).toEqual([...at].sort((a, b) => a - b));
  expect(at[0]).toBeLessThan(Date.now() - 30 * 24 * 3600_000);

  // escalated to the county and answered by its expert; the township's open one in its inbox
  const expert = (await call('consultationInbox', { token: tokens['孙雅琴'], query: { status: 'active' } })).body.items;
  expect(expert.some((c: { tier: string; status: string }) => c.tier === 'county' && c.status === 'answered')).toBe(true);
  const township = (await call('consultationInbox', { token: tokens['王志强'], query: { status: 'active' } })).body.items;
  expect(township.some((c: { tier: string }) => c.tier === 'township')).toBe(true);
  // a question nobody has answered in time
  const overdue = (await call('overdueConsultations', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } })).body
    .items;
  expect(overdue.some((c: { firstResponseAt: string | null; overdue: boolean }) => !c.firstResponseAt && c.overdue)).toBe(true);
  // the counsel's closed ones (rated or not)
  const closed = (await call('consultationInbox', { token: tokens['王建国'], query: { status: 'closed' } })).body.items;
  expect(closed.filter((c: { rated: boolean }) => c.rated).length).toBeGreaterThanOrEqual(2);
  expect(closed.some((c: { rated: boolean }) => !c.rated)).toBe(true);
});

it('the village group has a conversation, a join request waits, and a post is held for the township', async () => {
  const { body } = await call('groupMessages', {
    token: tokens['林红霞'],
    params: { groupCode: VILLAGE },
    query: { limit: 200 },
  });
  const texts = body.items.filter((m: { kind: string }) => m.kind === 'text');
  expect(texts.length).toBeGreaterThanOrEqual(7);
  expect(new Set(texts.map((m: { authorName: string }) => m.authorName)).size).toBeGreaterThanOrEqual(4);
  const held = (await call('heldPosts', { token: tokens['王志强'], params: { code: TOWNSHIP }, query: { status: 'held' } })).body
    .items;
  expect(held).toHaveLength(1);
  expect(held[0].groupCode).toBe(VILLAGE);
  // held: not in the group's messages
  expect(texts.some((m: { text: string }) => m.text === held[0].text)).toBe(false);
  const pending = await call('groupMembers', {
    token: tokens['王志强'],
    params: { groupCode: VILLAGE },
    query: { standing: 'pending' },
  });
  expect(pending.body.items.map((m: { name: string }) => m.name)).toEqual(['杨淑珍']);
});

it('the service hall has cases in several states: granted and rated, waiting on material, overdue, settled, kept, answered', async () => {
  const mine = (await call('myCases', { token: tokens['林红霞'] })).body.items;
  expect(mine.find((c: { kind: string }) => c.kind === 'legal_aid')).toMatchObject({
    status: 'done',
    outcome: 'granted',
    rated: true,
  });
  expect(mine.find((c: { kind: string }) => c.kind === 'booking')).toMatchObject({
    status: 'done',
    outcome: 'kept',
    rated: true,
  });
  const inbox = (await call('caseInbox', { token: tokens['王志强'], query: { status: 'active' } })).body.items;
  const aid = inbox.filter((c: { kind: string }) => c.kind === 'legal_aid');
  expect(aid.map((c: { status: string }) => c.status).sort()).toEqual(['open', 'waiting']);
  // the application nobody pre-screened within 3 days comes first, late
  expect(inbox[0]).toMatchObject({ kind: 'legal_aid', status: 'open', overdue: true });
  const done = (await call('caseInbox', { token: tokens['王建国'], query: { status: 'done' } })).body.items;
  expect(done.map((c: { outcome: string }) => c.outcome).sort()).toEqual(['agreement', 'kept']);
  // the settled mediation and the kept booking are in the counsel's ledger, by the ledger's rules
  const ledger = (await call('myLedgerEntries', { token: tokens['王建国'] })).body.items;
  expect(
    ledger
      .filter((e: { clientKey: string }) => e.clientKey.startsWith('case-'))
      .map((e: { kind: string }) => e.kind)
      .sort(),
  ).toEqual(['consultation', 'mediation', 'mediation']);
});

it('a second run adds nothing', async () => {
  const before = await visible();
  const { result: again, seconds, commands } = await timedRun('second run');
  expect(again).toEqual({
    ...first,
    ledgerEntries: 0,
    ledgerReviews: 0,
    consultations: 0,
    consultationSteps: 0,
    groupRecords: 0,
    cases: 0,
    caseSteps: 0,
  });
  expect(await visible()).toEqual(before);
  expect(seconds).toBeLessThan(10);
  expect(commands).toBeLessThan(400);
});
