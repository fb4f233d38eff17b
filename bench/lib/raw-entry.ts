import type { Types } from 'mongoose';
import type { LedgerEntryDoc } from '../../server/src/modules/ledger/model';

type EntryFacts = Pick<
  LedgerEntryDoc,
  | 'counselId'
  | 'clientKey'
  | 'villageCode'
  | 'kind'
  | 'mode'
  | 'startAt'
  | 'endAt'
  | 'minutes'
  | 'months'
  | 'summary'
  | 'attendees'
  | 'status'
  | 'review'
  | 'createdAt'
> & { _id?: Types.ObjectId };

/**
 * A ledger_entries document as the product stores it (ledger/entries.ts submit), for the
 * benchmarks' raw inserts: the facts given, the place codes and the defaults of a plain entry.
 */
export function rawEntry(facts: EntryFacts): Record<string, unknown> {
  return {
    ...facts,
    townshipCode: facts.villageCode.slice(0, 9),
    countyCode: facts.villageCode.slice(0, 6),
    location: null,
    viaTimer: false,
    correctsEntryId: null,
    late: false,
    lateReason: null,
  };
}
