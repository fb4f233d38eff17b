import { LRUCache } from 'lru-cache';
import { PlaceModel, type PlaceDoc } from './model';

/**
 * Places by code, remembered in this process. Places are only ever inserted (the importer never
 * changes or deletes a stored place), so a remembered place cannot go stale; codes not found are
 * not remembered, so a later import is seen at once. Why: a find by code is a scan of every place
 * on FerretDB (52,378 villages for one province: 3.5 s, bench/province.ts), and every group request
 * and every ledger entry described needs one.
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
  if (missing.length) {
    const stored = await PlaceModel.find({ code: { $in: missing } }, { _id: 0 }).lean<PlaceDoc[]>();
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
