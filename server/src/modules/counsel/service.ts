import { Types } from 'mongoose';
import type { AssignBody, Assignment, AssignmentVillagesReply, CounselCard, CounselListReply, NoticeBoard } from '@vc/types';
import { BASIC_SERVICES, EXTENDED_SERVICES } from '@vc/types';
import { AppError } from '../../shared/errors';
import { claimSeat, NoSeatError } from '../../store/seats';
import { maskPhone } from '../../shared/mask';
import { counselRegisteredIn, isCounselOf, userById, usersInCounties } from '../users/queries';
import { placeByCode, placeNamesByCode, placesOfCounty } from '../places/lookup';
import { ensureInviteCode, villageSummary } from '../places/service';
import { AssignmentModel, ContactRevealModel, type AssignmentDoc } from './model';
import { countyPolicy } from '../county-policy/service';
import { DEFAULT_DUTIES, assignmentRefusal, limitMessage, loadOf, nameHas, type CounselLoad } from './policy';
import { boardHours } from './profile-policy';

/** The fields of an assignment its description needs (lists read no more). */
type AssignmentLean = Pick<AssignmentDoc, '_id' | 'counselId' | 'villageCode' | 'countyCode' | 'startedAt'> & {
  endedAt?: Date | null;
  endReason?: string | null;
};

/** Counsel and village names in one query each per county of the rows (names are looked up, not stored). */
async function describeAssignments(rows: AssignmentLean[]): Promise<Assignment[]> {
  const [counsel, villageNames] = await Promise.all([
    usersInCounties(rows.map((r) => ({ id: r.counselId, countyCode: r.countyCode }))),
    placeNamesByCode(rows.map((r) => r.villageCode)),
  ]);
  return rows.map((r) => ({
    id: String(r._id),
    counselId: String(r.counselId),
    counselName: counsel.get(String(r.counselId))?.name ?? '',
    villageCode: r.villageCode,
    villageName: villageNames.get(r.villageCode) ?? '',
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt ? r.endedAt.toISOString() : null,
    endReason: r.endReason ?? null,
  }));
}

/** Counsel registered in a county (role counsel held at the county). */
async function counselOfCounty(countyCode: string, counselId: string) {
  const counsel = await userById(counselId);
  if (!counsel || !isCounselOf(counsel, countyCode)) throw new AppError('COUNSEL_NOT_FOUND');
  return counsel;
}

/**
 * Assigns a counsel to a village of the county, within the county's limit (R1). Concurrent
 * assignments race for the free numbered seats; the unique index lets exactly one win each seat.
 */
export async function assign(countyCode: string, body: AssignBody, by: string): Promise<Assignment> {
  const counsel = await counselOfCounty(countyCode, body.counselId);
  const place = await placeByCode(body.villageCode);
  const village = place?.level === 'village' && place.countyCode === countyCode ? place : null;
  if (!village) throw new AppError('VILLAGE_NOT_FOUND', '该村（社区）不在本县');
  const { maxVillagesPerCounsel: max } = await countyPolicy(countyCode);
  try {
    const created = await claimSeat(
      max,
      async () => {
        const active = await AssignmentModel.find(
          { counselId: counsel._id, endedAt: null },
          { villageCode: 1, activeSlot: 1 },
        ).lean();
        const refusal = assignmentRefusal({
          activeVillageCodes: active.map((a) => a.villageCode),
          villageCode: village.code,
          max,
        });
        if (refusal === 'COUNSEL_VILLAGE_LIMIT') throw new AppError(refusal, limitMessage(max));
        if (refusal) throw new AppError(refusal);
        return active.map((a) => a.activeSlot);
      },
      (seat) =>
        AssignmentModel.create({
          counselId: counsel._id,
          villageCode: village.code,
          countyCode,
          townshipCode: village.townshipCode ?? village.code.slice(0, 9),
          startedBy: new Types.ObjectId(by),
          activeSlot: seat,
          activeVillage: village.code,
        }),
    );
    const [described] = await describeAssignments([created.toObject()]);
    return described!;
  } catch (err) {
    if (err instanceof NoSeatError) throw new AppError('COUNSEL_VILLAGE_LIMIT', limitMessage(max));
    throw err;
  }
}

