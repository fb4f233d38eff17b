/**
 * Month locks: a township closes a finished month of its ledger; later entries for it are late
 * (entries.ts), and the month's archive is the ledger as it stood at the lock (export.ts).
 */
import { Types } from 'mongoose';
import type { LedgerLock, TownshipLedgerLocksReply } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import { countyPolicy } from '../county-policy/service';
import { placeByCode } from '../places/lookup';
import { usersByIds } from '../users/queries';
import { lockRefusal } from './cutoff';
import { LedgerLockModel, type LedgerLockDoc } from './model';

export async function lockMonth(townshipCode: string, month: string, by: string, now = new Date()): Promise<LedgerLock> {
  const refusal = lockRefusal(month, now);
  if (refusal) throw new AppError(refusal);
  const township = await placeByCode(townshipCode);
  if (township?.level !== 'township') throw new AppError('PLACE_NOT_FOUND');
  const countyCode = townshipCode.slice(0, 6);
  // the targets the archive is judged by: the county's at the lock, whatever it decides later
  const { minOnSiteHoursPerMonth, minLecturesPerQuarter, minHoursPerYear } = await countyPolicy(countyCode);
  try {
    const lock = await LedgerLockModel.create({
      townshipCode,
      countyCode,
      month,
      lockedAt: now,
      lockedBy: new Types.ObjectId(by),
      targets: { minOnSiteHoursPerMonth, minLecturesPerQuarter, minHoursPerYear },
    });
    return { townshipCode, month, lockedAt: lock.lockedAt.toISOString(), lockedBy: by };
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('LEDGER_ALREADY_LOCKED');
    throw err;
  }
}

/** The county's locks of a month, by township (one indexed query). */
export async function locksOf(countyCode: string, month: string): Promise<Map<string, LedgerLockDoc>> {
  const locks = await LedgerLockModel.find({ countyCode, month }).lean<LedgerLockDoc[]>();
  return new Map(locks.map((l) => [l.townshipCode, l]));
}

/**
 * A township's locked months, newest first, with who locked each: one indexed query for the locks
 * (the unique (townshipCode, month) index) and one for the names, whatever their number.
 */
export async function locksOfTownship(townshipCode: string, year?: number): Promise<TownshipLedgerLocksReply> {
  const township = await placeByCode(townshipCode);
  if (township?.level !== 'township') throw new AppError('PLACE_NOT_FOUND');
  const locks = (await LedgerLockModel.find({ townshipCode }).lean<LedgerLockDoc[]>())
    .filter((l) => year === undefined || l.month.startsWith(`${year}-`))
    .sort((a, b) => b.month.localeCompare(a.month));
  const names = await usersByIds([...new Set(locks.map((l) => String(l.lockedBy)))], { countyCode: townshipCode.slice(0, 6) });
  return {
    townshipCode,
    townshipName: township.name,
    items: locks.map((l) => ({
      townshipCode,
      month: l.month,
      lockedAt: l.lockedAt.toISOString(),
      lockedBy: String(l.lockedBy),
      lockedByName: names.get(String(l.lockedBy))?.name ?? '',
    })),
  };
}
