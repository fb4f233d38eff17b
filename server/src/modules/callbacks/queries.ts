/** How the assessment reads call-backs: the calls of a county's months, counted (issue 16 item 7). */
import { ONE_BATCH } from '../../store/batch';
import { tally, type Tally } from '../../shared/tally';
import { CallbackCallModel, CallbackModel } from './model';

export const CALLBACK_COUNTS = ['called', 'satisfied'] as const;

/**
 * The calls recorded for a county's months, per township and per handler of the sampled service.
 * Two commands: samples and calls by the countyCode equality (indexed), the months narrowing.
 */
export async function countCallbacks(
  countyCode: string,
  months: readonly string[],
): Promise<Tally<(typeof CALLBACK_COUNTS)[number]>> {
  const [docs, calls] = await Promise.all([
    CallbackModel.find({ countyCode, month: { $in: [...months] } }, { townshipCode: 1, handlerIds: 1 })
      .batchSize(ONE_BATCH)
      .lean(),
    CallbackCallModel.find({ countyCode, month: { $in: [...months] } }, { callbackId: 1, reached: 1, satisfied: 1 })
      .batchSize(ONE_BATCH)
      .lean(),
  ]);
  const docOf = new Map(docs.map((d) => [String(d._id), d]));
  return tally(
    CALLBACK_COUNTS,
    calls.flatMap((c) => {
      const doc = docOf.get(String(c.callbackId));
      return doc
        ? [
            {
              townshipCode: doc.townshipCode,
              personIds: doc.handlerIds ?? [],
              counts: { called: 1, satisfied: c.reached && c.satisfied ? 1 : 0 },
            },
          ]
        : [];
    }),
  );
}
