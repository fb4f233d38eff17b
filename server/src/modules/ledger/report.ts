import type { ComplianceReply, ComplianceSummary, ProvinceComplianceReply, VillageCompliance } from '@vc/types';
import { AppError } from '../../shared/errors';
import { monthOf, monthsOfQuarter, quarterOfMonth } from '../../shared/periods';
import { reportAsOf, reportRefusal } from './cutoff';
import { describeShortfalls } from './format';
import { countyPoliciesOfProvince, countyPolicy } from '../county-policy/service';
import { activeAssignmentsIn } from '../counsel/queries';
import { usersInCounties } from '../users/queries';
import { placesOfCounty, placesOfProvince } from '../places/lookup';
import { LedgerRollupModel, type RollupDoc } from './model';
import { EMPTY_FIGURES, standing, type MonthFigures, type Targets } from './policy';

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

type RollupFigures = Pick<
  RollupDoc,
  'villageCode' | 'month' | 'onSiteMinutes' | 'remoteMinutes' | 'lectures' | 'mediations' | 'entries'
>;

/** Sums rollups per village and month (several counsel of one village add up). */
function figuresByVillage(rollups: readonly RollupFigures[]): Map<string, Map<string, MonthFigures>> {
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
  return byVillage;
}

export type VillageFigures = Pick<
  VillageCompliance,
  'onSiteMinutes' | 'lectures' | 'yearMinutes' | 'mediations' | 'entries' | 'compliant' | 'missing' | 'shortfalls'
>;

/** One village's figures for the month (on-site hours), its quarter (lectures) and its year, each up to the month's end. */
export function villageFigures(months: ReadonlyMap<string, MonthFigures>, month: string, targets: Targets): VillageFigures {
  const s = standing(months, month, targets);
  return {
    onSiteMinutes: s.month.onSiteMinutes,
    lectures: s.quarter.lectures,
    yearMinutes: s.year.minutes,
    mediations: months.get(month)?.mediations ?? 0,
    entries: months.get(month)?.entries ?? 0,
    // "compliant" is judged on the month and the quarter; the year is still running
    compliant: s.month.onSiteMinutes >= s.month.requiredMinutes && s.quarter.lectures >= s.quarter.requiredLectures,
    missing: describeShortfalls(s.shortfalls),
    shortfalls: s.shortfalls,
  };
}

function summaryOf(
  rows: readonly Pick<VillageFigures, 'onSiteMinutes' | 'lectures' | 'mediations' | 'entries' | 'compliant'>[],
): ComplianceSummary {
  const compliant = rows.filter((r) => r.compliant).length;
  return {
    villages: rows.length,
    compliant,
    rate: percent(compliant, rows.length),
    onSiteHours: Math.round((rows.reduce((s, r) => s + r.onSiteMinutes, 0) / 60) * 10) / 10,
    lectures: rows.reduce((s, r) => s + r.lectures, 0),
    mediations: rows.reduce((s, r) => s + r.mediations, 0),
    entries: rows.reduce((s, r) => s + r.entries, 0),
  };
}

export const targetsOf = (t: Targets): Targets => ({
  minOnSiteHoursPerMonth: t.minOnSiteHoursPerMonth,
  minLecturesPerQuarter: t.minLecturesPerQuarter,
  minHoursPerYear: t.minHoursPerYear,
});

/** The month a report is for: this Beijing month by default; one not yet begun is refused. */
function reportMonth(month: string | undefined, now: Date): string {
  const which = month ?? monthOf(now);
  const refusal = reportRefusal(which, now);
  if (refusal) throw new AppError(refusal);
  return which;
}

/**
 * County compliance (R2, R3, R13) from rollups: one read of the county's rollups for the year up
 * to the month (villages × months × counsel documents), never the entries. Several counsel of one
 * village add up. Live: approvals and late entries of the period change it (`asOf` says up to when
 * service counts); the archive of a locked month is the export (export.ts).
 */
