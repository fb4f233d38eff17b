/**
 * The legal-literate residents' roster (法律明白人, issue 17 item 3): a village's roster (the
 * invitations module's staff list of the role, phones masked), the names for the notice board, and
 * per village of a township or county whether the roster meets the county's target. Removal is
 * withdrawing the role (invitations withdrawRole), not repeated here.
 *
 * A coverage read is four indexed queries whatever the number of villages: the county's policy,
 * its staff (people holding any role there), its townships and its villages.
 */
import type { BoardRosterReply, RosterCoverageReply, VillageRosterReply } from '@vc/types';
import { AppError } from '../../shared/errors';
import { countyPolicy } from '../county-policy/service';
import { staffList } from '../invitations/staff';
import { placeByCode, placesOfCounty } from '../places/lookup';
import { staffOfCounty } from '../users/queries';
import { countByVillage, coverage, meetsTarget } from './policy';

async function village(code: string) {
  const place = await placeByCode(code);
  if (place?.level !== 'village') throw new AppError('VILLAGE_NOT_FOUND');
  return place;
}

export async function villageRoster(villageCode: string): Promise<VillageRosterReply> {
  const [place, policy, list] = await Promise.all([
    village(villageCode),
    countyPolicy(villageCode.slice(0, 6)),
    staffList(villageCode, 'legal_literate'),
  ]);
  // the staff list holds the place and those inside it: a village has nothing inside, the filter is for clarity
  const items = list.items
    .filter((m) => m.placeCode === villageCode)
    .map((m) => ({ userId: m.userId, name: m.name, phoneMasked: m.phoneMasked, since: m.grantedAt }));
  const target = policy.legalLiterateTarget;
  return { villageCode, villageName: place.name, target, meetsTarget: meetsTarget(items.length, target), items };
}

/** For the notice board: the names only (no phones), in the order of the roster. */
export async function boardRoster(villageCode: string): Promise<BoardRosterReply> {
  await village(villageCode);
  const staff = await staffOfCounty(villageCode.slice(0, 6));
  const names = staff
    .filter((u) => u.roles.some((r) => r.role === 'legal_literate' && r.placeCode === villageCode))
    .map((u) => u.name)
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return { villageCode, names };
}

/** Each village of the county (or of one township of it) with its count against the county's target. */
export async function rosterCoverage(code: string): Promise<RosterCoverageReply> {
  const countyCode = code.slice(0, 6);
  const [place, policy, staff, townships, villages] = await Promise.all([
    placeByCode(code),
    countyPolicy(countyCode),
    staffOfCounty(countyCode),
    placesOfCounty(countyCode, 'township'),
    placesOfCounty(countyCode, 'village'),
  ]);
  if (!place || place.level !== (code.length === 6 ? 'county' : 'township')) throw new AppError('PLACE_NOT_FOUND');
  const mine = villages.filter((v) => v.code.startsWith(code));
  const target = policy.legalLiterateTarget;
  const figures = coverage(
    mine.map((v) => v.code),
    countByVillage(staff.map((u) => ({ id: String(u._id), roles: u.roles }))),
    target,
  );
  const names = new Map([...townships, ...villages].map((p) => [p.code, p.name]));
  return {
    code,
    target,
    villages: figures.villages,
    meeting: figures.meeting,
    people: figures.people,
    items: figures.items.map((f) => ({
      ...f,
      villageName: names.get(f.villageCode) ?? f.villageCode,
      townshipCode: f.villageCode.slice(0, 9),
      townshipName: names.get(f.villageCode.slice(0, 9)) ?? f.villageCode.slice(0, 9),
    })),
  };
}
