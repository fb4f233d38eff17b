/**
 * The service ledger (工作台账, docs/domain.md R2/R3/R5) in the COMPILED weapp build, run in
 * miniprogram-simulate against a real running server (tests/support/stack.ts).
 * Needs `npm run build:weapp -w miniprogram` first.
 *
 * 1. 我的服务进度: a 4-hour on-site entry of 王建国 in 210921001001, approved by 王志强 (township
 *    210921001), shows as "本月驻点 4 / 4 小时" and the village no longer misses on-site hours,
 *    while another of his villages still does.
 * 2. The offline queue: an entry submitted from the form while the server is unreachable waits in
 *    storage ("待同步 1 条") and is sent once the server is back; resending it (same clientKey)
 *    never records it twice; an entry the server refuses (4xx) leaves the queue and its Chinese
 *    message is shown.
 * 3. 台账审核: 王志强 returns the entry with a reason (a reason is required); 王建国's list shows it
 *    已退回 with the reason and offers 更正.
 */
import type { LedgerEntry, LedgerEntryListReply, ProgressReply, Session, VillageProgress } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import {
  API_BASE_KEY,
  SESSION_KEY,
  bootWeapp,
  tap,
  textOf,
  waitFor,
  type SimComponent,
  type WeappRuntime,
} from './support/taro-weapp';

const V1 = '210921001001';
const TOWNSHIP = '210921001';
const QUEUE_KEY = 'vc.ledgerQueue';

let stack: TestStack;
let counsel: Session;
let staff: Session;
let runtime: WeappRuntime;
/** the entry sent through the offline queue (pending, village of the form's first choice) */
let synced: LedgerEntry | undefined;
let entriesPage: SimComponent | undefined;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

const pad = (n: number) => String(n).padStart(2, '0');

/** A 4-hour slot in the current Asia/Shanghai month that is already over, as +08:00 ISO strings. */
function fourHoursThisMonth(): { startAt: string; endAt: string } {
  const sh = new Date(Date.now() + 8 * 3600 * 1000); // Shanghai wall clock in the UTC fields
  const y = sh.getUTCFullYear();
  const m = pad(sh.getUTCMonth() + 1);
  const day = sh.getUTCDate();
  const hour = sh.getUTCHours();
  let d = day;
  let from = 8;
  if (hour < 12) {
    if (day > 1) d = day - 1;
    else if (hour >= 4) from = 0;
    else throw new Error('the first 4 hours of a month: no finished 4-hour slot in this month yet');
  }
  const at = (h: number) => `${y}-${m}-${pad(d)}T${pad(h)}:00:00+08:00`;
  return { startAt: at(from), endAt: at(from + 4) };
}

async function progressOf(village: string): Promise<VillageProgress> {
  const r = await api<ProgressReply>(stack.baseUrl, 'GET', '/api/ledger/progress', counsel.token);
  const p = r.items.find((i) => i.villageCode === village);
  if (!p) throw new Error(`no progress for ${village}`);
  return p;
}

