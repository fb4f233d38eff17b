/**
 * How other modules read assignments (they never import counsel/model.ts). Each query is an
 * equality on one indexed field; "still active" (`endedAt: null`) narrows in memory, since null
 * equality is not pushed down by FerretDB (../../store/README.md, rule 1).
 */
import type { Types } from 'mongoose';
import { ONE_BATCH } from '../../store/batch';
import { AssignmentModel, ContactRevealModel, CounselPhotoModel } from './model';

export interface ActiveAssignment {
  _id: Types.ObjectId;
  counselId: Types.ObjectId;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
}
const FIELDS = { counselId: 1, villageCode: 1, townshipCode: 1, countyCode: 1 } as const;

/** A counsel's active assignments. */
export async function activeAssignmentsOf(counselId: string | Types.ObjectId): Promise<ActiveAssignment[]> {
  return AssignmentModel.find({ counselId, endedAt: null }, FIELDS).lean<ActiveAssignment[]>();
}

/** Active assignments in a village (12 digits), township (9) or county (6). */
export async function activeAssignmentsIn(placeCode: string): Promise<ActiveAssignment[]> {
  const field = placeCode.length === 6 ? 'countyCode' : placeCode.length === 9 ? 'townshipCode' : 'villageCode';
  return AssignmentModel.find({ [field]: placeCode, endedAt: null }, FIELDS)
    .batchSize(ONE_BATCH)
    .lean<ActiveAssignment[]>();
}

export async function villageHasCounsel(villageCode: string): Promise<boolean> {
  return (await activeAssignmentsIn(villageCode)).length > 0;
}

/**
 * Demo assignments (demo/seed.ts), written in bulk: each village served from `startedAt` by its
 * counsel in the numbered seat given (see model.ts: the seats and villages held are unique).
 */
export async function seedAssignments(
  rows: readonly { counselId: Types.ObjectId; villageCode: string; townshipCode: string; slot: number; startedAt: Date }[],
): Promise<number> {
  if (!rows.length) return 0;
  await AssignmentModel.insertMany(
    rows.map((r) => ({
      counselId: r.counselId,
      villageCode: r.villageCode,
      countyCode: r.villageCode.slice(0, 6),
      townshipCode: r.townshipCode,
      startedAt: r.startedAt,
      activeSlot: `slot-${r.slot}`,
      activeVillage: r.villageCode,
    })),
    { ordered: false },
  );
  return rows.length;
}

// --- privacy (issue 13): the data copy, account cancellation, retention ---

/** Who viewed this counsel's full phone number, and when (`counselId` equality, indexed). */
export async function revealsAbout(counselId: Types.ObjectId): Promise<{ villageCode: string; at: Date }[]> {
  return ContactRevealModel.find({ counselId }, { villageCode: 1, at: 1 }).sort({ at: -1 }).lean();
}

/** Deletes a cancelled person's profile photos (`counselId` equality, indexed): served publicly, they are only theirs. */
export async function forgetCounsel(counselId: Types.ObjectId): Promise<number> {
  return (await CounselPhotoModel.deleteMany({ counselId })).deletedCount;
}

/** Contact-reveal records older than the retention period (a rare job's scan). */
export async function purgeContactReveals(before: Date): Promise<number> {
  return (await ContactRevealModel.deleteMany({ at: { $lt: before } })).deletedCount;
}
