/** Ledger entries as shown, shared by the entries' and the reviews' use cases (entries.ts, reviews.ts). */
import type { LedgerEntry } from '@vc/types';
import { usersInCounties } from '../users/queries';
import { placeNamesByCode } from '../places/lookup';
import type { LedgerEntryDoc } from './model';

/** Entries as listed: counsel and village names read per county of the entries, not per entry. */
export async function describe(entries: LedgerEntryDoc[]): Promise<LedgerEntry[]> {
  const [counsel, villageNames] = await Promise.all([
    usersInCounties(
      entries.flatMap((e) => [
        { id: e.counselId, countyCode: e.countyCode },
        { id: e.servedUserId ?? null, countyCode: e.countyCode },
      ]),
    ),
    placeNamesByCode(entries.map((e) => e.villageCode)),
  ]);
  const names = new Map([...counsel].map(([id, c]) => [id, c.name]));
  return entries.map((e) => ({
    id: String(e._id),
    clientKey: e.clientKey,
    counselId: String(e.counselId),
    counselName: names.get(String(e.counselId)) ?? '',
    villageCode: e.villageCode,
    villageName: villageNames.get(e.villageCode) ?? '',
    kind: e.kind,
    mode: e.mode,
    startAt: e.startAt.toISOString(),
    endAt: e.endAt.toISOString(),
    minutes: e.minutes,
    summary: e.summary,
    attendees: e.attendees ?? null,
    viaTimer: e.viaTimer,
    status: e.status,
    late: e.late,
    lateReason: e.lateReason ?? null,
    correctsEntryId: e.correctsEntryId ? String(e.correctsEntryId) : null,
    servedName: e.servedUserId ? (names.get(String(e.servedUserId)) ?? '') : null,
    rated: e.rated ?? false,
    // entries older than the lectures module have neither field
    lectureId: e.lectureId ? String(e.lectureId) : null,
    attendeeNames: e.attendeeNames ?? [],
    review: e.review
      ? { decision: e.review.decision, reason: e.review.reason ?? null, by: String(e.review.by), at: e.review.at.toISOString() }
      : null,
    createdAt: e.createdAt.toISOString(),
  }));
}

export const describeOne = async (entry: LedgerEntryDoc) => (await describe([entry]))[0]!;
