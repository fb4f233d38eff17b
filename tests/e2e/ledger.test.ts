/**
 * The ledger end to end on the H5 build (miniprogram/dist-h5) served by the real server, in headless
 * Chromium: a counsel logs 4 hours on site (through the offline queue), the township staff approves
 * it, the counsel's progress shows 4 / 4, and county staff export the month's archive (xlsx) which
 * holds the entry on the village's sheet.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { DemoIdentity, LedgerEntryListReply } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import type { Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { answerConfirm, openEntry } from './support/page';
import { ENTRY_COLUMNS } from '../../server/src/modules/ledger/export';

const TOWNSHIP = '210921001';
const VILLAGE = '210921001001';
const VILLAGE_NAME = '富民社区';
const COUNSEL = '王建国';
const TOWNSHIP_STAFF = '王志强';
const COUNTY_STAFF = '赵振华';

let stack: TestStack;
const browsers: Browser[] = [];
let downloadDir: string | null = null;

beforeAll(async () => {
  stack = await startUiStack();
});

afterAll(async () => {
  for (const b of browsers) {
    if (b.errors.length) console.warn('browser errors:\n' + b.errors.join('\n'));
    await b.close();
  }
  if (downloadDir) fs.rmSync(downloadDir, { recursive: true, force: true });
  await stack?.stop();
});

/** Asia/Shanghai wall-clock parts of a moment. */
function shanghai(at: Date) {
  const d = new Date(at.getTime() + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day: d.getUTCDate(),
    minutes: d.getUTCHours() * 60 + d.getUTCMinutes(),
    month: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`,
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
  };
}

/** A 4-hour window this month that is not in the future: 00:05–04:05 today, else yesterday 09:00–13:00. */
function fourHourWindow(now = new Date()) {
  const today = shanghai(now);
  if (today.minutes >= 4 * 60 + 10) return { date: today.date, start: '00:05', end: '04:05', month: today.month };
  if (today.day > 1) {
    const y = shanghai(new Date(now.getTime() - 24 * 3600 * 1000));
    return { date: y.date, start: '09:00', end: '13:00', month: today.month };
  }
  throw new Error('cannot fit 4 hours of this month before now (the 1st before 04:10 Shanghai time)');
}

const identity = (name: string, role: DemoIdentity['role']) => findIdentity(stack.baseUrl, name, role);

/** A fresh browser logged in as a demo identity, closed after the tests. */
async function loginAs(who: DemoIdentity): Promise<Browser> {
  const b = await openAs(stack.baseUrl, who);
  browsers.push(b);
  return b;
}

it('a counsel logs 4 hours on site, the township approves, progress shows 4 / 4 and the county export holds it', async () => {
  const window = fourHourWindow();
  const summary = `e2e 驻村值班 ${Date.now()}：接待村民法律咨询`;
  const [counsel, townshipStaff, countyStaff] = await Promise.all([
    identity(COUNSEL, 'counsel'),
    identity(TOWNSHIP_STAFF, 'township_staff'),
    identity(COUNTY_STAFF, 'county_staff'),
  ]);
  const counselSession = await demoLogin(stack.baseUrl, counsel.id);
  expect(counselSession.user.roles.some((g) => g.role === 'counsel' && g.placeCode === VILLAGE)).toBe(true);

  // --- the counsel fills the entry form -------------------------------------------------------
  const a = await loginAs(counsel);
  await openEntry(a, 'ledger-entry');
  await a.page.waitForSelector('#entry-summary', { timeout: 20000 });
  await a.page.fill('#entry-summary textarea', summary);
  // the date/time pickers are native wheels: set the (persisted) draft instead and reopen the form,
  // which restores the draft exactly as after closing the app
  await a.page.waitForFunction(() => !!localStorage.getItem('vc.ledgerDraft'));
  await a.page.evaluate(
    ({ village, w }) => {
      const raw = JSON.parse(localStorage.getItem('vc.ledgerDraft')!) as Record<string, unknown>;
      const wrapped = raw && typeof raw.data === 'object' && raw.data !== null;
      const draft = (wrapped ? raw.data : raw) as Record<string, unknown>;
      Object.assign(draft, {
        villageCode: village,
        kind: 'on_site_duty',
        mode: 'on_site',
        startDate: w.date,
        startTime: w.start,
        endDate: w.date,
        endTime: w.end,
        viaTimer: false,
      });
      localStorage.setItem('vc.ledgerDraft', JSON.stringify(wrapped ? { ...raw, data: draft } : draft));
    },
    { village: VILLAGE, w: window },
  );
  await a.page.reload();
  await a.page.waitForSelector('#entry-summary', { timeout: 20000 });
  await expect(a.page.locator('#entry-village').textContent()).resolves.toContain(VILLAGE_NAME);
  await expect(a.page.locator('#entry-start-time').textContent()).resolves.toContain(window.start);
  await expect(a.page.locator('#entry-duration').textContent()).resolves.toContain('共 4 小时');
  await a.page.click('#entry-submit');
  const ok = a.page.locator('#ok-message');
  await ok.waitFor({ timeout: 20000 });
  expect((await ok.textContent())?.trim()).toContain('已提交');

  // the server holds it, pending
  const mine = await api<LedgerEntryListReply>(
    stack.baseUrl,
    'GET',
    `/api/ledger/entries?month=${window.month}&villageCode=${VILLAGE}`,
    counselSession.token,
  );
  const entry = mine.items.find((e) => e.summary === summary);
  expect(entry).toBeDefined();
  expect(entry!.status).toBe('pending');
  expect(entry!.minutes).toBe(240);

  // --- the township staff approve it -----------------------------------------------------------
  const b = await loginAs(townshipStaff);
  await openEntry(b, `ledger-review-${TOWNSHIP}`);
  await b.page.click(`#approve-${entry!.id}`, { timeout: 20000 });
  expect(await answerConfirm(b)).toContain('通过后计入本月服务时长');
  const approved = b.page.locator('#ok-message');
  await approved.waitFor({ timeout: 20000 });
  expect((await approved.textContent())?.trim()).toContain('已通过');

  // --- the counsel's progress: 4 / 4 for the village ------------------------------------------
  await a.page.goto(`${stack.baseUrl}/`);
  await openEntry(a, 'ledger-progress');
  const progress = a.page.locator(`#progress-month-${VILLAGE}`);
  await progress.waitFor({ timeout: 20000 });
  await a.page
    .waitForFunction((sel) => /4\s*\/\s*4/.test(document.querySelector(sel)?.textContent ?? ''), `#progress-month-${VILLAGE}`, {
      timeout: 20000,
    })
    .catch(() => undefined);
  expect((await progress.textContent())?.replace(/\s+/g, ' ')).toMatch(/本月驻点 4 \/ 4 小时/);

  // --- the county staff export the month -------------------------------------------------------
  const c = await loginAs(countyStaff);
  await openEntry(c, 'link-county-export');
  await c.page.waitForSelector('#export-button', { timeout: 20000 });
  expect((await c.page.locator('#export-month').textContent())?.trim()).toBe(window.month);
  // the whole county's archive: one sheet per village
  const downloading = c.page.waitForEvent('download', { timeout: 30000 });
  downloading.catch(() => undefined);
  await c.page.click('#export-button');
  await c.page.waitForSelector('#export-done, #error-message', { timeout: 30000 });
  const failed = await c.page.locator('#error-message').count();
  if (failed) throw new Error(`export failed: ${await c.page.locator('#error-message').textContent()}`);
  const download = await downloading;
  expect(await c.page.locator('#export-progress').textContent()).toContain('100%');
  expect(download.suggestedFilename()).toMatch(new RegExp(`^台账-.+-${window.month}(-${VILLAGE_NAME})?\\.xlsx$`));
  downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vc-export-'));
  const file = path.join(downloadDir, 'ledger.xlsx');
  await download.saveAs(file);

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet(`${VILLAGE_NAME}-${VILLAGE.slice(-3)}`);
  expect(sheet).toBeDefined();
  const rows: string[][] = [];
  sheet!.eachRow((row, n) => {
    if (n < 3) return;
    const cell = (header: string) => String(row.getCell(ENTRY_COLUMNS.indexOf(header) + 1).text ?? '');
    rows.push([cell('法律顾问'), cell('服务类型')]);
  });
  expect(rows).toContainEqual([COUNSEL, '驻村值班']);
  expect(book.worksheets).toHaveLength(391);
});