export async function countyCompliance(
  countyCode: string,
  requested?: string,
  townshipCode?: string,
  now = new Date(),
): Promise<ComplianceReply> {
  const month = reportMonth(requested, now);
  const year = month.slice(0, 4);
  // months after the reported one never count (policy.ts standing)
  const rollupFilter: Record<string, unknown> = { countyCode, month: { $gte: `${year}-01`, $lte: month } };
  if (townshipCode) rollupFilter.townshipCode = townshipCode;
  // every read is an indexed equality on the county (or township); none per village or counsel
  const [countyVillages, townships, rollups, assignments, targets] = await Promise.all([
    placesOfCounty(countyCode, 'village'),
    placesOfCounty(countyCode, 'township'),
    LedgerRollupModel.find(rollupFilter).lean<RollupDoc[]>(),
    activeAssignmentsIn(townshipCode ?? countyCode),
    countyPolicy(countyCode),
  ]);
  const villages = townshipCode ? countyVillages.filter((v) => v.townshipCode === townshipCode) : countyVillages;
  const byVillage = figuresByVillage(rollups);
  // the counsel serving a county's villages are registered in it: its people, in one query
  const counsel = await usersInCounties(assignments.map((a) => ({ id: a.counselId, countyCode: a.countyCode })));
  const counselByVillage = new Map<string, { id: string; name: string }[]>();
  for (const a of assignments) {
    const serving = counselByVillage.get(a.villageCode) ?? [];
    serving.push({ id: String(a.counselId), name: counsel.get(String(a.counselId))?.name ?? '' });
    counselByVillage.set(a.villageCode, serving);
  }
  const counselOf = (villageCode: string) => counselByVillage.get(villageCode) ?? [];
  const rows: VillageCompliance[] = villages.map((v) => {
    const { onSiteMinutes, lectures, yearMinutes, mediations, entries, compliant, missing, shortfalls } = villageFigures(
      byVillage.get(v.code) ?? new Map(),
      month,
      targets,
    );
    return {
      code: v.code,
      name: v.name,
      townshipCode: v.townshipCode ?? v.code.slice(0, 9),
      onSiteMinutes,
      lectures,
      yearMinutes,
      counsel: counselOf(v.code),
      mediations,
      entries,
      compliant,
      missing,
      shortfalls,
    };
  });
  return {
    month,
    asOf: reportAsOf(month, now).toISOString(),
    quarter: quarterOfMonth(month),
    year,
    targets: targetsOf(targets),
    summary: summaryOf(rows),
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

/**
 * Province compliance (province-level oversight): the province's totals and one row per county,
 * each judged by its own county's targets, exactly as the county report judges it. Reads the
 * rollups of the month's quarter only (lectures count per quarter), never the entries, and no
 * counsel or assignments (the rows carry no names).
 */
export async function provinceCompliance(
  provinceCode: string,
  requested?: string,
  now = new Date(),
): Promise<ProvinceComplianceReply> {
  const month = reportMonth(requested, now);
  // one read of the province's places (provinceCode equality, indexed)
  const places = await placesOfProvince(provinceCode, ['province', 'county', 'village']);
  const province = places.find((p) => p.level === 'province' && p.code === provinceCode);
  if (!province) throw new AppError('PLACE_NOT_FOUND');
  const quarter = quarterOfMonth(month);
  const counties = places.filter((p) => p.level === 'county').sort((a, b) => a.code.localeCompare(b.code));
  const countyCodes = counties.map((c) => c.code);
  const villages = places.filter((p) => p.level === 'village');
  // the province's rollups of the quarter and its counties' policies: one indexed query each, not one per county
  const [rollups, policies] = await Promise.all([
    LedgerRollupModel.find(
      { provinceCode, month: { $in: monthsOfQuarter(quarter).filter((m) => m <= month) } },
      { villageCode: 1, month: 1, onSiteMinutes: 1, remoteMinutes: 1, lectures: 1, mediations: 1, entries: 1 },
    ).lean<RollupFigures[]>(),
    countyPoliciesOfProvince(provinceCode, countyCodes),
  ]);
  const byVillage = figuresByVillage(rollups);

  const rowsByCounty = new Map<string, VillageFigures[]>(countyCodes.map((code) => [code, []]));
  const all: VillageFigures[] = [];
  for (const v of villages) {
    const countyCode = v.countyCode ?? v.code.slice(0, 6);
    const rows = rowsByCounty.get(countyCode);
    const targets = policies.get(countyCode);
    if (!rows || !targets) continue; // a village whose county is not stored
    const row = villageFigures(byVillage.get(v.code) ?? new Map(), month, targets);
    rows.push(row);
    all.push(row);
  }
  return {
    provinceCode,
    name: province.name,
    month,
    asOf: reportAsOf(month, now).toISOString(),
    quarter,
    year: month.slice(0, 4),
    summary: summaryOf(all),
    counties: counties.map((c) => ({
      code: c.code,
      name: c.name,
      targets: targetsOf(policies.get(c.code)!),
      ...summaryOf(rowsByCounty.get(c.code)!),
    })),
  };
}
