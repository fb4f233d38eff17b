/**
 * Counts per township and per person (a handler, a counsel), for the assessment figures (issue 16
 * item 7): each module counts its own records into a Tally (its queries.ts), the assessment module
 * only adds the modules' tallies together.
 */
export type Counts<K extends string> = Record<K, number>;

export interface Tally<K extends string> {
  total: Counts<K>;
  byTownship: Map<string, Counts<K>>;
  /** by person id: everyone who handled the record (a handler, a counsel) */
  byPerson: Map<string, Counts<K>>;
}

export interface Counted<K extends string> {
  townshipCode: string;
  personIds: readonly unknown[];
  counts: Partial<Counts<K>>;
}

export const zeroCounts = <K extends string>(keys: readonly K[]): Counts<K> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;

/** Adds each record's counts to the total, its township and each of its people (once each). */
export function tally<K extends string>(keys: readonly K[], records: Iterable<Counted<K>>): Tally<K> {
  const result: Tally<K> = { total: zeroCounts(keys), byTownship: new Map(), byPerson: new Map() };
  const add = (into: Counts<K>, counts: Partial<Counts<K>>) => {
    for (const k of keys) into[k] += counts[k] ?? 0;
  };
  const slot = (map: Map<string, Counts<K>>, key: string) => {
    let counts = map.get(key);
    if (!counts) map.set(key, (counts = zeroCounts(keys)));
    return counts;
  };
  for (const record of records) {
    if (!keys.some((k) => record.counts[k])) continue;
    add(result.total, record.counts);
    add(slot(result.byTownship, record.townshipCode), record.counts);
    for (const person of new Set(record.personIds.map(String))) add(slot(result.byPerson, person), record.counts);
  }
  return result;
}

/** A [from, to) test for dates that may be missing. */
export const within = (date: Date | null | undefined, from: Date, to: Date): boolean =>
  !!date && date.getTime() >= from.getTime() && date.getTime() < to.getTime();

/** A rating averaging 4 or more counts as satisfied (as consultations/stats.ts figures). */
export const ratedSatisfied = (r: { attitude: number; efficiency: number; competence: number }): boolean =>
  (r.attitude + r.efficiency + r.competence) / 3 >= 4;
