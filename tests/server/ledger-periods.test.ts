/**
 * Ledger periods (issue 15 items 7 and 8, docs/domain.md R2 and R4): only a finished month is
 * locked; a month's figures never count later months; the archive of a locked month never changes,
 * whatever is recorded, reviewed or decided after the lock. Periods are relative to today, so the
 * suite holds on any date (the server's clock is the real one).
 */
import mongoose from 'mongoose';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import ExcelJS from 'exceljs';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';
import { exportLedger } from '../../server/src/modules/ledger/export';

dayjs.extend(utc);
dayjs.extend(timezone);
const bj = (text: string) => dayjs.tz(text, 'Asia/Shanghai');

let stack: Stack;
let call: ReturnType<typeof api>;
let counsel: string; // 王建国: serves 210921001001..003
let township: string; // 王志强: 210921001
let county: string; // 赵振华: 210921
const COUNTY = '210921';
const TOWNSHIP = '210921001';
/** the export's sheet of what came after a lock (server/src/modules/ledger/export.ts AFTER_LOCK_SHEET) */
const AFTER_LOCK_SHEET = '锁定后补登与审核';
const V1 = '210921001001';
const V2 = '210921001002';

// Two finished months of one year, one after the other: last month and the one before, or, in
// February (last month a January), the November and December before.
const thisMonth = dayjs().tz('Asia/Shanghai').startOf('month');
const lastMonth = thisMonth.subtract(1, 'month');
const laterMonth = lastMonth.month() === 0 ? lastMonth.subtract(1, 'month') : lastMonth;
const LATER = laterMonth.format('YYYY-MM');
const EARLIER = laterMonth.subtract(1, 'month').format('YYYY-MM');
const CURRENT = thisMonth.format('YYYY-MM');
/** the first instant after a Beijing month, as the reports' asOf */
const endOf = (month: string) => bj(`${month}-01 00:00`).add(1, 'month').toDate().toISOString();

let seq = 0;
const submit = (overrides: Record<string, unknown>) =>
  call('submitLedgerEntry', {
    token: counsel,
    body: {
      clientKey: `periods-${Date.now()}-${seq++}`,
      kind: 'on_site_duty',
      summary: '在村委会值班，接待村民咨询',
      ...overrides,
    },
  });
/** an entry of `hours` on day `d` of `month`, submitted (and approved unless told otherwise); its id */
async function record(villageCode: string, month: string, d: number, hours: number, extra: Record<string, unknown> = {}) {
  const start = bj(`${month}-${String(d).padStart(2, '0')} 08:00`);
  const res = await submit({ villageCode, startAt: start.format(), endAt: start.add(hours * 60, 'minute').format(), ...extra });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
async function approve(id: string) {
  const res = await call('reviewLedgerEntry', {
    token: township,
    params: { townshipCode: TOWNSHIP, entryId: id },
    body: { decision: 'approve' },
  });
  expect(res.status).toBe(200);
}
const report = (month: string) => call('countyCompliance', { token: county, params: { countyCode: COUNTY }, query: { month } });
const villageOf = (reply: { body: { villages: { code: string }[] } }, code: string) =>
  reply.body.villages.find((v) => v.code === code) as unknown as Record<string, number | string | string[] | boolean>;
const progressOf = async (month: string, village: string) => {
  const res = await call('myLedgerProgress', { token: counsel, query: { month } });
  expect(res.status).toBe(200);
  return res.body.items.find((i: { villageCode: string }) => i.villageCode === village);
};

/** The export time every title row ends with: the one text of an export that changes each time. */
const EXPORT_TIME = /导出时间：(\d{4}-\d{2}-\d{2} \d{2}:\d{2})（北京时间）/;

/**
 * Every sheet of an export as plain cell values, by sheet name, with the export time taken out of
 * the title rows (after checking each sheet's title carries one).
 */
async function readBook(body: ArrayBuffer | Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(body as ArrayBuffer) as never);
  for (const sheet of book.worksheets) expect(sheet.getCell('A1').text).toMatch(EXPORT_TIME);
  return Object.fromEntries(
    book.worksheets.map((sheet) => [
      sheet.name,
      // dense arrays (ExcelJS leaves holes), so rows and cells compare and search plainly
      Array.from(sheet.getSheetValues(), (row) =>
        Array.isArray(row)
          ? Array.from(row, (cell) => (typeof cell === 'string' ? cell.replace(EXPORT_TIME, '导出时间：—') : (cell ?? null)))
          : [],
      ),
    ]),
  ) as Record<string, unknown[][]>;
}
async function exported(month: string, villageCode?: string) {
  const query = `month=${month}${villageCode ? `&villageCode=${villageCode}` : ''}`;
  const res = await fetch(`${stack.baseUrl}/api/counties/${COUNTY}/ledger-export?${query}`, {
    headers: { authorization: `Bearer ${county}` },
  });
  expect(res.status).toBe(200);
  return readBook(await res.arrayBuffer());
}
/** the summary row of a village in an export: [.., name, code, 本月驻点, 本季度讲座, 本年度, 调解, 记录, 达标, 尚缺, 归档, 截至] */
const summaryRow = (book: Record<string, unknown[][]>, code: string) => book['汇总']!.find((row) => row[2] === code)!;

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  counsel = (await demoLogin(stack.baseUrl, '王建国')).token;
  township = (await demoLogin(stack.baseUrl, '王志强')).token;
  county = (await demoLogin(stack.baseUrl, '赵振华')).token;
});
afterAll(() => stack?.stop());

