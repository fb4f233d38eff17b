import type { Types } from 'mongoose';

interface EntryFacts {
  _id?: Types.ObjectId;
  counselId: Types.ObjectId;
  clientKey: string;
  villageCode: string;
  kind: string;
  mode: 'on_site' | 'remote';
  startAt: Date;
  endAt: Date;
  minutes: number;
  months: string[];
  summary: string;
  attendees: number | null;
  status: 'pending' | 'approved';
  review: { decision: 'approve'; reason: null; by: Types.ObjectId; at: Date } | null;
  createdAt: Date;
}

/**
 * A ledger_entries document as the product stores it (ledger/service.ts submit), for the
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
