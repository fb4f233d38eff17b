import type { PlaceChildrenReply, VillageSummary } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import { PlaceModel, VillageInviteModel } from './model';
import { escapeRegExp, randomInviteCode } from './policy';
import { placeByCode, placesByCode } from './lookup';

type PlaceLean = { code: string; name: string; level: string; parentCode?: string | null };

export async function getPlace(code: string): Promise<PlaceLean> {
  const place = await placeByCode(code);
  if (!place) throw new AppError('PLACE_NOT_FOUND');
  return place;
}

/** Village with its township and county names; one query for the three levels. */
export async function villageSummaries(codes: readonly string[]): Promise<Map<string, VillageSummary>> {
  const unique = [...new Set(codes)];
  const related = new Set<string>();
  for (const c of unique) related.add(c).add(c.slice(0, 9)).add(c.slice(0, 6));
  const places = [...(await placesByCode(related)).values()];
  const names = new Map(places.map((p) => [p.code, p.name]));
  const out = new Map<string, VillageSummary>();
  for (const p of places) {
    if (p.level !== 'village' || !unique.includes(p.code)) continue;
    out.set(p.code, {
      code: p.code,
      name: p.name,
      townshipCode: p.code.slice(0, 9),
      townshipName: names.get(p.code.slice(0, 9)) ?? '',
      countyCode: p.code.slice(0, 6),
      countyName: names.get(p.code.slice(0, 6)) ?? '',
    });
  }
  return out;
}

export async function villageSummary(code: string): Promise<VillageSummary> {
  const summary = (await villageSummaries([code])).get(code);
  if (!summary) throw new AppError('VILLAGE_NOT_FOUND');
  return summary;
}

export async function searchVillages(q: string, countyCode: string | undefined, limit: number): Promise<VillageSummary[]> {
  const filter: Record<string, unknown> = { level: 'village', name: { $regex: escapeRegExp(q) } };
  if (countyCode) filter.countyCode = countyCode;
  const found = await PlaceModel.find(filter).sort({ code: 1 }).limit(limit).lean();
  const summaries = await villageSummaries(found.map((p) => p.code));
  return found.map((p) => summaries.get(p.code)).filter((s): s is VillageSummary => Boolean(s));
}

export async function children(code: string): Promise<PlaceChildrenReply> {
  const place = await getPlace(code);
  const kids = await PlaceModel.find({ parentCode: code }).sort({ code: 1 }).lean();
  const shape = (p: PlaceLean) => ({ code: p.code, name: p.name, level: p.level as 'village', parentCode: p.parentCode ?? null });
  return { place: shape(place), children: kids.map(shape) };
}

/** The village's invite code (also its QR scene), made on first use; a collision just retries. */
export async function ensureInviteCode(villageCode: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const existing = await VillageInviteModel.findOne({ villageCode }).lean();
    if (existing) return existing.inviteCode;
    try {
      await VillageInviteModel.create({ villageCode, inviteCode: randomInviteCode() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error('could not allocate an invite code');
}

export async function villageByInvite(inviteCode: string): Promise<VillageSummary> {
  const invite = await VillageInviteModel.findOne({ inviteCode }).lean();
  if (!invite) throw new AppError('INVITE_CODE_NOT_FOUND');
  return villageSummary(invite.villageCode);
}
