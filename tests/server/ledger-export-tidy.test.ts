/**
 * A tidy ledger archive (issue 14 item 10): hours rounded to 0.1 and shown with one decimal (as
 * numbers), every time as Beijing 'YYYY-MM-DD HH:mm', header rows bold and frozen, columns as wide
 * as their content, and a title row on every sheet naming the county, the month and the export time.
 * The export is downloaded over real HTTP and read back with ExcelJS.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import ExcelJS from 'exceljs';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';
import { AFTER_LOCK_SHEET, ENTRY_COLUMNS } from '../../server/src/modules/ledger/export';

dayjs.extend(utc);
dayjs.extend(timezone);
const bj = (text: string) => dayjs.tz(text, 'Asia/Shanghai');

let stack: Stack;
let call: ReturnType<typeof api>;
let counsel: string; // 王建国: serves 210921001001..003
let township: string; // 王志强: 210921001
let county: string; // 赵振华: 210921
const COUNTY = '210921';
const COUNTY_NAME = '阜新蒙古族自治县';
const TOWNSHIP = '210921001';
const V1 = '210921001001';

// last month in Beijing time, so the test holds on any date
const MONTH = dayjs().tz('Asia/Shanghai').startOf('month').subtract(1, 'month');
const month = MONTH.format('YYYY-MM');
const period = `${MONTH.year()}年${MONTH.month() + 1}月`;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const EXPORT_TIME = /导出时间：(\d{4}-\d{2}-\d{2} \d{2}:\d{2})（北京时间）/;

let seq = 0;
async function record(start: string, minutes: number, extra: Record<string, unknown> = {}) {
  const startAt = bj(`${month}-${start}`);
  const res = await call('submitLedgerEntry', {
    token: counsel,
    body: {
      clientKey: `tidy-${Date.now()}-${seq++}`,
      villageCode: V1,
      kind: 'on_site_duty',
      summary: '在村委会值班，接待村民咨询，解答土地承包、婚姻家庭和劳动报酬方面的法律问题',
      startAt: startAt.format(),
      endAt: startAt.add(minutes, 'minute').format(),
      ...extra,
    },
  });
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

let book: ExcelJS.Workbook;
let exportedAt: dayjs.Dayjs;
let entryId: string;
let lateId: string;
let onSiteMinutes: number;
let yearMinutes: number;

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  counsel = (await demoLogin(stack.baseUrl, '王建国')).token;
  township = (await demoLogin(stack.baseUrl, '王志强')).token;
  county = (await demoLogin(stack.baseUrl, '赵振华')).token;

  // 245 minutes: 4.083… hours, shown as 4.1
  entryId = await record('12 08:00', 245);
  await approve(entryId);
  const locked = await call('lockLedgerMonth', { token: township, params: { townshipCode: TOWNSHIP, month } });
  expect(locked.status).toBe(201);
  // after the lock: a late entry across midnight, listed on its own sheet
  lateId = await record('14 22:50', 100, { lateReason: '当日手机无信号，事后补登' });

  const report = await call('countyCompliance', { token: county, params: { countyCode: COUNTY }, query: { month } });
  expect(report.status).toBe(200);
  const v1 = report.body.villages.find((v: { code: string }) => v.code === V1);
  // the report is live (the late entry is pending, so not counted either way)
  onSiteMinutes = v1.onSiteMinutes;
  yearMinutes = v1.yearMinutes;

  exportedAt = dayjs();
  const res = await fetch(`${stack.baseUrl}/api/counties/${COUNTY}/ledger-export?month=${month}&villageCode=${V1}`, {
    headers: { authorization: `Bearer ${county}` },
  });
  expect(res.status).toBe(200);
  book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
});
afterAll(() => stack?.stop());

const villageSheet = () => book.worksheets[1]!;
const column = (sheet: ExcelJS.Worksheet, header: string) => {
  const index = (sheet.getRow(2).values as unknown[]).indexOf(header);
  expect(index).toBeGreaterThan(0);
  return index;
};
/** the data row (below the title and header rows) whose 记录编号 is this id */
const rowOf = (sheet: ExcelJS.Worksheet, id: string) => {
  const idColumn = column(sheet, '记录编号');
  for (let r = 3; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(idColumn).value === id) return sheet.getRow(r);
  throw new Error(`no row for ${id} on ${sheet.name}`);
};

