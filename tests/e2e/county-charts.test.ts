/**
 * The county's statistics drawn with AntV F2 (issue 14 item 8) on the H5 build
 * (miniprogram/dist-h5) served by the real server, in headless Chromium at 375 px.
 * Needs `npm run build:h5 -w miniprogram` first.
 *
 * A 4-hour on-site entry of 王建国 in 210921001001 is approved this month, so the village chart has
 * a bar to draw. 赵振华 (county staff) opens 达标统计: the township chart, the six-month trend and,
 * after tapping the township, the village chart have drawn on their canvases (pixels read back
 * with getImageData, the bars in the chart's red or green), and the figures written as text are
 * the server's statistics read over HTTP.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ComplianceReply, LedgerEntry, Session } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import type { Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { UI_TIMEOUT, openEntry, textOf, waitForShown } from './support/page';

/** looked at by people, not compared pixel by pixel */
const SHOTS = path.resolve(__dirname, '../../.cache/screenshots/county-charts');
const COUNTY = '210921';
const TOWNSHIP = '210921001';
const VILLAGE = '210921001001';

let stack: TestStack;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startUiStack();
});

afterAll(async () => {
  if (browser?.errors.length) console.warn('browser errors:\n' + browser.errors.join('\n'));
  await browser?.close();
  await stack?.stop();
});

const pad = (n: number) => String(n).padStart(2, '0');

/** A finished 4-hour slot in the current Asia/Shanghai month, as +08:00 ISO strings. */
function fourHoursThisMonth(): { startAt: string; endAt: string } {
  const sh = new Date(Date.now() + 8 * 3600 * 1000); // Shanghai wall clock in the UTC fields
  const [y, m, day, hour] = [sh.getUTCFullYear(), pad(sh.getUTCMonth() + 1), sh.getUTCDate(), sh.getUTCHours()];
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

const pct = (rate: number) => `${Math.round(rate * 10) / 10}%`;
const hours = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);

/**
 * Pixels of the canvas inside `#id` (Taro H5's Canvas wraps a real <canvas>): how many are drawn
 * (not transparent, not white) and how many are in the bar colours (#b3261e red, #2e7d32 green).
 */
async function pixels(b: Browser, id: string): Promise<{ width: number; drawn: number; bars: number }> {
  return b.page.evaluate((sel) => {
    const canvas = document.querySelector<HTMLCanvasElement>(sel);
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !canvas.width || !canvas.height) return { width: 0, drawn: 0, bars: 0 };
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    let bars = 0;
    const near = (i: number, rgb: number[]) => rgb.every((c, k) => Math.abs(data[i + k]! - c) <= 6);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! === 0 || (data[i]! > 250 && data[i + 1]! > 250 && data[i + 2]! > 250)) continue;
      drawn += 1;
      if (near(i, [179, 38, 30]) || near(i, [46, 125, 50])) bars += 1;
    }
    return { width: canvas.width, drawn, bars };
  }, `#${id} canvas`);
}

/** Waits until the chart in `#id` has drawn at least `least.drawn` pixels, `least.bars` of them in a bar colour. */
async function waitForChart(
  b: Browser,
  id: string,
  least: { drawn: number; bars: number },
): Promise<{ width: number; drawn: number; bars: number }> {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    const p = await pixels(b, id);
    if (p.drawn >= least.drawn && p.bars >= least.bars) return p;
    if (Date.now() > deadline) {
      const note = await b.page.locator(`#${id}-unavailable`).count();
      throw new Error(
        `#${id} drew ${JSON.stringify(p)}${note ? ' and says it cannot draw' : ''}; errors: ${b.errors.join(' | ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

it('county staff see the statistics drawn as charts, with the server figures as text', async () => {
  const counsel = await demoLogin(stack.baseUrl, (await findIdentity(stack.baseUrl, '王建国', 'counsel')).id);
  const township = await demoLogin(stack.baseUrl, (await findIdentity(stack.baseUrl, '王志强', 'township_staff')).id);
  const entry = await api<LedgerEntry>(stack.baseUrl, 'POST', '/api/ledger/entries', counsel.token, {
    clientKey: `e2e-charts-${Date.now().toString(36)}`,
    villageCode: VILLAGE,
    kind: 'on_site_duty',
    mode: 'on_site',
    ...fourHoursThisMonth(),
    summary: '驻村值班，接待村民法律咨询',
  });
  await api(stack.baseUrl, 'POST', `/api/townships/${TOWNSHIP}/ledger-entries/${entry.id}/review`, township.token, {
    decision: 'approve',
  });

  const who = await findIdentity(stack.baseUrl, '赵振华', 'county_staff');
  const staff: Session = await demoLogin(stack.baseUrl, who.id);
  const reply = await api<ComplianceReply>(stack.baseUrl, 'GET', `/api/counties/${COUNTY}/compliance`, staff.token);
  const village = reply.villages.find((v) => v.code === VILLAGE)!;
  expect(village.onSiteMinutes).toBeGreaterThanOrEqual(240);

  browser = await openAs(stack.baseUrl, who);
  const b = browser;
  await openEntry(b, 'link-county-stats');
  await waitForShown(b, '#compliance-rate');

  // the figures as text are the server's
  expect(await textOf(b, 'compliance-rate')).toBe(pct(reply.summary.rate));
  expect(await textOf(b, 'compliance-count')).toBe(`${reply.summary.compliant}/${reply.summary.villages}`);
  expect(reply.townships).toHaveLength(36);
  for (const t of reply.townships) {
    expect(await textOf(b, `township-rate-${t.code}`)).toBe(`${pct(t.rate)}（${t.compliant}/${t.villages}）`);
  }

  // the township chart has drawn: axes, labels and grid at least (every bar is 0 % when no village
  // is compliant), and bars as soon as one township has a compliant village
  const anyBar = reply.townships.some((t) => t.rate > 0);
  const towns = await waitForChart(b, 'township-canvas', { drawn: 1000, bars: anyBar ? 100 : 0 });
  expect(towns.width).toBeGreaterThan(300);

  // the trend: a red line through six months
  await waitForShown(b, '#trend-chart');
  const trend = await waitForChart(b, 'trend-canvas', { drawn: 500, bars: 50 });
  expect(trend.drawn).toBeGreaterThan(trend.bars); // axes and labels too

  // the township's villages: the village with 4 hours has a bar, and its hours are written out
  await b.page.click(`#township-${TOWNSHIP}`);
  await waitForShown(b, `#village-hours-${VILLAGE}`);
  const target = hours(Math.round(reply.targets.minOnSiteHoursPerMonth * 60));
  for (const v of reply.villages.filter((x) => x.townshipCode === TOWNSHIP)) {
    expect(await textOf(b, `village-hours-${v.code}`)).toContain(`本月驻点 ${hours(v.onSiteMinutes)} / ${target} 小时`);
  }
  const villages = await waitForChart(b, 'village-canvas', { drawn: 500, bars: 200 });
  expect(villages.drawn).toBeGreaterThan(villages.bars); // the axes, labels and target line too
  fs.mkdirSync(SHOTS, { recursive: true });
  // the page scrolls inside Taro's container: each chart saved as its canvas draws it (toDataURL)
  for (const id of ['township-canvas', 'trend-canvas', 'village-canvas']) {
    const url = await b.page.evaluate(
      (sel) => document.querySelector<HTMLCanvasElement>(sel)!.toDataURL('image/png'),
      `#${id} canvas`,
    );
    fs.writeFileSync(path.join(SHOTS, `${id}.png`), Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64'));
  }
});
