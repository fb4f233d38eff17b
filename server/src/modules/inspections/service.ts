/**
 * The monthly inspection of village groups (抽查, issue 16 item 6): the county's draw (made on the
 * month's first read, stored, never changed), the drawn groups with the month's facts from the
 * groups and reports modules, one record per drawn group, and the coverage.
 *
 * Every read is a fixed number of queries per county, each by indexed equalities (FerretDB pushes
 * down nothing else), whatever the number of groups drawn: tests/server/inspections.test.ts counts them.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { placeStaff, ROLE_LABELS, type Inspection, type InspectionListReply, type RecordInspectionBody } from '@vc/types';
import type { InspectionCoverageReply } from '@vc/types';
import { AppError } from '../../shared/errors';
import { monthOf } from '../../shared/periods';
import type { Principal } from '../../shared/principal';
import { covers, holdsAt } from '../../shared/scope';
import { ONE_BATCH } from '../../store/batch';
import { createOnce, isDuplicateKey } from '../../store/duplicates';
import { countyPolicy } from '../county-policy/service';
import { monthFactsOf, villageGroupsOf } from '../groups/queries';
import { placeNamesByCode } from '../places/lookup';
import { groupReportCounts } from '../reports/queries';
import { userById } from '../users/queries';
import {
  InspectionDrawModel,
  InspectionModel,
  InspectionRecordModel,
  type InspectionDoc,
  type InspectionDrawDoc,
  type InspectionRecordDoc,
} from './model';
import { coverage, drawGroups, needsAction } from './policy';

/** The month asked for, or the current Beijing month; a month yet to come has no draw. */
export function monthAsked(month: string | undefined, now = new Date()): string {
  const current = monthOf(now);
  if (!month) return current;
  if (month > current) throw new AppError('INSPECTION_MONTH_FUTURE');
  return month;
}

/**
 * The county's draw for the month: the stored one, or a new one. Two first reads at once both
 * draw (each with its own random seed); the unique index lets one insert through and both answer
 * that one (store/duplicates.ts).
 */
async function drawOf(countyCode: string, month: string): Promise<InspectionDrawDoc> {
  const stored = await InspectionDrawModel.findOne({ countyCode, month }).lean<InspectionDrawDoc>();
  if (stored) return stored;
  const [groups, policy] = await Promise.all([villageGroupsOf(countyCode), countyPolicy(countyCode)]);
  const seed = randomBytes(16).toString('hex');
  // a county whose places are not imported yet has nothing to draw: nothing is stored, so the
  // month is drawn once they are
  if (!groups.length)
    return {
      _id: new Types.ObjectId(),
      countyCode,
      month,
      seed,
      sharePercent: policy.inspectionSharePercent,
      villageGroups: 0,
      groupCodes: [],
      drawnAt: new Date(),
    };
  const codes = drawGroups(
    groups.map((g) => g.groupCode),
    policy.inspectionSharePercent,
    seed,
  );
  const { doc } = await createOnce(
    async () =>
      (
        await InspectionDrawModel.create({
          countyCode,
          month,
          seed,
          sharePercent: policy.inspectionSharePercent,
          villageGroups: groups.length,
          groupCodes: codes,
          drawnAt: new Date(),
        })
      ).toObject<InspectionDrawDoc>(),
    () => InspectionDrawModel.findOne({ countyCode, month }).lean<InspectionDrawDoc>(),
  );
  return doc;
}

/** Inserts what is missing; a duplicate key is a group another read wrote first. */
async function insertMissing(docs: Omit<InspectionDoc, '_id'>[]): Promise<void> {
  try {
    await InspectionModel.collection.insertMany(docs, { ordered: false });
  } catch (err) {
    const e = err as { writeErrors?: unknown };
    const writeErrors = Array.isArray(e.writeErrors) ? (e.writeErrors as unknown[]) : [err];
    if (!writeErrors.every(isDuplicateKey)) throw err;
  }
}

/**
 * The drawn groups of the month as stored. They are written after the draw; a read that finds
 * fewer than drawn (the first read still writing, or one cut short) writes the rest.
 */
async function drawnOf(countyCode: string, month: string): Promise<{ draw: InspectionDrawDoc; drawn: InspectionDoc[] }> {
  const draw = await drawOf(countyCode, month);
  let drawn = await InspectionModel.find({ countyCode, month }).batchSize(ONE_BATCH).lean<InspectionDoc[]>();
  if (drawn.length < draw.groupCodes.length) {
    const have = new Set(drawn.map((d) => d.groupCode));
    await insertMissing(
      draw.groupCodes
        .filter((code) => !have.has(code))
        .map((groupCode) => ({ countyCode, month, groupCode, townshipCode: groupCode.slice(0, 9), drawnAt: draw.drawnAt })),
    );
    drawn = await InspectionModel.find({ countyCode, month }).batchSize(ONE_BATCH).lean<InspectionDoc[]>();
  }
  return { draw, drawn: drawn.sort((a, b) => a.groupCode.localeCompare(b.groupCode)) };
}

const recordsOf = async (countyCode: string, month: string) =>
  new Map(
    (await InspectionRecordModel.find({ countyCode, month }).batchSize(ONE_BATCH).lean<InspectionRecordDoc[]>()).map((r) => [
      String(r.inspectionId),
      r,
    ]),
  );

