/**
 * The official ledger archive as xlsx ("一村一卷、一事一记"): one worksheet per village, one row per
 * entry (corrections and returned entries included, so reviewers see the whole record), a summary
 * sheet with each village's compliance, and for locked months a sheet of what came after the lock.
 */
import ExcelJS from 'exceljs';
import { LEDGER_KIND_LABELS, LEDGER_MODE_LABELS, LEDGER_STATUS_LABELS } from '@vc/types';
import { AppError } from '../../shared/errors';
import { inBeijing } from '../../shared/periods';
import { usersInCounties } from '../users/queries';
import { placeByCode, placesOfCounty } from '../places/lookup';
import { archiveOf } from './archive';
import { reportRefusal } from './cutoff';
import { hoursOf } from './format';
import type { LedgerEntryDoc } from './model';

/**
 * How a column is laid out: its header, and how wide it may grow with its content (in Excel's
 * character widths); `wrap` columns stop at `max` and wrap their text, `numFmt` formats numbers.
 */
interface ColumnSpec {
  header: string;
  max?: number;
  wrap?: boolean;
  numFmt?: string;
}

/** Hours shown with one decimal; the cell stays a number, so the reader can sum it. */
const HOURS_FORMAT = '0.0';

const ENTRY_SPECS: ColumnSpec[] = [
  { header: '序号' },
  { header: '开始' },
  { header: '结束' },
  { header: '时长（小时）', numFmt: HOURS_FORMAT },
  { header: '服务类型' },
  { header: '方式' },
  { header: '服务内容', max: 50, wrap: true },
  { header: '参加人数' },
  { header: '法律顾问' },
  { header: '审核状态' },
  { header: '审核意见', max: 30, wrap: true },
  { header: '审核人' },
  { header: '补登原因', max: 30, wrap: true },
  { header: '更正的记录' },
  { header: '记录编号' },
];

/** The columns of an entry row: 开始 and 结束 are both Beijing date and time ('YYYY-MM-DD HH:mm'). */
export const ENTRY_COLUMNS = ENTRY_SPECS.map((c) => c.header);

const SUMMARY_SPECS: ColumnSpec[] = [
  { header: '村（社区）' },
  { header: '区划代码' },
  { header: '本月驻点（小时）', numFmt: HOURS_FORMAT },
  { header: '本季度讲座（次）' },
  { header: '本年度服务（小时）', numFmt: HOURS_FORMAT },
  { header: '本月调解（次）' },
  { header: '本月记录（条）' },
  { header: '是否达标' },
  { header: '尚缺', max: 40, wrap: true },
  { header: '归档' },
  { header: '数据截至（北京时间）', max: 36, wrap: true },
];

const AFTER_LOCK_SPECS: ColumnSpec[] = [
  { header: '村（社区）' },
  { header: '锁定时间' },
  { header: '变化' },
  { header: '登记时间' },
  ...ENTRY_SPECS,
];

/**
 * Excel worksheet names: at most 31 characters, none of \ / ? * [ ] :, unique in the book. Village
 * names repeat across townships (four pairs in Fumeng county alone), so a clash takes the longer code.
 */
function sheetNamer(): (name: string, code: string) => string {
  const used = new Set<string>();
  return (name, code) => {
    const clean = name.replace(/[\\/?*[\]:]/g, '');
    let candidate = `${clean.slice(0, 20)}-${code.slice(-3)}`;
    if (used.has(candidate)) candidate = `${clean.slice(0, 18)}-${code.slice(-9)}`;
    used.add(candidate);
    return candidate;
  };
}

/** Every time in the archive: Beijing date and time, 'YYYY-MM-DD HH:mm'. */
const at = (date: Date) => inBeijing(date).format('YYYY-MM-DD HH:mm');

/** What precedes the export time in every title row: the one text of the book that changes with each export. */
export const EXPORT_TIME_LABEL = '导出时间：';