export async function endAssignment(countyCode: string, assignmentId: string, reason: string, by: string): Promise<Assignment> {
  const existing = await AssignmentModel.findOne({ _id: assignmentId, countyCode }).lean();
  if (!existing) throw new AppError('ASSIGNMENT_NOT_FOUND');
  const ended = await AssignmentModel.findOneAndUpdate(
    { _id: assignmentId, countyCode, endedAt: null },
    {
      $set: {
        endedAt: new Date(),
        endedBy: new Types.ObjectId(by),
        endReason: reason,
        activeSlot: assignmentId,
        activeVillage: assignmentId,
      },
    },
    { new: true },
  ).lean();
  if (!ended) throw new AppError('ASSIGNMENT_ENDED');
  const [described] = await describeAssignments([ended]);
  return described!;
}

export async function listAssignments(
  countyCode: string,
  query: { villageCode?: string; counselId?: string },
): Promise<Assignment[]> {
  const filter: Record<string, unknown> = { countyCode };
  if (query.villageCode) filter.villageCode = query.villageCode;
  if (query.counselId) filter.counselId = new Types.ObjectId(query.counselId);
  const rows = await AssignmentModel.find(filter).sort({ startedAt: -1 }).limit(500).lean();
  return describeAssignments(rows);
}

/** A township of the county, or PLACE_NOT_FOUND (a filter naming another county's township finds nothing to show). */
async function townshipOfCounty(countyCode: string, townshipCode: string) {
  const township = await placeByCode(townshipCode);
  if (township?.level !== 'township' || township.countyCode !== countyCode)
    throw new AppError('PLACE_NOT_FOUND', '该乡镇（街道）不在本县');
  return township;
}

/**
 * The county's counsel with the villages they serve, searched by name and filtered by township
 * (a village they serve there) and load (against the county's limit); the same reads whatever
 * the filter or the number of counsel.
 */
export async function countyCounsel(
  countyCode: string,
  query: { q?: string; townshipCode?: string; load?: CounselLoad } = {},
): Promise<CounselListReply> {
  if (query.townshipCode) await townshipOfCounty(countyCode, query.townshipCode);
  const [counsel, active, { maxVillagesPerCounsel }] = await Promise.all([
    counselRegisteredIn(countyCode),
    AssignmentModel.find({ countyCode, endedAt: null }, { counselId: 1, villageCode: 1, townshipCode: 1 }).lean(),
    countyPolicy(countyCode),
  ]);
  const villageNames = await placeNamesByCode(active.map((a) => a.villageCode));
  const byCounsel = new Map<string, typeof active>();
  for (const a of active) byCounsel.set(String(a.counselId), [...(byCounsel.get(String(a.counselId)) ?? []), a]);
  const items = counsel.map((c) => {
    const serving = byCounsel.get(String(c._id)) ?? [];
    return {
      id: String(c._id),
      name: c.name,
      organization: c.counselProfile?.organization ?? '',
      phoneMasked: maskPhone(c.phone) ?? '',
      villages: serving.map((a) => ({
        code: a.villageCode,
        name: villageNames.get(a.villageCode) ?? '',
        townshipCode: a.townshipCode ?? a.villageCode.slice(0, 9),
      })),
      villageCount: serving.length,
      load: loadOf(serving.length, maxVillagesPerCounsel),
    };
  });
  return {
    maxVillagesPerCounsel,
    items: items.filter(
      (c) =>
        nameHas(c.name, query.q) &&
        (!query.load || c.load === query.load) &&
        (!query.townshipCode || c.villages.some((v) => v.townshipCode === query.townshipCode)),
    ),
  };
}

/**
 * The villages to assign counsel to, each with its township's name and the counsel serving it now
 * (a screen warns before giving a village a second one): the county's places, its active
 * assignments and their counsel's names, in the same reads whatever the county's size.
 */
