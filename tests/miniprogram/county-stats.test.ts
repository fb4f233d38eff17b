/**
 * The county's statistics (达标统计, issue 14 item 8) in the COMPILED weapp build, run in
 * miniprogram-simulate against a real running server. Needs `npm run build:weapp -w miniprogram`.
 *
 * 赵振华 (county staff) opens ledger/county-stats: the figures written as text (summary, every
 * township's rate, the six-month trend, a township's villages) are the server's. The charts are
 * AntV F2 on a Canvas 2D node, which miniprogram-simulate does not have (its selector query finds
 * no node): each chart then says in a line that it cannot be drawn, and nothing throws. The same
 * for 王志强 (township staff) on ledger/township-progress.
 */
import type { ComplianceReply, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const COUNTY = '210921';
const WAIT = 20000;

let stack: TestStack;
let runtime: WeappRuntime;
let staff: Session;
let page: SimComponent;
let reply: ComplianceReply;

/** As the page writes a rate (ledger/services/format.ts pct). */
const pct = (rate: number) => `${Math.round(rate * 10) / 10}%`;
const hours = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);

/** "YYYY-MM" n months before `month`. */
function monthBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

const compliance = (month: string) =>
  api<ComplianceReply>(stack.baseUrl, 'GET', `/api/counties/${COUNTY}/compliance?month=${month}`, staff.token);

beforeAll(async () => {
  stack = await startUiStack();
  staff = await demoLoginByName(stack.baseUrl, '赵振华');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: staff } });
  page = runtime.openPage('ledger/county-stats/index');
  await waitFor(() => textOf(page, 'compliance-rate'), WAIT, 'the compliance figures');
  reply = await api<ComplianceReply>(stack.baseUrl, 'GET', `/api/counties/${COUNTY}/compliance`, staff.token);
});

afterAll(async () => {
  page?.detach();
  await stack?.stop();
});

it('shows the summary figures of the month as the server counts them', () => {
  expect(textOf(page, 'compliance-rate')).toBe(pct(reply.summary.rate));
  expect(textOf(page, 'compliance-count')).toBe(`${reply.summary.compliant}/${reply.summary.villages}`);
  expect(textOf(page, 'lecture-count')).toBe(String(reply.summary.lectures));
});

it('writes every township rate as text next to the chart, which says it cannot be drawn here', async () => {
  expect(reply.townships.length).toBe(36);
  for (const t of reply.townships) {
    expect(textOf(page, `township-rate-${t.code}`)).toBe(`${pct(t.rate)}（${t.compliant}/${t.villages}）`);
  }
  // no Canvas 2D node in miniprogram-simulate: the chart degrades to a sentence, the page stays up
  const note = await waitFor(() => textOf(page, 'township-canvas-unavailable'), WAIT, 'the chart to give up');
  expect(note).toContain('无法绘制图表');
  expect(page.querySelector('#township-canvas')).toBeFalsy();
});

it('shows the six-month trend of the county rate, each month as the server counts it', async () => {
  const month = reply.month;
  await waitFor(() => textOf(page, `trend-rate-${monthBefore(month, 5)}`), WAIT, 'the trend');
  for (let n = 0; n < 6; n++) {
    const m = monthBefore(month, n);
    const r = n === 0 ? reply : await compliance(m);
    expect(textOf(page, `trend-rate-${m}`)).toBe(`${pct(r.summary.rate)}（${r.summary.compliant}/${r.summary.villages}）`);
  }
  expect(textOf(page, 'trend-canvas-unavailable')).toContain('无法绘制图表');
});

it("shows a township's villages with their on-site hours when the township is tapped", async () => {
  // the township with the most on-site time this month, so the figures are not all zero
  const byTownship = new Map<string, number>();
  for (const v of reply.villages) byTownship.set(v.townshipCode, (byTownship.get(v.townshipCode) ?? 0) + v.onSiteMinutes);
  const township = [...reply.townships].sort((a, b) => (byTownship.get(b.code) ?? 0) - (byTownship.get(a.code) ?? 0))[0]!;
  tap(page, `township-${township.code}`);
  const villages = reply.villages.filter((v) => v.townshipCode === township.code);
  expect(villages.length).toBeGreaterThan(0);
  await waitFor(() => textOf(page, `village-hours-${villages[0]!.code}`), WAIT, 'the villages of the township');
  const target = hours(Math.round(reply.targets.minOnSiteHoursPerMonth * 60));
  for (const v of villages) {
    expect(textOf(page, `village-hours-${v.code}`)).toContain(`本月驻点 ${hours(v.onSiteMinutes)} / ${target} 小时`);
    expect(textOf(page, `village-compliant-${v.code}`)).toBe(v.compliant ? '达标' : '未达标');
  }
  expect(await waitFor(() => textOf(page, 'village-canvas-unavailable'), WAIT, 'the village chart to give up')).toContain(
    '无法绘制图表',
  );
});

it('township staff see their villages hours as text, the chart saying it cannot be drawn here', async () => {
  const township = await demoLoginByName(stack.baseUrl, '王志强');
  const code = township.user.roles.find((g) => g.role === 'township_staff')!.placeCode;
  const own = await api<ComplianceReply>(stack.baseUrl, 'GET', `/api/townships/${code}/compliance`, township.token);
  runtime.wx.storage.set(SESSION_KEY, township);
  const progress = runtime.openPage('ledger/township-progress/index');
  try {
    const villages = own.villages.filter((v) => v.townshipCode === code);
    expect(villages.length).toBeGreaterThan(0);
    const first = villages[0]!;
    const prefix = (v: (typeof villages)[number]) => (v.compliant ? 'done' : 'behind');
    await waitFor(() => textOf(progress, `${prefix(first)}-hours-${first.code}`), WAIT, 'the villages of the township');
    const target = hours(Math.round(own.targets.minOnSiteHoursPerMonth * 60));
    for (const v of villages) {
      expect(textOf(progress, `${prefix(v)}-hours-${v.code}`)).toContain(`本月驻点 ${hours(v.onSiteMinutes)} / ${target} 小时`);
    }
    const note = await waitFor(() => textOf(progress, 'village-canvas-unavailable'), WAIT, 'the chart to give up');
    expect(note).toContain('无法绘制图表');
  } finally {
    progress.detach();
  }
});