/** One entry as a row of ENTRY_COLUMNS (its status and review as given: at the lock, or now). */
function entryRow(e: LedgerEntryDoc, index: number, names: ReadonlyMap<string, string>): unknown[] {
  return [
    index + 1,
    at(e.startAt),
    at(e.endAt),
    hoursOf(e.minutes),
    LEDGER_KIND_LABELS[e.kind],
    LEDGER_MODE_LABELS[e.mode],
    e.summary,
    e.attendees ?? '',
    names.get(String(e.counselId)) ?? '',
    LEDGER_STATUS_LABELS[e.status],
    e.review?.reason ?? '',
    e.review ? (names.get(String(e.review.by)) ?? '') : '',
    e.late ? (e.lateReason ?? '补登') : '',
    e.correctsEntryId ? String(e.correctsEntryId) : '',
    String(e._id),
  ];
}

/** Display width of a text in Excel character widths: a Chinese character takes two. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

/** The header rows (title and column headers) every sheet keeps in view. */
const HEADER_ROWS = 2;

/** A sheet with its header rows frozen, printed landscape one page wide. */
function addSheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return book.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROWS }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
}

/**
 * Lays a filled sheet out: the title row merged across the columns, bold; the header row bold and
 * shaded; each column as wide as its widest cell (within its limit), hours with one decimal.
 */
function layOut(sheet: ExcelJS.Worksheet, specs: readonly ColumnSpec[]): void {
  const widths = specs.map((spec) => textWidth(spec.header));
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber <= HEADER_ROWS) return;
    row.eachCell((cell, col) => {
      const spec = specs[col - 1];
      if (!spec) return;
      const text = typeof cell.value === 'number' && spec.numFmt ? cell.value.toFixed(1) : cell.text;
      widths[col - 1] = Math.max(widths[col - 1]!, ...text.split('\n').map(textWidth));
    });
  });
  specs.forEach((spec, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(Math.max(widths[i]! + 2, 6), spec.max ?? 40);
    const alignment: Partial<ExcelJS.Alignment> = { vertical: 'top', ...(spec.wrap ? { wrapText: true } : {}) };
    column.eachCell({ includeEmpty: false }, (cell, rowNumber) => {
      if (rowNumber <= HEADER_ROWS) return;
      cell.alignment = alignment;
      if (spec.numFmt && typeof cell.value === 'number') cell.numFmt = spec.numFmt;
    });
  });

  const title = sheet.getRow(1);
  const titleCell = title.getCell(1);
  sheet.mergeCells(1, 1, 1, specs.length);
  titleCell.font = { bold: true, size: 13 };
  titleCell.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
  const total = specs.reduce((sum, _spec, i) => sum + (sheet.getColumn(i + 1).width ?? 10), 0);
  title.height = 22 * Math.max(1, Math.ceil((textWidth(titleCell.text) * 1.15) / total));

  const header = sheet.getRow(2);
  header.height = 20;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/** The sheet of what changed after a lock: apart from the archive, never in its figures. */
export const AFTER_LOCK_SHEET = '锁定后补登与审核';

/**
 * The month's archive as xlsx. A township that locked the month gets the ledger as it stood at the
 * lock (archive.ts), the same file content however often and late it is exported, apart from the
 * export time in the title rows (EXPORT_TIME_LABEL); entries recorded or reviewed after the lock
 * are listed on their own sheet, outside the archive's figures.
 */
