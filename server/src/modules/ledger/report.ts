import type { ComplianceReply, VillageCompliance } from '@vc/types';
import { monthOf } from '../../shared/periods';
import { countyPolicy } from '../counsel/service';
import { PlaceModel } from '../places/model';
import { UserModel } from '../accounts/model';
import { AssignmentModel } from '../counsel/model';
import { LedgerRollupModel, type RollupDoc } from './model';
import { EMPTY_FIGURES, standing, type MonthFigures } from './policy';

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/**
 * County compliance (R2, R3, R13) from rollups: one read of the county's rollups for the year
 * (villages × months × counsel documents), never the entries. Several counsel of one village add up.
 */
export async function countyCompliance(
  countyCode: string,
  month = monthOf(new Date()),
  townshipCode?: string,
): Promise<ComplianceReply> {
  const year = month.slice(0, 4);
  const placeFilter: Record<string, unknown> = { level: 'village', countyCode };
  if (townshipCode) placeFilter.townshipCode = townshipCode;
  const villages = await PlaceModel.find(placeFilter, { code: 1, name: 1, townshipCode: 1 }).sort({ code: 1 }).lean();
  const townships = await PlaceModel.find({ level: 'township', countyCode }, { code: 1, name: 1 }).sort({ code: 1 }).lean();
  const rollupFilter: Record<string, unknown> = { countyCode, month: { $gte: `${year}-01`, $lte: `${year}-12` } };
  if (townshipCode) rollupFilter.townshipCode = townshipCode;
  const rollups = await LedgerRollupModel.find(rollupFilter).lean<RollupDoc[]>();

  const byVillage = new Map<string, Map<string, MonthFigures>>();
  for (const r of rollups) {
    const months = byVillage.get(r.villageCode) ?? new Map<string, MonthFigures>();
    const sum = months.get(r.month) ?? EMPTY_FIGURES;
    months.set(r.month, {
      onSiteMinutes: sum.onSiteMinutes + r.onSiteMinutes,
      remoteMinutes: sum.remoteMinutes + r.remoteMinutes,
      lectures: sum.lectures + r.lectures,
      mediations: sum.mediations + (r.mediations ?? 0),
      entries: sum.entries + r.entries,
    });
    byVillage.set(r.villageCode, months);
  }
  const assignmentFilter: Record<string, unknown> = { countyCode, endedAt: null };
  if (townshipCode) assignmentFilter.townshipCode = townshipCode;
  const assignments = await AssignmentModel.find(assignmentFilter, { counselId: 1, villageCode: 1 }).lean();
  const counsel = await UserModel.find({ _id: { $in: assignments.map((a) => a.counselId) } }, { name: 1 }).lean();
  const counselNames = new Map(counsel.map((c) => [String(c._id), c.name]));
  const counselOf = (villageCode: string) =>
    assignments
      .filter((a) => a.villageCode === villageCode)
      .map((a) => ({ id: String(a.counselId), name: counselNames.get(String(a.counselId)) ?? '' }));
  const targets = await countyPolicy(countyCode);
  const rows: VillageCompliance[] = villages.map((v) => {
    const months = byVillage.get(v.code) ?? new Map();
    const s = standing(months, month, targets);
    // "compliant" is judged on the month and the quarter; the year is still running
    const compliant = s.month.onSiteMinutes >= s.month.requiredMinutes && s.quarter.lectures >= s.quarter.requiredLectures;
    return {
      code: v.code,
      name: v.name,
      townshipCode: v.townshipCode ?? v.code.slice(0, 9),
      onSiteMinutes: s.month.onSiteMinutes,
      lectures: s.quarter.lectures,
      yearMinutes: s.year.minutes,
      counsel: counselOf(v.code),
      mediations: months.get(month)?.mediations ?? 0,
      entries: months.get(month)?.entries ?? 0,
      compliant,
      missing: s.missing,
    };
  });
  const compliant = rows.filter((r) => r.compliant).length;
  const sample = standing(new Map(), month, targets);
  return {
    month,
    quarter: sample.quarter.period,
    year,
    targets: {
      minOnSiteHoursPerMonth: targets.minOnSiteHoursPerMonth,
      minLecturesPerQuarter: targets.minLecturesPerQuarter,
      minHoursPerYear: targets.minHoursPerYear,
    },
    summary: {
      villages: rows.length,
      compliant,
      rate: percent(compliant, rows.length),
      onSiteHours: Math.round((rows.reduce((s, r) => s + r.onSiteMinutes, 0) / 60) * 10) / 10,
      lectures: rows.reduce((s, r) => s + r.lectures, 0),
      mediations: rows.reduce((s, r) => s + r.mediations, 0),
      entries: rows.reduce((s, r) => s + r.entries, 0),
    },
    townships: townships
      .filter((t) => !townshipCode || t.code === townshipCode)
      .map((t) => {
        const mine = rows.filter((r) => r.townshipCode === t.code);
        const ok = mine.filter((r) => r.compliant).length;
        return { code: t.code, name: t.name, villages: mine.length, compliant: ok, rate: percent(ok, mine.length) };
      }),
    villages: rows,
  };
}