export async function assignmentVillages(
  countyCode: string,
  query: { townshipCode?: string; q?: string; hasCounsel?: 'true' | 'false' },
): Promise<AssignmentVillagesReply> {
  if (query.townshipCode) await townshipOfCounty(countyCode, query.townshipCode);
  const [villages, townships, active] = await Promise.all([
    placesOfCounty(countyCode, 'village'),
    placesOfCounty(countyCode, 'township'),
    AssignmentModel.find({ countyCode, endedAt: null }, { counselId: 1, villageCode: 1, startedAt: 1 }).lean(),
  ]);
  const counsel = await usersInCounties(active.map((a) => ({ id: a.counselId, countyCode })));
  const townshipNames = new Map(townships.map((t) => [t.code, t.name]));
  const serving = new Map<string, AssignmentVillagesReply['items'][number]['counsel']>();
  for (const a of [...active].sort((x, y) => x.startedAt.getTime() - y.startedAt.getTime()))
    serving.set(a.villageCode, [
      ...(serving.get(a.villageCode) ?? []),
      {
        id: String(a.counselId),
        name: counsel.get(String(a.counselId))?.name ?? '',
        assignmentId: String(a._id),
        startedAt: a.startedAt.toISOString(),
      },
    ]);
  const items = villages
    .map((v) => {
      const townshipCode = v.townshipCode ?? v.code.slice(0, 9);
      return {
        code: v.code,
        name: v.name,
        townshipCode,
        townshipName: townshipNames.get(townshipCode) ?? '',
        counsel: serving.get(v.code) ?? [],
      };
    })
    .filter(
      (v) =>
        (!query.townshipCode || v.townshipCode === query.townshipCode) &&
        nameHas(v.name, query.q) &&
        (!query.hasCounsel || v.counsel.length > 0 === (query.hasCounsel === 'true')),
    );
  return { items, total: items.length };
}

export async function noticeBoard(villageCode: string): Promise<NoticeBoard> {
  const village = await villageSummary(villageCode);
  const active = await AssignmentModel.find({ villageCode, endedAt: null }).sort({ startedAt: 1 }).lean();
  const [byId, policy] = await Promise.all([
    usersInCounties(active.map((a) => ({ id: a.counselId, countyCode: a.countyCode }))),
    countyPolicy(village.countyCode),
  ]);
  const cards: CounselCard[] = active.flatMap((a) => {
    const c = byId.get(String(a.counselId));
    if (!c) return [];
    const profile = c.counselProfile;
    return [
      {
        id: String(c._id),
        name: c.name,
        photoUrl: profile?.photoUrl ?? null,
        title: profile?.title ?? '律师',
        organization: profile?.organization ?? '',
        certificateNumber: profile?.certificateNumber ?? '',
        phoneMasked: maskPhone(c.phone) ?? '未登记',
        duties: profile?.duties?.length ? profile.duties : DEFAULT_DUTIES,
        specialties: profile?.specialties ?? [],
        // this village's hours, else the county's own target (R2), not the national default
        onSiteHours: boardHours(profile, villageCode, policy.minOnSiteHoursPerMonth),
      },
    ];
  });
  return {
    village: { code: village.code, name: village.name, townshipName: village.townshipName, countyName: village.countyName },
    counsel: cards,
    services: { basic: [...BASIC_SERVICES], extended: [...EXTENDED_SERVICES] },
    procedures: policy.procedures,
    supervisionPhone: policy.supervisionPhone,
    supervisionText: policy.supervisionText,
    hotline: '12348',
    inviteCode: await ensureInviteCode(village.code),
  };
}

/** The full number, for the tap-to-call button; only for a counsel serving this village, and logged. */
export async function counselContact(villageCode: string, counselId: string, viewerId: string): Promise<{ phone: string }> {
  const serving = await AssignmentModel.findOne({ villageCode, counselId, endedAt: null }).lean();
  if (!serving) throw new AppError('COUNSEL_NOT_IN_VILLAGE');
  const counsel = await userById(counselId);
  if (!counsel?.phone) throw new AppError('PHONE_NOT_AVAILABLE');
  await ContactRevealModel.create({ userId: new Types.ObjectId(viewerId), counselId: counsel._id, villageCode });
  return { phone: counsel.phone };
}