export async function exportLedger(countyCode: string, month: string, villageCode?: string, now = new Date()): Promise<Buffer> {
  const refusal = reportRefusal(month, now);
  if (refusal) throw new AppError(refusal);
  const [countyVillages, county] = await Promise.all([placesOfCounty(countyCode, 'village'), placeByCode(countyCode)]);
  const villages = villageCode ? countyVillages.filter((v) => v.code === villageCode) : countyVillages;
  const archive = await archiveOf(countyCode, month, villages, villageCode, now);
  const shown = archive.flatMap((v) => [...v.rows, ...v.after]);
  // the counsel and reviewers named, among the county's people (one query)
  const people = await usersInCounties(
    shown.flatMap((e) => [
      { id: e.counselId, countyCode: e.countyCode },
      ...(e.review ? [{ id: e.review.by, countyCode: e.countyCode }] : []),
    ]),
  );
  const names = new Map([...people].map(([id, p]) => [id, p.name]));

  const [year, monthNumber] = month.split('-');
  const period = `${year}年${Number(monthNumber)}月`;
  const countyLabel = `${county?.name ?? ''}（${countyCode}）`;
  const exportedAt = `\u3000${EXPORT_TIME_LABEL}${at(now)}（北京时间）`;

  const book = new ExcelJS.Workbook();
  book.creator = 'village-counsel';
  const locks = archive.flatMap((v) => (v.lockedAt ? [v.lockedAt.getTime()] : []));
  // a wholly locked archive carries the last lock's moment, so even its metadata stays the same
  book.created = locks.length > 0 && locks.length === archive.length ? new Date(Math.max(...locks)) : now;

  const summary = addSheet(book, '汇总');
  summary.addRow([`${countyLabel}${period} 村（居）法律顾问工作台账汇总（本季度、本年度只计至${period}末）${exportedAt}`]);
  summary.addRow(SUMMARY_SPECS.map((c) => c.header));
  for (const v of archive) {
    const row = v.figures;
    summary.addRow([
      v.name,
      v.code,
      hoursOf(row.onSiteMinutes),
      row.lectures,
      hoursOf(row.yearMinutes),
      row.mediations,
      row.entries,
      row.compliant ? '达标' : '未达标',
      row.missing.join('；'),
      v.lockedAt ? '已锁定' : '未锁定',
      v.lockedAt ? at(v.lockedAt) : '导出时（未锁定，审核、补登后会变化）',
    ]);
  }
  layOut(summary, SUMMARY_SPECS);

  const sheetName = sheetNamer();
  for (const v of archive) {
    const sheet = addSheet(book, sheetName(v.name, v.code));
    const state = v.lockedAt
      ? `已锁定归档：${at(v.lockedAt)} 锁定时的记录；锁定后的补登与审核见“${AFTER_LOCK_SHEET}”表`
      : '未锁定：导出时的记录';
    sheet.addRow([`${countyLabel}${v.name}（${v.code}）${period} 法律顾问工作台账（${state}）${exportedAt}`]);
    sheet.addRow(ENTRY_COLUMNS);
    v.rows.forEach((e, i) => sheet.addRow(entryRow(e, i, names)));
    layOut(sheet, ENTRY_SPECS);
  }

  const after = archive.filter((v) => v.after.length > 0);
  if (after.length > 0) {
    const sheet = addSheet(book, AFTER_LOCK_SHEET);
    sheet.addRow([`${countyLabel}${period} 锁定后登记或审核的台账（不计入锁定时的归档数字，现状）${exportedAt}`]);
    sheet.addRow(AFTER_LOCK_SPECS.map((c) => c.header));
    for (const v of after) {
      v.after.forEach((e, i) => {
        const change = e.createdAt.getTime() > v.lockedAt!.getTime() ? (e.late ? '锁定后补登' : '锁定后登记') : '锁定后审核';
        sheet.addRow([v.name, at(v.lockedAt!), change, at(e.createdAt), ...entryRow(e, i, names)]);
      });
    }
    layOut(sheet, AFTER_LOCK_SPECS);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The archive as a file to download: the xlsx, its content type, and a Chinese file name with an ASCII fallback. */
export interface LedgerExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
  /** the Content-Disposition header: `filename` for old clients, `filename*` (RFC 5987) with the Chinese name */
  disposition: string;
}

export async function exportLedgerFile(
  countyCode: string,
  month: string,
  villageCode?: string,
  now = new Date(),
): Promise<LedgerExportFile> {
  const body = await exportLedger(countyCode, month, villageCode, now);
  const fileName = `台账-${countyCode}-${month}${villageCode ? `-${villageCode}` : ''}.xlsx`;
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName,
    disposition: `attachment; filename="ledger-${month}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  };
}
