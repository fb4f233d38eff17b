/**
 * How other modules read assignments (they never import counsel/model.ts). Each query is an
 * equality on one indexed field; "still active" (`endedAt: null`) narrows in memory, since null
 * equality is not pushed down by FerretDB (../../store/README.md, rule 1).
 */
import type { Types } from 'mongoose';
import { AssignmentModel } from './model';

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
  return AssignmentModel.find({ [field]: placeCode, endedAt: null }, FIELDS).lean<ActiveAssignment[]>();
}

export async function villageHasCounsel(villageCode: string): Promise<boolean> {
  return (await activeAssignmentsIn(villageCode)).length > 0;
}
