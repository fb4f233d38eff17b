/**
 * "To-do first" (issue 14 item 4) in the COMPILED weapp build, in miniprogram-simulate against a real
 * running server: each role's home opens with its counts (the same numbers GET /api/me/todo gives)
 * and the most urgent items; a returned ledger entry of last month stays on 我的台账 whatever month is
 * shown, and 更正 opens the entry form with it.
 * Needs `npm run build:weapp -w miniprogram`.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import type { Consultation, LedgerEntry, Session, TodoReply } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

dayjs.extend(utc);
dayjs.extend(timezone);

const VILLAGE = '210921001001';
const TOWNSHIP = '210921001';
const COUNTY = '210921';
const WAIT = 15000;
const lastMonth = dayjs().tz('Asia/Shanghai').subtract(1, 'month').format('YYYY-MM');
const tag = Date.now().toString(36);

let stack: TestStack;
let runtime: WeappRuntime;
const pages: SimComponent[] = [];
let villager: Session;
let counsel: Session;
let township: Session;
let county: Session;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);
const todoOf = (s: Session) => api<TodoReply>(stack.baseUrl, 'GET', '/api/me/todo', s.token);

function open(session: Session, route: string): SimComponent {
  runtime.wx.storage.set(SESSION_KEY, session);
  const page = runtime.openPage(route, {});
  pages.push(page);
  return page;
}

/** The home page, loaded once (a page module registers once per runtime) and shown again as another person. */
let home: SimComponent | undefined;
function homeAs(session: Session): SimComponent {
  if (!home) return (home = open(session, 'pages/index/index'));
  runtime.wx.storage.set(SESSION_KEY, session);
  (home.instance.onShow as () => void).call(home.instance);
  return home;
}

let questionId: string;
let returnedId: string;

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl });
  villager = await loginAs('林红霞');
  counsel = await loginAs('王建国');
  township = await loginAs('王志强');
  county = await loginAs('赵振华');

  // a question waiting for the counsel
  const asked = await api<Consultation>(stack.baseUrl, 'POST', '/api/consultations', villager.token, {
    clientKey: `todo-home-${tag}`,
    question: `宅基地确权的材料怎么准备？（${tag}）`,
  });
  questionId = asked.id;
  // an entry of last month, returned by the township with a reason
  const at = (time: string) => dayjs.tz(`${lastMonth}-03 ${time}`, 'Asia/Shanghai').format();
  const entry = await api<LedgerEntry>(stack.baseUrl, 'POST', '/api/ledger/entries', counsel.token, {
    clientKey: `todo-home-entry-${tag}`,
    villageCode: VILLAGE,
    kind: 'on_site_duty',
    mode: 'on_site',
    startAt: at('09:00'),
    endAt: at('10:00'),
    summary: `驻村值班，接待村民咨询（${tag}）`,
  });
  await api(stack.baseUrl, 'POST', `/api/townships/${TOWNSHIP}/ledger-entries/${entry.id}/review`, township.token, {
    decision: 'return',
    reason: '时间与签到记录不符',
  });
  returnedId = entry.id;
});

afterAll(async () => {
  for (const p of pages) p.detach();
  await stack?.stop();
});

it('the counsel’s home opens with the waiting questions and the returned entry, counted as the server counts', async () => {
  const expected = (await todoOf(counsel)).counsel!;
  expect(expected.waitingQuestions.count).toBeGreaterThanOrEqual(1);
  expect(expected.returnedEntries.items.map((e) => e.id)).toContain(returnedId);

  const home = homeAs(counsel);
  await waitFor(() => textOf(home, 'todo-waiting-number'), WAIT, 'the to-do counts');
  expect(textOf(home, 'todo-waiting-number')).toBe(String(expected.waitingQuestions.count));
  expect(textOf(home, 'todo-returned-number')).toBe(String(expected.returnedEntries.count));
  expect(textOf(home, 'todo-waiting')).toContain(expected.waitingQuestions.label);
  // the most urgent questions are listed with their time left; ours is among them when it is among the first three
  for (const q of expected.waitingQuestions.items) {
    expect(textOf(home, `todo-question-left-${q.id}`)).toBe(q.timeLeft);
  }
  const returned = textOf(home, `todo-returned-${returnedId}`);
  expect(returned).toContain(lastMonth);
  expect(returned).toContain('退回原因：时间与签到记录不符');
  // this month's on-site hours per village served, against the target
  for (const h of expected.onSiteHours.items) expect(textOf(home, `todo-hours-${h.villageCode}`)).toContain(h.label);
  // the question is a tap away
  if (expected.waitingQuestions.items.some((q) => q.id === questionId)) {
    tap(home, `todo-question-${questionId}`);
    await waitFor(() => runtime.wx.navigations.some((n) => n.url.includes(`id=${questionId}`)), WAIT, 'the thread opened');
  }
});

it('我的台账 shows last month’s returned entry on this month’s page, and 更正 prepares its correction', async () => {
  const list = open(counsel, 'ledger/entries/index');
  await waitFor(() => textOf(list, `returned-${returnedId}`), WAIT, 'the returned entry of last month');
  // the month shown is this month; the returned entry of last month is above it all the same
  expect(textOf(list, 'entries-month')).not.toContain(lastMonth);
  expect(textOf(list, 'returned-entries')).toContain('退回待更正');
  expect(textOf(list, `returned-${returnedId}`)).toContain('时间与签到记录不符');

  tap(list, `returned-correct-${returnedId}`);
  const draft = await waitFor(
    () => runtime.wx.storage.get('vc.ledgerDraft') as { correctsEntryId?: string } | undefined,
    WAIT,
    'the correction draft',
  );
  expect(draft.correctsEntryId).toBe(returnedId);
});

it('township staff see pending joins, held posts, entries to review and overdue questions as counts', async () => {
  const expected = (await todoOf(township)).townships.find((t) => t.townshipCode === TOWNSHIP)!;
  expect(expected.ledgerReviews.count).toBeGreaterThanOrEqual(0);
  const home = homeAs(township);
  await waitFor(() => textOf(home, `todo-reviews-${TOWNSHIP}-number`), WAIT, 'the township counts');
  expect(textOf(home, `todo-joins-${TOWNSHIP}-number`)).toBe(String(expected.joinRequests.count));
  expect(textOf(home, `todo-held-${TOWNSHIP}-number`)).toBe(String(expected.heldPosts.count));
  expect(textOf(home, `todo-reviews-${TOWNSHIP}-number`)).toBe(String(expected.ledgerReviews.count));
  expect(textOf(home, `todo-overdue-${TOWNSHIP}-number`)).toBe(String(expected.overdueQuestions.count));
  expect(textOf(home, `todo-reviews-${TOWNSHIP}`)).toContain(expected.ledgerReviews.label);
});

it('county staff see villages without counsel and villages behind this month', async () => {
  const expected = (await todoOf(county)).counties.find((c) => c.countyCode === COUNTY)!;
  const home = homeAs(county);
  await waitFor(() => textOf(home, `todo-behind-${COUNTY}-number`), WAIT, 'the county counts');
  expect(textOf(home, `todo-uncovered-${COUNTY}-number`)).toBe(String(expected.villagesWithoutCounsel.count));
  expect(textOf(home, `todo-behind-${COUNTY}-number`)).toBe(String(expected.villagesBehind.count));
  // every demo village is behind on the 2nd of a month with nothing logged; the first few are named with their township
  for (const v of expected.villagesBehind.items) {
    expect(textOf(home, `todo-behind-village-${v.villageCode}`)).toContain(v.townshipName);
  }
});
