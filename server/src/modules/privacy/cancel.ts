/**
 * Account cancellation (注销, issue 13 item 3). The person's own data is erased or anonymised by
 * each module that holds it (through its queries exports); records others rely on stay and name
 * the person '已注销用户'. Idempotent: every step can run again, so a repeat (or a request after a
 * crash half-way) finishes the work; the cancellation record's unique _id keeps one record.
 */
import { Types } from 'mongoose';
import { CANCELLATION_ERASES, CANCELLATION_KEEPS, CANCELLED_NAME, type CancelAccountReply } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import { withLease } from '../../store/lease';
import { forgetUser, userById } from '../users/queries';
import { activeAssignmentsOf, forgetCounsel } from '../counsel/queries';
import { forgetAsker, unfinishedHandledBy } from '../consultations/queries';
import { forgetAuthor } from '../groups/queries';
import { forgetApplicant } from '../cases/queries';
import { revokeSessionsOf } from '../accounts/service';
import { forgetAvatarsOf } from '../media/avatar';
import { forgetImageChecksOf } from '../content-check/image';
import { CancellationModel } from './model';
import { dutiesToHandOver } from './policy';

export async function cancelAccount(userId: string): Promise<CancelAccountReply> {
  const id = new Types.ObjectId(userId);
  // one cancellation of a person at a time: concurrent repeats wait and then find it done
  return withLease(`privacy-cancel:${userId}`, async () => {
    const user = await userById(id);
    if (!user) throw new AppError('USER_NOT_FOUND');
    if (user.demo) throw new AppError('DEMO_ACCOUNT_NOT_CANCELLABLE');
    // three queries whatever the person holds
    const [assignments, unfinished] = await Promise.all([activeAssignmentsOf(id), unfinishedHandledBy(id)]);
    const duties = dutiesToHandOver({
      roles: user.roles,
      assignedVillages: assignments.map((a) => a.villageCode),
      unfinishedConsultations: unfinished,
    });
    if (duties.length) throw new AppError('ACCOUNT_HAS_DUTIES', undefined, duties);

    // the record first: a crash half-way leaves it, and the person's repeat finishes the erasing
    const at = await recordCancellation(userId);
    const places = [user.villageCode ?? '', ...user.roles.map((r) => r.placeCode)].filter(Boolean);
    await forgetAuthor(id, places, CANCELLED_NAME);
    await forgetAsker(id);
    await forgetApplicant(id);
    await forgetCounsel(id);
    // avatars are only theirs; pending checks lose their link, so WeChat can fetch nothing more
    await forgetAvatarsOf(id);
    await forgetImageChecksOf(id);
    await forgetUser(id, CANCELLED_NAME);
    await revokeSessionsOf(userId);
    return { cancelledAt: at.toISOString(), erased: [...CANCELLATION_ERASES], kept: [...CANCELLATION_KEEPS] };
  });
}

/** Writes the cancellation record once, answering when the person cancelled (the first time). */
async function recordCancellation(userId: string): Promise<Date> {
  try {
    return (await CancellationModel.create({ _id: userId, at: new Date() })).at;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const first = await CancellationModel.findById(userId).lean();
    if (!first) throw err;
    return first.at;
  }
}
