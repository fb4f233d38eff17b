/**
 * The back office's assessment figures (R13, issue 16 item 7): per township and per counsel for a
 * period of months. Each module counts its own records (its queries.ts); this only adds them up.
 * A fixed number of commands whatever the number of townships and counsel: every count reads the
 * county by an indexed equality.
 */
import type { AssessmentFigures, AssessmentReply } from '@vc/types';
import { AppError } from '../../shared/errors';
import { inBeijing, monthStart } from '../../shared/periods';
import { zeroCounts, type Counts, type Tally } from '../../shared/tally';
import { countCallbacks } from '../callbacks/queries';
import { countCases } from '../cases/queries';
import { countConsultations } from '../consultations/queries';
import { countLectures } from '../ledger/queries';
import { placesOfCounty } from '../places/lookup';
import { counselRegisteredIn } from '../users/queries';

const MAX_MONTHS = 12;

/** The months from..to, inclusive; refused when reversed or longer than a year. */
export function monthsBetween(from: string, to: string): string[] {
  if (from > to) throw new AppError('ASSESSMENT_PERIOD_INVALID');
  const months: string[] = [];
  for (let m = from; m <= to; m = inBeijing(monthStart(m)).add(1, 'month').format('YYYY-MM')) {
    months.push(m);
    if (months.length > MAX_MONTHS) throw new AppError('ASSESSMENT_PERIOD_INVALID');
  }
  return months;
}

type Sources = {
  consultations: Tally<'asked' | 'closed' | 'ratings' | 'ratingsSatisfied'>;
  cases: Tally<
    | 'legalAidReceived'
    | 'legalAidForwarded'
    | 'legalAidGranted'
    | 'mediationReceived'
    | 'mediationSettled'
    | 'bookingsKept'
    | 'ratings'
    | 'ratingsSatisfied'
  >;
  lectures: Tally<'lectures'>;
  callbacks: Tally<'called' | 'satisfied'>;
};

/** One row's figures from the modules' counts (a missing count is none). */
function combine(pick: <K extends string>(t: Tally<K>) => Counts<K> | undefined, s: Sources): AssessmentFigures {
  const c = pick(s.consultations) ?? zeroCounts(['asked', 'closed', 'ratings', 'ratingsSatisfied']);
  const k =
    pick(s.cases) ??
    zeroCounts([
      'legalAidReceived',
      'legalAidForwarded',
      'legalAidGranted',
      'mediationReceived',
      'mediationSettled',
      'bookingsKept',
      'ratings',
      'ratingsSatisfied',
    ]);
  const l = pick(s.lectures) ?? { lectures: 0 };
  const b = pick(s.callbacks) ?? { called: 0, satisfied: 0 };
  const ratings = c.ratings + k.ratings;
  const satisfied = c.ratingsSatisfied + k.ratingsSatisfied;
  return {
    consultations: { asked: c.asked, closed: c.closed },
    legalAid: { received: k.legalAidReceived, forwarded: k.legalAidForwarded, granted: k.legalAidGranted },
    mediation: { received: k.mediationReceived, settled: k.mediationSettled },
    lectures: l.lectures,
    bookingsKept: k.bookingsKept,
    ratings: { count: ratings, satisfaction: ratings ? Math.round((satisfied / ratings) * 1000) / 1000 : null },
    callbacks: { called: b.called, satisfied: b.satisfied },
  };
}

export async function assessment(countyCode: string, from: string, to: string): Promise<AssessmentReply> {
  const months = monthsBetween(from, to);
  const start = monthStart(from);
  const end = inBeijing(monthStart(to)).add(1, 'month').toDate();
  const [consultations, cases, lectures, callbacks, townships, counsel] = await Promise.all([
    countConsultations(countyCode, start, end),
    countCases(countyCode, start, end),
    countLectures(countyCode, months, start, end),
    countCallbacks(countyCode, months),
    placesOfCounty(countyCode, 'township'),
    counselRegisteredIn(countyCode),
  ]);
  const sources: Sources = { consultations, cases, lectures, callbacks };
  return {
    from,
    to,
    summary: combine((t) => t.total, sources),
    byTownship: townships.map((t) => ({ code: t.code, name: t.name, ...combine((x) => x.byTownship.get(t.code), sources) })),
    byCounsel: counsel.map((p) => ({
      counselId: String(p._id),
      name: p.name,
      ...combine((x) => x.byPerson.get(String(p._id)), sources),
    })),
  };
}
