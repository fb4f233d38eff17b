/** How other modules read reports (they never import reports/model.ts). */
import { monthOf } from '../../shared/periods';
import { ONE_BATCH } from '../../store/batch';
import { ReportModel } from './model';

/**
 * The number of reports of each group's messages in a Beijing month, for a county: one query
 * (`countyCode` equality, the prefix of an index), the month narrowing in memory.
 */
export async function groupReportCounts(countyCode: string, month: string): Promise<Map<string, number>> {
  const reports = await ReportModel.find({ countyCode, target: 'group_message' }, { _id: 0, groupCode: 1, at: 1 })
    .batchSize(ONE_BATCH)
    .lean();
  const counts = new Map<string, number>();
  for (const r of reports)
    if (r.groupCode && monthOf(r.at) === month) counts.set(r.groupCode, (counts.get(r.groupCode) ?? 0) + 1);
  return counts;
}
