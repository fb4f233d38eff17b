import { LRUCache } from 'lru-cache';
import { PlaceModel, type PlaceDoc } from './model';

/**
 * How other modules read places (they never import places/model.ts).
 *
 * Places by code, remembered in this process. Places are only ever inserted (the importer never
 * changes or deletes a stored place), so a remembered place cannot go stale; codes not found are
 * not remembered, so a later import is seen at once. Why: a find by code is a scan of every place
 * on the embedded engine's first storage (52,378 villages for one province: 3.5 s), and every group request
 * and every ledger entry described needs one.
 *
 * What is not remembered is read with one query per county (`countyCode` equality, indexed; the
 * codes narrow in memory: store/README.md, rule 1), plus one `code` equality per place above
 * county level, so the number of queries does not grow with the number of villages asked for.
 */
const remembered = new LRUCache<string, PlaceDoc>({ max: 100_000 });

export async function placesByCode(codes: Iterable<string>): Promise<Map<string, PlaceDoc>> {
  const found = new Map<string, PlaceDoc>();
  const missing: string[] = [];
  for (const code of new Set(codes)) {
    const place = remembered.get(code);
    if (place) found.set(code, place);
    else missing.push(code);
  }
  const byCounty = new Map<string, string[]>();
  const above: string[] = [];
  for (const code of missing) {
    if (code.length > 6) byCounty.set(code.slice(0, 6), [...(byCounty.get(code.slice(0, 6)) ?? []), code]);
    else above.push(code);
  }
  const reads = [
    ...[...byCounty].map(([countyCode, codes]) =>
      PlaceModel.find({ countyCode, code: { $in: codes } }, { _id: 0 }).lean<PlaceDoc[]>(),
    ),
    ...above.map((code) => PlaceModel.find({ code }, { _id: 0 }).lean<PlaceDoc[]>()),
  ];
  for (const stored of await Promise.all(reads)) {
    for (const place of stored) {
      remembered.set(place.code, place);
      found.set(place.code, place);
    }
  }
  return found;
}

export async function placeByCode(code: string): Promise<PlaceDoc | null> {
  return (await placesByCode([code])).get(code) ?? null;
}

/** Display names by code, for lists. */
export async function placeNamesByCode(codes: Iterable<string>): Promise<Map<string, string>> {
  return new Map([...(await placesByCode(codes))].map(([code, place]) => [code, place.name]));
}

/** The townships or villages of one county, ordered by code (one indexed query). */
export async function placesOfCounty(countyCode: string, level: 'township' | 'village'): Promise<PlaceDoc[]> {
  const places = await PlaceModel.find({ countyCode, level }, { _id: 0 }).lean<PlaceDoc[]>();
  for (const place of places) remembered.set(place.code, place);
  return places.sort((a, b) => a.code.localeCompare(b.code));
}

/** Every stored county (`level` equality, indexed): the few thousand a nationwide job goes through county by county. */
export async function storedCounties(): Promise<PlaceDoc[]> {
  const counties = await PlaceModel.find({ level: 'county' }, { _id: 0 }).lean<PlaceDoc[]>();
  for (const place of counties) remembered.set(place.code, place);
  return counties.sort((a, b) => a.code.localeCompare(b.code));
}

export type ProvincePlace = Pick<PlaceDoc, 'code' | 'name' | 'level' | 'countyCode'>;

/**
 * The places of one province at these levels, in one query (`provinceCode` equality, indexed; the
 * levels narrow in the same filter). Not remembered: a province's villages (52,378 for Liaoning)
 * would push every other place out of the cache.
 */
export async function placesOfProvince(provinceCode: string, levels: readonly PlaceDoc['level'][]): Promise<ProvincePlace[]> {
  return PlaceModel.find(
    { provinceCode, level: { $in: [...levels] } },
    { _id: 0, code: 1, name: 1, level: 1, countyCode: 1 },
  ).lean<ProvincePlace[]>();
}