describe('only a finished month is locked (item 7)', () => {
  const lock = (month: string) => call('lockLedgerMonth', { token: township, params: { townshipCode: TOWNSHIP, month } });
  const locks = () => mongoose.connection.collection('ledger_locks');

  it.each([
    ['a month years ahead', '2099-12'],
    ['next month', thisMonth.add(1, 'month').format('YYYY-MM')],
    ['the month still running (Beijing time)', CURRENT],
  ])('refuses %s with 409 LEDGER_MONTH_NOT_FINISHED and writes nothing', async (_label, month) => {
    const before = await locks().countDocuments();
    const res = await lock(month);
    expect(`${res.status} ${res.body.error?.code}`).toBe('409 LEDGER_MONTH_NOT_FINISHED');
    expect(res.body.error.message).toMatch(/尚未结束/);
    expect(await locks().countDocuments()).toBe(before);
  });

  it('refuses figures and archives of a month that has not begun, and serves the running one up to now', async () => {
    const future = thisMonth.add(1, 'month').format('YYYY-MM');
    for (const res of [
      await report(future),
      await call('townshipCompliance', { token: township, params: { townshipCode: TOWNSHIP }, query: { month: '2099-12' } }),
      await call('myLedgerProgress', { token: counsel, query: { month: future } }),
      await call('ledgerExport', { token: county, params: { countyCode: COUNTY }, query: { month: future } }),
    ]) {
      expect(`${res.status} ${res.body.error?.code}`).toBe('400 LEDGER_MONTH_NOT_STARTED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const running = await report(CURRENT);
    expect(running.status).toBe(200);
    expect(Math.abs(Date.parse(running.body.asOf) - Date.now())).toBeLessThan(60_000);
    expect(Date.parse(running.body.asOf)).toBeLessThan(Date.parse(endOf(CURRENT)));
  });
});

describe('past figures do not drift (item 8)', () => {
  it("never counts a later month's service in an earlier month's quarter and year: report, progress and export", async () => {
    await approve(await record(V1, EARLIER, 10, 4));
    const before = villageOf(await report(EARLIER), V1);
    expect(before).toMatchObject({ onSiteMinutes: 240, yearMinutes: expect.any(Number) });
    const yearBefore = before.yearMinutes as number;
    const lecturesBefore = before.lectures as number;
    const progressBefore = await progressOf(EARLIER, V1);
    const exportBefore = summaryRow(await exported(EARLIER, V1), V1);

    // December's service (the month after), a session and a lecture, approved
    await approve(await record(V1, LATER, 3, 2));
    await approve(await record(V1, LATER, 4, 1, { kind: 'lecture', attendees: 30 }));

    const after = await report(EARLIER);
    expect(villageOf(after, V1)).toMatchObject({ onSiteMinutes: 240, yearMinutes: yearBefore, lectures: lecturesBefore });
    expect((await progressOf(EARLIER, V1)).year.minutes).toBe(progressBefore.year.minutes);
    expect((await progressOf(EARLIER, V1)).quarter.lectures).toBe(progressBefore.quarter.lectures);
    expect(summaryRow(await exported(EARLIER, V1), V1)).toEqual(exportBefore);
    // and says so: service before the month's end counts
    expect(after.body.asOf).toBe(endOf(EARLIER));
    // the later month counts both
    expect(villageOf(await report(LATER), V1).yearMinutes).toBe(yearBefore + 180);
  });

  it('keeps the archive of a locked month as it stood at the lock; what came after is listed apart', async () => {
    const a = await record(V2, EARLIER, 5, 3);
    const b = await record(V2, EARLIER, 6, 1); // still pending at the lock
    const c = await record(V2, EARLIER, 7, 0.5);
    await approve(a);
    await approve(c);
    const locked = await call('lockLedgerMonth', { token: township, params: { townshipCode: TOWNSHIP, month: EARLIER } });
    expect(locked.status).toBe(201);

    const first = await exported(EARLIER, V2);
    const villageSheet = Object.keys(first).find((name) => name.endsWith('-002'))!;

    // after the lock: the pending entry approved, a late entry, a correction, a laxer county target
    await approve(b);
    const d = await record(V2, EARLIER, 8, 2, { lateReason: '当日手机无信号，事后补登' });
    await approve(d);
    const c2 = await record(V2, EARLIER, 7, 4, { correctsEntryId: c, lateReason: '时长登记有误，更正' });
    await approve(c2);
    const policy = (hours: number) =>
      call('updateCountyPolicy', { token: county, params: { countyCode: COUNTY }, body: { minOnSiteHoursPerMonth: hours } });
    expect((await policy(2)).status).toBe(200);
    try {
      const again = await exported(EARLIER, V2);
      expect(again['汇总']).toEqual(first['汇总']);
      expect(again[villageSheet]).toEqual(first[villageSheet]);
      // exported a year late: the archive still the same, but for the export time in its titles
      const late = dayjs().add(1, 'year');
      const lateBook = await exportLedger(COUNTY, EARLIER, V2, late.toDate());
      const lateSheets = await readBook(lateBook);
      expect(lateSheets['汇总']).toEqual(first['汇总']);
      expect(lateSheets[villageSheet]).toEqual(first[villageSheet]);
      const lateTitle = (await new ExcelJS.Workbook().xlsx.load(lateBook as never)).getWorksheet('汇总')!.getCell('A1').text;
      expect(lateTitle.match(EXPORT_TIME)?.[1]).toBe(late.tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm'));

      // the archive: 3.5 h on site against the 4 of the lock's day, behind by 0.5 h; b still pending
      const row = summaryRow(first, V2);
      expect(row.slice(3, 5)).toEqual([3.5, 0]);
      expect(row[8]).toBe('未达标');
      expect(String(row[9])).toContain('本月驻点还差 0.5 小时');
      expect(row[10]).toBe('已锁定');
      expect(String(first[villageSheet]![1]![1])).toContain('已锁定归档');
      expect(first[villageSheet]!.slice(3).map((r) => [r[15], r[10]])).toEqual([
        [a, '已通过'],
        [b, '待审核'],
        [c, '已通过'],
      ]);

      // what came after, on its own sheet, which the first export did not have
      expect(Object.keys(first)).not.toContain(AFTER_LOCK_SHEET);
      const apart = again[AFTER_LOCK_SHEET]!;
      expect(String(apart[1]![1])).toContain('不计入');
      const changes = apart.slice(3).map((r) => [r[19], r[3], r[14]]);
      expect(changes).toEqual(
        expect.arrayContaining([
          [b, '锁定后审核', '已通过'],
          [d, '锁定后补登', '已通过'],
          [c2, '锁定后补登', '已通过'],
        ]),
      );
      expect(changes).toHaveLength(3);

      // the report is live and says up to when service counts: all of it, the correction replacing c
      const live = await report(EARLIER);
      expect(live.body.asOf).toBe(endOf(EARLIER));
      expect(villageOf(live, V2).onSiteMinutes).toBe((3 + 1 + 2 + 4) * 60);
      expect(String(villageOf(live, V2).missing)).not.toContain('驻点');
    } finally {
      await policy(4);
    }
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
