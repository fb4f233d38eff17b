/** Month locks: a township closes a month of its ledger; later entries for it are late (entries.ts). */
import { Types } from 'mongoose';
import type { LedgerLock } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import { placeByCode } from '../places/lookup';
import { LedgerLockModel } from './model';

export async function lockMonth(townshipCode: string, month: string, by: string): Promise<LedgerLock> {
  const township = await placeByCode(townshipCode);
  if (township?.level !== 'township') throw new AppError('PLACE_NOT_FOUND');
  try {
    const lock = await LedgerLockModel.create({ townshipCode, month, lockedBy: new Types.ObjectId(by) });
    return { townshipCode, month, lockedAt: lock.lockedAt.toISOString(), lockedBy: by };
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('LEDGER_ALREADY_LOCKED');
    throw err;
  }
}