function describeRecord(r: InspectionRecordDoc | undefined): Inspection['record'] {
  if (!r) return null;
  return {
    active: r.active,
    privateDataFound: r.privateDataFound,
    improperContentFound: r.improperContentFound,
    actionTaken: r.actionTaken,
    notes: r.notes,
    byName: r.byName,
    byRole: r.byRole,
    at: r.at.toISOString(),
  };
}

/** The drawn groups with names, the month's facts and records: a fixed number of queries. */
async function describeAll(countyCode: string, month: string, docs: readonly InspectionDoc[]): Promise<Inspection[]> {
  const codes = docs.map((d) => d.groupCode);
  const [names, facts, reports, records] = await Promise.all([
    placeNamesByCode([...codes, ...docs.map((d) => d.townshipCode)]),
    monthFactsOf(countyCode, month, codes),
    groupReportCounts(countyCode, month),
    recordsOf(countyCode, month),
  ]);
  return docs.map((d) => {
    const villageName = names.get(d.groupCode) ?? d.groupCode;
    return {
      id: String(d._id),
      month,
      countyCode,
      groupCode: d.groupCode,
      groupName: `${villageName}工作群`,
      villageName,
      townshipCode: d.townshipCode,
      townshipName: names.get(d.townshipCode) ?? d.townshipCode,
      facts: { ...facts.get(d.groupCode)!, reports: reports.get(d.groupCode) ?? 0 },
      record: describeRecord(records.get(String(d._id))),
    };
  });
}

/**
 * The month's drawn groups: the county's, or (townshipCode) the township's part of the same
 * draw. The draw is the county's either way, so a township's staff reading first draws for all.
 */
export async function list(
  countyCode: string,
  monthQuery: string | undefined,
  townshipCode?: string,
): Promise<InspectionListReply> {
  const month = monthAsked(monthQuery);
  const { draw, drawn } = await drawnOf(countyCode, month);
  const mine = townshipCode ? drawn.filter((d) => d.townshipCode === townshipCode) : drawn;
  return {
    month,
    countyCode,
    sharePercent: draw.sharePercent,
    villageGroups: draw.villageGroups,
    drawn: draw.groupCodes.length,
    drawnAt: draw.drawnAt.toISOString(),
    items: await describeAll(countyCode, month, mine),
  };
}

export async function coverageOf(countyCode: string, monthQuery: string | undefined): Promise<InspectionCoverageReply> {
  const month = monthAsked(monthQuery);
  const { drawn } = await drawnOf(countyCode, month);
  const records = await recordsOf(countyCode, month);
  const figures = coverage(drawn.map((d) => ({ townshipCode: d.townshipCode, record: records.get(String(d._id)) ?? null })));
  const names = await placeNamesByCode(figures.townships.keys());
  return {
    month,
    countyCode,
    total: figures.total,
    townships: [...figures.townships].map(([townshipCode, f]) => ({
      townshipCode,
      townshipName: names.get(townshipCode) ?? townshipCode,
      ...f,
    })),
  };
}

/** The role the recorder acts in, for the record: the nearest office holding the group. */
function actingRole(principal: Principal, groupCode: string): string {
  const grant = principal.grants
    .filter((g) => (placeStaff as readonly string[]).includes(g.role) && covers(g.placeCode, groupCode))
    .sort((a, b) => b.placeCode.length - a.placeCode.length)[0];
  return grant ? ROLE_LABELS[grant.role] : '';
}

/**
 * Records what the inspector found: the group's township staff, or the county's (or an admin).
 * Once: a second record is refused (INSPECTION_ALREADY_RECORDED), also when two arrive at once
 * (the unique index on inspectionId). Checks come before the one write, so a refusal writes nothing.
 */
export async function record(principal: Principal, inspectionId: string, body: RecordInspectionBody): Promise<Inspection> {
  const doc = await InspectionModel.findById(inspectionId).lean<InspectionDoc>();
  if (!doc) throw new AppError('INSPECTION_NOT_FOUND');
  if (!holdsAt(principal.grants, placeStaff, doc.groupCode)) throw new AppError('OUT_OF_JURISDICTION');
  if (await InspectionRecordModel.exists({ inspectionId: doc._id })) throw new AppError('INSPECTION_ALREADY_RECORDED');
  const actionTaken = body.actionTaken?.trim() || null;
  if (needsAction(body, actionTaken)) throw new AppError('INSPECTION_ACTION_REQUIRED');
  const user = await userById(principal.userId);
  try {
    await InspectionRecordModel.create({
      inspectionId: doc._id,
      countyCode: doc.countyCode,
      month: doc.month,
      groupCode: doc.groupCode,
      active: body.active,
      privateDataFound: body.privateDataFound,
      improperContentFound: body.improperContentFound,
      actionTaken,
      notes: body.notes?.trim() || null,
      by: new Types.ObjectId(principal.userId),
      byName: user?.name ?? '',
      byRole: actingRole(principal, doc.groupCode),
      at: new Date(),
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('INSPECTION_ALREADY_RECORDED');
    throw err;
  }
  const [described] = await describeAll(doc.countyCode, doc.month, [doc]);
  return described!;
}
