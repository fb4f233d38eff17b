/**
 * Services a counsel recorded with a named villager (issue 16 item 5, 服务一次、评价一次): the
 * villager sees them and rates each once. The rating is its own record (unique per entry); the
 * entry's facts never change, only its `rated` mark.
 */
import { Types } from 'mongoose';
import type { Rating, ServedService } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import type { Principal } from '../../shared/principal';
import { SCENE, type ContentCheck } from '../content-check/text';
import { placeNamesByCode } from '../places/lookup';
import { userById, usersInCounties } from '../users/queries';
import { LedgerEntryModel, ServiceRatingModel, type LedgerEntryDoc } from './model';

async function describeServed(entries: LedgerEntryDoc[]): Promise<ServedService[]> {
  const [people, villageNames] = await Promise.all([
    usersInCounties(entries.map((e) => ({ id: e.counselId, countyCode: e.countyCode }))),
    placeNamesByCode(entries.map((e) => e.villageCode)),
  ]);
  return entries.map((e) => ({
    entryId: String(e._id),
    counselName: people.get(String(e.counselId))?.name ?? '',
    villageName: villageNames.get(e.villageCode) ?? '',
    kind: e.kind,
    startAt: e.startAt.toISOString(),
    summary: e.summary,
    rated: e.rated ?? false,
  }));
}

/** The services recorded with the viewer as the villager served, newest first (one indexed equality). */
export async function servedServices(principal: Principal): Promise<ServedService[]> {
  const entries = await LedgerEntryModel.find({ servedUserId: new Types.ObjectId(principal.userId) })
    .sort({ startAt: -1 })
    .limit(200)
    .lean<LedgerEntryDoc[]>();
  return describeServed(entries);
}

/** Rates a served service once; only the villager named may, and sees nothing of others' entries. */
export async function rateServed(
  principal: Principal,
  entryId: string,
  rating: Rating,
  check: ContentCheck,
): Promise<ServedService> {
  const entry = await LedgerEntryModel.findById(entryId).lean<LedgerEntryDoc>();
  if (!entry || String(entry.servedUserId) !== principal.userId) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  if (entry.rated) throw new AppError('LEDGER_SERVICE_ALREADY_RATED');
  if (rating.comment) {
    const writer = await userById(principal.userId);
    const verdict = await check(writer?.openid ?? '', rating.comment, SCENE.comment);
    if (verdict === 'check_unavailable') throw new AppError('CONTENT_CHECK_UNAVAILABLE');
    if (verdict !== 'pass') throw new AppError('CASE_TEXT_RISKY');
  }
  try {
    // the unique index on entryId is what makes it once, even for two taps at once
    await ServiceRatingModel.create({
      entryId: entry._id,
      servedUserId: entry.servedUserId,
      counselId: entry.counselId,
      townshipCode: entry.townshipCode,
      countyCode: entry.countyCode,
      attitude: rating.attitude,
      efficiency: rating.efficiency,
      competence: rating.competence,
      comment: rating.comment ?? null,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('LEDGER_SERVICE_ALREADY_RATED');
    throw err;
  }
  await LedgerEntryModel.updateOne({ _id: entry._id }, { $set: { rated: true } });
  return (await describeServed([{ ...entry, rated: true }]))[0]!;
}
