/**
 * Claim one of N seats: at most N live records per owner (villages per counsel), whichever server
 * process writes them. Each live record holds a numbered seat `slot-1 … slot-N` under a unique
 * (owner, seat) index; a writer reads the seats held, takes the first free one, and on a duplicate
 * key (another writer took that seat, or the record's other unique key) reads again. A record that
 * ends gives its seat back by setting the seat to its own id.
 *
 * Plain MongoDB equivalent: a partial unique index on the live records plus a transaction that
 * counts them before inserting (partial indexes and transactions are outside FerretDB 1.24).
 */
import { isDuplicateKey } from './duplicates';

export class NoSeatError extends Error {}

/** The numbered seats 'slot-1'..'slot-max' not held, in order. */
export function freeSeats(held: readonly string[], max: number): string[] {
  const taken = new Set(held);
  return Array.from({ length: max }, (_, i) => `slot-${i + 1}`).filter((seat) => !taken.has(seat));
}

/**
 * `readHeld()` reads the live records' seats (and may throw the caller's refusals);
 * `insert(seat)` writes the record in that seat. Throws NoSeatError when every seat is held.
 */
export async function claimSeat<T>(
  max: number,
  readHeld: () => Promise<readonly string[]>,
  insert: (seat: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; attempt < max + 2; attempt += 1) {
    const [seat] = freeSeats(await readHeld(), max);
    if (!seat) throw new NoSeatError();
    try {
      return await insert(seat);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // another request took this seat (or this record) first: look again
    }
  }
  throw new NoSeatError();
}