describe('the tidy ledger archive', () => {
  it('has the summary, the village and the after-lock sheets', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '富民社区-001', AFTER_LOCK_SHEET]);
    expect(villageSheet().getRow(2).values).toEqual([undefined, ...ENTRY_COLUMNS]);
    expect(ENTRY_COLUMNS).not.toContain('日期');
  });

  it('rounds an entry of 245 minutes to 4.1 hours, a number shown with one decimal', () => {
    const cell = rowOf(villageSheet(), entryId).getCell(column(villageSheet(), '时长（小时）'));
    expect(cell.value).toBe(4.1);
    expect(cell.numFmt).toBe('0.0');
    const late = rowOf(book.getWorksheet(AFTER_LOCK_SHEET)!, lateId).getCell(
      column(book.getWorksheet(AFTER_LOCK_SHEET)!, '时长（小时）'),
    );
    expect(late.value).toBe(1.7); // 100 minutes
    expect(late.numFmt).toBe('0.0');
  });

  it('rounds the summary hours to 0.1, as numbers with one decimal', () => {
    const summary = book.getWorksheet('汇总')!;
    const row = summary.getRow(3);
    expect(row.getCell(column(summary, '区划代码')).value).toBe(V1);
    const onSite = row.getCell(column(summary, '本月驻点（小时）'));
    const year = row.getCell(column(summary, '本年度服务（小时）'));
    expect(onSiteMinutes % 6).not.toBe(0); // the 245 minutes make the hours need rounding
    expect(onSite.value).toBe(Math.round(onSiteMinutes / 6) / 10);
    expect(year.value).toBe(Math.round(yearMinutes / 6) / 10);
    for (const cell of [onSite, year]) {
      expect(typeof cell.value).toBe('number');
      expect(cell.numFmt).toBe('0.0');
      expect(cell.text).toMatch(/^\d+(\.\d)?$/);
    }
    expect(row.getCell(column(summary, '归档')).value).toBe('已锁定');
    expect(row.getCell(column(summary, '数据截至（北京时间）')).text).toMatch(DATE_TIME);
  });

  it('shows 开始 and 结束 both as Beijing date and time, and every other time alike', () => {
    const sheet = villageSheet();
    const row = rowOf(sheet, entryId);
    expect(row.getCell(column(sheet, '开始')).value).toBe(`${month}-12 08:00`);
    expect(row.getCell(column(sheet, '结束')).value).toBe(`${month}-12 12:05`);
    for (let r = 3; r <= sheet.rowCount; r++) {
      for (const header of ['开始', '结束']) expect(sheet.getRow(r).getCell(column(sheet, header)).text).toMatch(DATE_TIME);
    }
    const after = book.getWorksheet(AFTER_LOCK_SHEET)!;
    const late = rowOf(after, lateId);
    expect(late.getCell(column(after, '开始')).value).toBe(`${month}-14 22:50`);
    expect(late.getCell(column(after, '结束')).value).toBe(`${month}-15 00:30`);
    for (const header of ['锁定时间', '登记时间']) expect(late.getCell(column(after, header)).text).toMatch(DATE_TIME);
    const registered = dayjs.tz(late.getCell(column(after, '登记时间')).text, 'YYYY-MM-DD HH:mm', 'Asia/Shanghai');
    expect(Math.abs(registered.diff(exportedAt, 'minute'))).toBeLessThanOrEqual(5);
  });

  it('freezes the title and header rows and bolds the header on every sheet', () => {
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      const header = sheet.getRow(2);
      expect(header.cellCount).toBeGreaterThan(5);
      header.eachCell((cell) => expect(`${sheet.name} ${cell.text} ${cell.font?.bold}`).toBe(`${sheet.name} ${cell.text} true`));
      expect(sheet.getCell('A1').font?.bold).toBe(true);
    }
  });

  it('sets every column as wide as its content, 服务内容 wide and wrapped', () => {
    for (const sheet of book.worksheets) {
      const headers = (sheet.getRow(2).values as unknown[]).slice(1);
      headers.forEach((header, i) => {
        const width = sheet.getColumn(i + 1).width;
        expect(`${sheet.name} ${String(header)} ${typeof width}`).toBe(`${sheet.name} ${String(header)} number`);
        expect(width).toBeGreaterThanOrEqual(6);
        expect(width).toBeLessThanOrEqual(50);
      });
    }
    const sheet = villageSheet();
    const width = (header: string) => sheet.getColumn(column(sheet, header)).width!;
    expect(width('服务内容')).toBeGreaterThanOrEqual(40);
    expect(rowOf(sheet, entryId).getCell(column(sheet, '服务内容')).alignment?.wrapText).toBe(true);
    expect(width('记录编号')).toBeGreaterThanOrEqual(entryId.length); // 24 hex digits fit
    expect(width('开始')).toBeGreaterThanOrEqual('2026-11-12 08:00'.length);
    expect(width('序号')).toBeLessThan(width('开始'));
    expect(width('服务内容')).toBeGreaterThan(width('法律顾问'));
    const summary = book.getWorksheet('汇总')!;
    // a village name in Chinese counts two widths a character
    expect(summary.getColumn(1).width).toBeGreaterThanOrEqual('村（社区）'.length * 2);
  });

  it('titles every sheet with the county by name, the month and the export time (Beijing), across the columns', () => {
    for (const sheet of book.worksheets) {
      const title = sheet.getCell('A1').text;
      expect(title).toContain(`${COUNTY_NAME}（${COUNTY}）`);
      expect(title).toContain(period);
      const time = title.match(EXPORT_TIME)?.[1];
      expect(time).toBeDefined();
      const at = dayjs.tz(time, 'YYYY-MM-DD HH:mm', 'Asia/Shanghai');
      expect(Math.abs(at.diff(exportedAt, 'minute'))).toBeLessThanOrEqual(2);
      // merged across the header's columns
      const last = (sheet.getRow(2).values as unknown[]).length - 1;
      expect(sheet.getCell(1, last).isMerged).toBe(true);
      expect(sheet.getCell(1, last).master.address).toBe('A1');
    }
    expect(villageSheet().getCell('A1').text).toContain(`富民社区（${V1}）`);
    expect(villageSheet().getCell('A1').text).toContain('已锁定归档');
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});
