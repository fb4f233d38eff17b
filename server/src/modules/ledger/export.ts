/**
 * The official ledger archive as xlsx ("一村一卷、一事一记"): one worksheet per village, one row per
 * entry (corrections and returned entries included, so reviewers see the whole record), and a
 * summary sheet with each village's compliance.
 */
import ExcelJS from 'exceljs';
import { LEDGER_KIND_LABELS, LEDGER_MODE_LABELS, LEDGER_STATUS_LABELS } from '@vc/types';
import { inBeijing } from '../../shared/periods';
import { usersInCounties } from '../users/queries';
import { placesOfCounty } from '../places/lookup';
import { LedgerEntryModel, type LedgerEntryDoc } from './model';
import { countyCompliance } from './report';

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

export async function exportLedger(countyCode: string, month: string, villageCode?: string): Promise<Buffer> {
  const countyVillages = await placesOfCounty(countyCode, 'village');
  const villages = villageCode ? countyVillages.filter((v) => v.code === villageCode) : countyVillages;
  const entryFilter: Record<string, unknown> = { countyCode, months: month };
  if (villageCode) entryFilter.villageCode = villageCode;
  const entries = await LedgerEntryModel.find(entryFilter).sort({ villageCode: 1, startAt: 1 }).lean<LedgerEntryDoc[]>();
  // the counsel and reviewers named, among the county's people (one query)
  const people = await usersInCounties(
    entries.flatMap((e) => [
      { id: e.counselId, countyCode: e.countyCode },
      ...(e.review ? [{ id: e.review.by, countyCode: e.countyCode }] : []),
    ]),
  );
  const names = new Map([...people].map(([id, p]) => [id, p.name]));
  const compliance = await countyCompliance(countyCode, month);

  const book = new ExcelJS.Workbook();
  book.creator = 'village-counsel';
  book.created = new Date();

  const summary = book.addWorksheet('汇总');
  summary.addRow([`${month} 村（居）法律顾问工作台账汇总`]);
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
  ]);
  const wanted = new Set(villages.map((v) => v.code));
  for (const row of compliance.villages.filter((v) => wanted.has(v.code))) {
    summary.addRow([
      row.name,
      row.code,
      row.onSiteMinutes / 60,
      row.lectures,
      row.yearMinutes / 60,
      row.mediations,
      row.entries,
      row.compliant ? '达标' : '未达标',
      row.missing.join('；'),
    ]);
  }

  const sheetName = sheetNamer();
  for (const village of villages) {
    const sheet = book.addWorksheet(sheetName(village.name, village.code));
    sheet.addRow([`${village.name}（${village.code}）${month} 法律顾问工作台账`]);
    sheet.addRow(ENTRY_COLUMNS);
    entries
      .filter((e) => e.villageCode === village.code)
      .forEach((e, i) => {
        const start = inBeijing(e.startAt);
        sheet.addRow([
          i + 1,
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
        ]);
      });
    sheet.columns.forEach((column, index) => {
      column.width = index === 7 ? 40 : 12;
    });
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

export async function exportLedgerFile(countyCode: string, month: string, villageCode?: string): Promise<LedgerExportFile> {
  const body = await exportLedger(countyCode, month, villageCode);
  const fileName = `台账-${countyCode}-${month}${villageCode ? `-${villageCode}` : ''}.xlsx`;
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName,
    disposition: `attachment; filename="ledger-${month}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  };
}
