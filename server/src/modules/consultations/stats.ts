/**
 * The evaluation figures of consultations (R10): `figures` computes them from a set of
 * consultations and their ratings; `stats` reads a county's month and computes them per township.
 */
import type { ConsultationFigures, ConsultationStatsReply } from '@vc/types';
import { inBeijing, monthOf, monthStart } from '../../shared/periods';
import { placesOfCounty } from '../places/lookup';
import { ConsultationModel, RatingModel, type ConsultationDoc } from './model';
import { isOverdue } from './policy';

export interface StatsInput {
  tier: string;
  status: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  closedAt: Date | null;
  firstResponseDueAt: Date;
  closeDueAt: Date;
}
export interface RatingInput {
  attitude: number;
  efficiency: number;
  competence: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2, 1);
}

/** The evaluation figures of a set of consultations and their ratings (R10). */
export function figures(consultations: readonly StatsInput[], ratings: readonly RatingInput[], now: Date): ConsultationFigures {
  const overdue = consultations.filter((c) => isOverdue(c, c, now)).length;
  const responseHours = consultations
    .filter((c) => c.firstResponseAt)
    .map((c) => (c.firstResponseAt!.getTime() - c.createdAt.getTime()) / 3600_000);
  const averages = ratings.map((r) => (r.attitude + r.efficiency + r.competence) / 3);
  return {
    asked: consultations.length,
    answered: consultations.filter((c) => c.firstResponseAt).length,
    closed: consultations.filter((c) => c.status === 'closed').length,
    escalated: consultations.filter((c) => c.tier !== 'village').length,
    overdue,
    onTimeRate: consultations.length ? round((consultations.length - overdue) / consultations.length, 3) : null,
    medianFirstResponseHours: median(responseHours),
    ratings: ratings.length,
    attitude: mean(ratings.map((r) => r.attitude)),
    efficiency: mean(ratings.map((r) => r.efficiency)),
    competence: mean(ratings.map((r) => r.competence)),
    satisfaction: ratings.length ? round(averages.filter((a) => a >= 4).length / ratings.length, 3) : null,
  };
}

/** County figures for a month (by the date asked, Beijing time), per township. */
export async function stats(countyCode: string, month: string | undefined, now = new Date()): Promise<ConsultationStatsReply> {
  const which = month ?? monthOf(now);
  const from = monthStart(which);
  const to = monthStart(inBeijing(from).add(1, 'month').format('YYYY-MM'));
  const docs = await ConsultationModel.find(
    { countyCode, createdAt: { $gte: from, $lt: to } },
    { question: 0, photoIds: 0, handlerIds: 0 },
  ).lean<ConsultationDoc[]>();
  // the county's ratings of these consultations (countyCode equality, indexed; the ids narrow in the same filter)
  const [ratings, townships] = await Promise.all([
    docs.length ? RatingModel.find({ countyCode, consultationId: { $in: docs.map((d) => d._id) } }).lean() : [],
    placesOfCounty(countyCode, 'township'),
  ]);
  const ratingOf = new Map(ratings.map((r) => [String(r.consultationId), r]));
  const figuresOf = (subset: ConsultationDoc[]) =>
    figures(
      subset,
      subset.flatMap((d) => ratingOf.get(String(d._id)) ?? []),
      now,
    );
  return {
    month: which,
    summary: figuresOf(docs),
    byTownship: townships.map((t) => ({
      code: t.code,
      name: t.name,
      ...figuresOf(docs.filter((d) => d.townshipCode === t.code)),
    })),
  };
}
