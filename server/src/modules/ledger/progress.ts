/** A counsel's progress towards the service targets (R2, R3) in each village they serve. */
import { Types } from 'mongoose';
import type { VillageProgress } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { inBeijing, minutesByMonth, monthOf, monthStart } from '../../shared/periods';
import { answeredIn } from '../consultations/queries';
import { describeShortfalls } from './format';
import { countyPolicy } from '../county-policy/service';
import { placeNamesByCode } from '../places/lookup';
import { LedgerEntryModel, LedgerRollupModel, type LedgerEntryDoc, type RollupDoc } from './model';
import { reportRefusal } from './cutoff';
import { standing } from './policy';

/**
 * A counsel's standing in each village they serve, from rollups (plus pending minutes this month);
 * the quarter and the year up to the month's end (policy.ts standing).
 */
export async function progress(principal: Principal, requested?: string, now = new Date()): Promise<VillageProgress[]> {
  const month = requested ?? monthOf(now);
  const refusal = reportRefusal(month, now);
  if (refusal) throw new AppError(refusal);
  const villages = principal.grants.filter((g) => g.role === 'counsel').map((g) => g.placeCode);
  if (villages.length === 0) return [];
  const counselId = new Types.ObjectId(principal.userId);
  const year = month.slice(0, 4);
  const rollups = await LedgerRollupModel.find({
    counselId,
    villageCode: { $in: villages },
    month: { $gte: `${year}-01`, $lte: month },
  }).lean<RollupDoc[]>();
  const pending = await LedgerEntryModel.find({
    counselId,
    villageCode: { $in: villages },
    months: month,
    status: 'pending',
    mode: 'on_site',
  }).lean<LedgerEntryDoc[]>();
  const names = await placeNamesByCode(villages);
  const targets = await countyPolicy(villages[0]!.slice(0, 6));
  // remote service (R5): consultations this counsel answered, by the month of the first answer
  const answered = await answeredIn(
    counselId,
    villages,
    monthStart(month),
    monthStart(inBeijing(monthStart(month)).add(1, 'month').format('YYYY-MM')),
  );
  return villages.map((villageCode) => {
    const byMonth = new Map(rollups.filter((r) => r.villageCode === villageCode).map((r) => [r.month, r]));
    const s = standing(byMonth, month, targets);
    const pendingMinutes = pending
      .filter((e) => e.villageCode === villageCode)
      .reduce((sum, e) => sum + (minutesByMonth(e.startAt, e.endAt).find((p) => p.month === month)?.minutes ?? 0), 0);
    return {
      villageCode,
      villageName: names.get(villageCode) ?? '',
      month: {
        ...s.month,
        pendingOnSiteMinutes: pendingMinutes,
        consultationsAnswered: answered.filter((code) => code === villageCode).length,
      },
      quarter: s.quarter,
      year: s.year,
      missing: describeShortfalls(s.shortfalls),
      shortfalls: s.shortfalls,
    };
  });
}