beforeAll(async () => {
  stack = await startUiStack();
  counsel = await loginAs('王建国');
  staff = await loginAs('王志强');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: counsel } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('我的服务进度 (weapp build)', () => {
  let before: VillageProgress;
  let page: SimComponent;

  beforeAll(async () => {
    before = await progressOf(V1);
    const entry = await api<LedgerEntry>(stack.baseUrl, 'POST', '/api/ledger/entries', counsel.token, {
      clientKey: `test-progress-${Date.now().toString(36)}`,
      villageCode: V1,
      kind: 'on_site_duty',
      mode: 'on_site',
      ...fourHoursThisMonth(),
      summary: '驻村值班，接待村民法律咨询',
    });
    expect(entry).toMatchObject({ status: 'pending', minutes: 240 });
    const reviewed = await api<LedgerEntry>(
      stack.baseUrl,
      'POST',
      `/api/townships/${TOWNSHIP}/ledger-entries/${entry.id}/review`,
      staff.token,
      { decision: 'approve' },
    );
    expect(reviewed.status).toBe('approved');

    page = runtime.openPage('ledger/progress/index');
    await waitFor(() => textOf(page, `progress-month-${V1}`), 15000, 'the progress card of ' + V1);
  });

  it('shows the approved on-site hours of the month against the 4 required', async () => {
    const after = await progressOf(V1);
    expect(after.month.onSiteMinutes).toBe(before.month.onSiteMinutes + 240);
    const month = textOf(page, `progress-month-${V1}`) ?? '';
    if (before.month.onSiteMinutes === 0) expect(month).toMatch(/本月驻点 4(\.0)? \/ 4 小时/);
    else expect(month).toContain(`/ ${after.month.requiredMinutes / 60} 小时`);
  });

  it('no longer lists missing on-site hours for that village', () => {
    const missing = textOf(page, `progress-missing-${V1}`) ?? '';
    expect(missing).not.toContain('驻点');
  });

  it('still lists missing on-site hours for another village', async () => {
    const r = await api<ProgressReply>(stack.baseUrl, 'GET', '/api/ledger/progress', counsel.token);
    const other = r.items.find((i) => i.villageCode !== V1 && i.missing.some((m) => m.includes('驻点')));
    expect(other).toBeDefined();
    const missing = textOf(page, `progress-missing-${other!.villageCode}`) ?? '';
    expect(missing).toContain('驻点');
    for (const m of other!.missing) expect(missing).toContain(m);
    expect(textOf(page, `progress-quarter-${other!.villageCode}`)).toMatch(/^本季度讲座 \d+ \/ \d+ 次$/);
    expect(textOf(page, `progress-year-${other!.villageCode}`)).toMatch(/^本年度 [\d.]+ \/ [\d.]+ 小时$/);
  });
});

describe('台账离线队列 (weapp build)', () => {
  let page: SimComponent;

  type Queued = { body: { clientKey: string } };
  const queue = () => (runtime.wx.storage.get(QUEUE_KEY) as Queued[] | undefined) ?? [];

  it('keeps an entry made without network and sends it once the server is back, only once', async () => {
    // the server is unreachable while the form is submitted
    runtime.wx.storage.set(API_BASE_KEY, 'http://127.0.0.1:9');
    page = runtime.openPage('ledger/entry/index');
    await waitFor(() => page.querySelector('#entry-summary'), 15000, 'the entry form');
    page.querySelector('#entry-summary')!.dispatchEvent('input', { detail: { value: '远程解答村民土地承包问题' } });
    await waitFor(
      () => (runtime.wx.storage.get('vc.ledgerDraft') as { summary?: string } | undefined)?.summary,
      5000,
      'the draft',
    );
    tap(page, 'entry-submit');
    await waitFor(() => textOf(page, 'queue-count'), 15000, '待同步');
    expect(textOf(page, 'queue-count')).toBe('待同步 1 条');
    expect(await waitFor(() => textOf(page, 'ok-message'), 15000, 'the saved-offline message')).toContain('联网后会自动同步');
    const [waiting] = queue();
    expect(waiting).toBeDefined();
    const clientKey = waiting!.body.clientKey;

    // back online: 立即同步 sends it and empties the queue
    runtime.wx.storage.set(API_BASE_KEY, stack.baseUrl);
    tap(page, 'queue-sync');
    await waitFor(() => queue().length === 0, 15000, 'the queue to empty');
    const mine = async () =>
      (await api<LedgerEntryListReply>(stack.baseUrl, 'GET', '/api/ledger/entries', counsel.token)).items.filter(
        (e) => e.clientKey === clientKey,
      );
    expect(await mine()).toHaveLength(1);

    // the reply was lost on the way (the phone kept it): the next page show resends the same key,
    // and the server records nothing new
    runtime.wx.storage.set(QUEUE_KEY, [waiting]);
    entriesPage = runtime.openPage('ledger/entries/index');
    await waitFor(() => queue().length === 0, 15000, 'the queue to empty again');
    expect(await mine()).toHaveLength(1);
    synced = (await mine())[0];
    const posts = runtime.wx.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/ledger/entries'));
    expect(posts.map((r) => r.status)).toEqual([0, 201, 200]);
  });

  it('drops an entry the server refuses (4xx) and shows its Chinese message', async () => {
    const tomorrow = new Date(Date.now() + 8 * 3600 * 1000 + 24 * 3600 * 1000).toISOString().slice(0, 10);
    const before = runtime.wx.requests.length;
    runtime.wx.storage.set('vc.ledgerDraft', {
      clientKey: null,
      villageCode: V1,
      kind: 'consultation',
      mode: 'remote',
      startDate: tomorrow,
      startTime: '09:00',
      endDate: tomorrow,
      endTime: '10:00',
      attendees: '',
      summary: '电话解答村民咨询',
      lateReason: '',
      viaTimer: false,
      location: null,
      correctsEntryId: null,
    });
    // the form of the test above (a compiled page loads only once per run): show it again
    const form = page ?? runtime.openPage('ledger/entry/index');
    (form.instance.onShow as () => void).call(form.instance);
    await waitFor(() => textOf(form, 'entry-start-date') === tomorrow, 15000, 'the stored draft');
    tap(form, 'entry-submit');
    const message = await waitFor(() => textOf(form, 'error-message'), 15000, 'the refusal');
    expect(message).toMatch(/[\u4e00-\u9fa5]/);
    const refused = runtime.wx.requests.slice(before).find((r) => r.method === 'POST' && r.url.endsWith('/api/ledger/entries'));
    expect(refused?.status).toBeGreaterThanOrEqual(400);
    expect(refused?.status).toBeLessThan(500);
    expect(queue()).toHaveLength(0);
    // the draft (with its key) stays so the counsel can fix it
    expect((runtime.wx.storage.get('vc.ledgerDraft') as { summary: string; clientKey: string | null }).clientKey).toBeTruthy();
  });
});

describe('台账审核 (weapp build)', () => {
  it('township staff return an entry with a reason; the counsel sees it returned and may correct it', async () => {
    expect(synced).toBeDefined();
    const id = synced!.id;
    runtime.wx.storage.set(SESSION_KEY, staff);
    const review = runtime.openPage('ledger/review/index');
    await waitFor(() => nodeOf(review, `review-${id}`), 15000, 'the pending entry in the review queue');
    expect(textOf(review, `review-${id}`)).toContain('王建国');

    tap(review, `return-${id}`);
    expect(await waitFor(() => textOf(review, 'error-message'), 5000, 'the missing reason')).toBe('退回时请填写原因');

    review.querySelector(`#reason-${id}`)!.dispatchEvent('input', { detail: { value: '服务内容过于简单，请补充' } });
    await new Promise((r) => setTimeout(r, 50));
    tap(review, `return-${id}`);
    await waitFor(() => !nodeOf(review, `review-${id}`), 15000, 'the entry to leave the queue');
    expect(textOf(review, 'ok-message')).toContain('已退回');

    // back to the counsel: the list shows it returned, with the reason and 更正
    runtime.wx.storage.set(SESSION_KEY, counsel);
    const list = entriesPage!;
    (list.instance.onShow as () => void).call(list.instance);
    await waitFor(() => textOf(list, `entry-status-${id}`) === '已退回', 15000, 'the returned status');
    expect(textOf(list, `entry-reason-${id}`)).toContain('服务内容过于简单');
    expect(list.querySelector(`#correct-${id}`)).not.toBeNull();
  });
});

function nodeOf(root: SimComponent, id: string) {
  return root.querySelector(`#${id}`);
}
