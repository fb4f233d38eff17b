/**
 * How other modules read consultations (they never import consultations/model.ts). Each query
 * carries an indexed top-level equality; ranges and lists narrow in the same filter
 * (../../store/README.md, rule 1).
 */
import type { Types } from 'mongoose';
import { ConsultationModel } from './model';

/**
 * The consultations a person first answered in [from, to) in these villages, as the village code
 * of each (one per consultation): the handler's consultations (`handlerIds` equality, array
 * membership, indexed), narrowed by village and date in the same filter.
 */
export async function answeredIn(
  handlerId: Types.ObjectId,
  villageCodes: readonly string[],
  from: Date,
  to: Date,
): Promise<string[]> {
  if (villageCodes.length === 0) return [];
  const rows = await ConsultationModel.find(
    { handlerIds: handlerId, villageCode: { $in: [...villageCodes] }, firstResponseAt: { $gte: from, $lt: to } },
    { villageCode: 1 },
  ).lean();
  return rows.map((r) => r.villageCode);
}
