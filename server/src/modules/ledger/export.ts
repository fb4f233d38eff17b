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
import { placesOfCounty } from '../places/lookup';
import { archiveOf } from './archive';
import { reportRefusal } from './cutoff';
import type { LedgerEntryDoc } from './model';

export const ENTRY_COLUMNS = [
  '序号',
  '日期',
  '开始',
  '结束',
  '时长（小时）',
  '服务类型',
  '方式',
  '服务内容',
  '参加人数',
  '法律顾问',
  '审核状态',
  '审核意见',
  '审核人',
  '补登原因',
  '更正的记录',
  '记录编号',
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

const at = (date: Date) => inBeijing(date).format('YYYY-MM-DD HH:mm');

/** One entry as a row of ENTRY_COLUMNS (its status and review as given: at the lock, or now). */
function entryRow(e: LedgerEntryDoc, index: number, names: ReadonlyMap<string, string>): unknown[] {
  const start = inBeijing(e.startAt);
  return [
    index + 1,
    start.format('YYYY-MM-DD'),
    start.format('HH:mm'),
    inBeijing(e.endAt).format('YYYY-MM-DD HH:mm'),
    Math.round((e.minutes / 60) * 100) / 100,
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

/** The sheet of what changed after a lock: apart from the archive, never in its figures. */
export const AFTER_LOCK_SHEET = '锁定后补登与审核';

/**
 * The month's archive as xlsx. A township that locked the month gets the ledger as it stood at the
 * lock (archive.ts), the same file content however often and late it is exported; entries recorded
 * or reviewed after the lock are listed on their own sheet, outside the archive's figures.
 */
export async function exportLedger(countyCode: string, month: string, villageCode?: string, now = new Date()): Promise<Buffer> {
  const refusal = reportRefusal(month, now);
  if (refusal) throw new AppError(refusal);
  const countyVillages = await placesOfCounty(countyCode, 'village');
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

  const book = new ExcelJS.Workbook();
  book.creator = 'village-counsel';
  const locks = archive.flatMap((v) => (v.lockedAt ? [v.lockedAt.getTime()] : []));
  // a wholly locked archive carries the last lock's moment, so even its metadata stays the same
  book.created = locks.length > 0 && locks.length === archive.length ? new Date(Math.max(...locks)) : now;

  const summary = book.addWorksheet('汇总');
  summary.addRow([`${month} 村（居）法律顾问工作台账汇总（本季度、本年度只计至 ${month} 月末）`]);
  summary.addRow([
    '村（社区）',
    '区划代码',
    '本月驻点（小时）',
    '本季度讲座（次）',
    '本年度服务（小时）',
    '本月调解（次）',
    '本月记录（条）',
    '是否达标',
    '尚缺',
    '归档',
    '数据截至（北京时间）',
  ]);
  for (const v of archive) {
    const row = v.figures;
    summary.addRow([
      v.name,
      v.code,
      row.onSiteMinutes / 60,
      row.lectures,
      row.yearMinutes / 60,
      row.mediations,
      row.entries,
      row.compliant ? '达标' : '未达标',
      row.missing.join('；'),
      v.lockedAt ? '已锁定' : '未锁定',
      v.lockedAt ? `${at(v.lockedAt)}（锁定时）` : '导出时（未锁定，审核、补登后会变化）',
    ]);
  }

  const sheetName = sheetNamer();
  for (const v of archive) {
    const sheet = book.addWorksheet(sheetName(v.name, v.code));
    const state = v.lockedAt
      ? `已锁定归档：${at(v.lockedAt)} 锁定时的记录；锁定后的补登与审核见“${AFTER_LOCK_SHEET}”表`
      : '未锁定：导出时的记录';
    sheet.addRow([`${v.name}（${v.code}）${month} 法律顾问工作台账（${state}）`]);
    sheet.addRow(ENTRY_COLUMNS);
    v.rows.forEach((e, i) => sheet.addRow(entryRow(e, i, names)));
    sheet.columns.forEach((column, index) => {
      column.width = index === 7 ? 40 : 12;
    });
  }

  const after = archive.filter((v) => v.after.length > 0);
  if (after.length > 0) {
    const sheet = book.addWorksheet(AFTER_LOCK_SHEET);
    sheet.addRow([`${month} 锁定后登记或审核的台账（不计入锁定时的归档数字，现状）`]);
    sheet.addRow(['村（社区）', '锁定时间', '变化', '登记时间', ...ENTRY_COLUMNS]);
    for (const v of after) {
      v.after.forEach((e, i) => {
        const change = e.createdAt.getTime() > v.lockedAt!.getTime() ? (e.late ? '锁定后补登' : '锁定后登记') : '锁定后审核';
        sheet.addRow([v.name, at(v.lockedAt!), change, at(e.createdAt), ...entryRow(e, i, names)]);
      });
    }
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
