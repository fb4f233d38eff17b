/**
 * The ledger of a month as its archive shows it (docs/domain.md R4), per village: for a township
 * that locked the month, the entries as they stood at the lock and the figures they give, judged by
 * the targets of that moment, so the archive never changes; what was recorded or reviewed after the
 * lock is listed apart. For a month not locked, the ledger as it is now. Either way the quarter and
 * the year count only up to the month's end.
 */
import { monthOf, monthsOfYear } from '../../shared/periods';
import { countyPolicy } from '../county-policy/service';
import { asItStood, changedAfter } from './cutoff';
import { locksOf } from './locks';
import { LedgerEntryModel, type LedgerEntryDoc, type LedgerLockDoc } from './model';
import { figuresForMonth, type MonthFigures, type Targets } from './policy';
import { villageFigures, type VillageFigures } from './report';
import { toCounted } from './rollups';

export interface VillageArchive {
  code: string;
  name: string;
  /** the lock's moment, or null when the month is not locked (the ledger as it is now) */
  lockedAt: Date | null;
  /** the month's entries as they stood then, by start */
  rows: LedgerEntryDoc[];
  figures: VillageFigures;
  /** the month's entries recorded or reviewed after the lock, as they are now */
  after: LedgerEntryDoc[];
}

/** Only what the figures need of an entry dated in another month than the archived one. */
const COUNTED_FIELDS = {
  kind: 1,
  mode: 1,
  startAt: 1,
  endAt: 1,
  correctsEntryId: 1,
  status: 1,
  review: 1,
  createdAt: 1,
  villageCode: 1,
};

/**
 * The county's (or one village's) entries of the month, and of the other months of its year so
 * far (for the year's hours, the quarter's lectures and corrections dated elsewhere): one query
 * per month, each an equality on the county and the month (indexed), at most twelve.
 */
async function entriesOfYear(countyCode: string, month: string, villageCode: string | undefined, now: Date) {
  const current = monthOf(now);
  const months = monthsOfYear(month.slice(0, 4)).filter((m) => m === month || m <= current);
  const filter = (m: string) => ({ countyCode, months: m, ...(villageCode ? { villageCode } : {}) });
  const reads = await Promise.all(
    months.map((m) =>
      m === month
        ? LedgerEntryModel.find(filter(m)).sort({ villageCode: 1, startAt: 1 }).lean<LedgerEntryDoc[]>()
        : LedgerEntryModel.find(filter(m), COUNTED_FIELDS).lean<LedgerEntryDoc[]>(),
    ),
  );
  const ofMonth = reads[months.indexOf(month)]!;
  // a session across midnight at a month's end is read twice: once is enough
  const byId = new Map<string, LedgerEntryDoc>();
  for (const e of reads.flat()) if (!byId.has(String(e._id))) byId.set(String(e._id), e);
  return { ofMonth, all: [...byId.values()] };
}

function groupByVillage(entries: readonly LedgerEntryDoc[]): Map<string, LedgerEntryDoc[]> {
  const out = new Map<string, LedgerEntryDoc[]>();
  for (const e of entries) {
    const mine = out.get(e.villageCode);
    if (mine) mine.push(e);
    else out.set(e.villageCode, [e]);
  }
  return out;
}

/** A village's figures from its approved entries, month by month up to `month`. */
function figuresOf(approved: readonly LedgerEntryDoc[], month: string, targets: Targets): VillageFigures {
  const counted = approved.map(toCounted);
  const months = monthsOfYear(month.slice(0, 4)).filter((m) => m <= month);
  const byMonth = new Map<string, MonthFigures>(months.map((m) => [m, figuresForMonth(counted, m)]));
  return villageFigures(byMonth, month, targets);
}

/** The targets kept with a lock, when it has them all. */
function keptTargets(lock: LedgerLockDoc | null): Targets | null {
  const t = lock?.targets;
  if (t?.minOnSiteHoursPerMonth == null || t.minLecturesPerQuarter == null || t.minHoursPerYear == null) return null;
  return {
    minOnSiteHoursPerMonth: t.minOnSiteHoursPerMonth,
    minLecturesPerQuarter: t.minLecturesPerQuarter,
    minHoursPerYear: t.minHoursPerYear,
  };
}

/**
 * An archive's order, the same at every export: by start, then by id (the order of recording).
 * Not the database's order of equal starts, which moves when a later review rewrites an entry.
 */
const byStart = (a: LedgerEntryDoc, b: LedgerEntryDoc) =>
  a.startAt.getTime() - b.startAt.getTime() || String(a._id).localeCompare(String(b._id));

/** The archive of `month` for the given villages of a county (their places as listed). */
export async function archiveOf(
  countyCode: string,
  month: string,
  villages: readonly { code: string; name: string; townshipCode?: string | null }[],
  villageCode: string | undefined,
  now: Date,
): Promise<VillageArchive[]> {
  const [locks, read, policy] = await Promise.all([
    locksOf(countyCode, month),
    entriesOfYear(countyCode, month, villageCode, now),
    countyPolicy(countyCode),
  ]);
  const ofMonth = groupByVillage(read.ofMonth);
  const ofYear = groupByVillage(read.all);
  return villages.map((v) => {
    const lock = locks.get(v.townshipCode ?? v.code.slice(0, 9)) ?? null;
    const monthEntries = ofMonth.get(v.code) ?? [];
    const yearEntries = ofYear.get(v.code) ?? [];
    // a lock made before its targets were kept (older locks) is judged by today's
    const targets = keptTargets(lock) ?? policy;
    const cutoff = lock?.lockedAt ?? null;
    const stood = (entries: readonly LedgerEntryDoc[]) => (cutoff ? asItStood(entries, cutoff) : [...entries]);
    return {
      code: v.code,
      name: v.name,
      lockedAt: cutoff,
      // a month not locked keeps the database's order by start, as the export always had
      rows: cutoff ? asItStood(monthEntries, cutoff).sort(byStart) : monthEntries,
      figures: figuresOf(
        stood(yearEntries).filter((e) => e.status === 'approved'),
        month,
        targets,
      ),
      after: cutoff ? monthEntries.filter((e) => changedAfter(e, cutoff)).sort(byStart) : [],
    };
  });
}
