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

/** What a benchmark submits: the body of POST /api/ledger/entries for an on-site duty. */
export interface SubmitBody {
  clientKey: string;
  villageCode: string;
  kind: 'on_site_duty';
  startAt: string;
  endAt: string;
  summary: string;
}

/** The document submit() stores for that body: a pending on-site entry, timed from the body. */
export function pendingEntry(counselId: Types.ObjectId, body: SubmitBody): Record<string, unknown> {
  const startAt = new Date(body.startAt);
  const endAt = new Date(body.endAt);
  return rawEntry({
    counselId,
    clientKey: body.clientKey,
    villageCode: body.villageCode,
    kind: body.kind,
    mode: 'on_site',
    startAt,
    endAt,
    minutes: Math.round((endAt.getTime() - startAt.getTime()) / 60000),
    months: [startAt.toISOString().slice(0, 7)],
    summary: body.summary,
    attendees: null,
    status: 'pending',
    review: null,
    createdAt: new Date(),
  });
}
