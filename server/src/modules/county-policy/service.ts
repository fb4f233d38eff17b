import { Types } from 'mongoose';
import type { CountyPolicy, CountyPolicyChange, UpdateCountyPolicyBody } from '@vc/types';
import { AppError } from '../../shared/errors';
import { placeByCode } from '../places/lookup';
import { usersInCounties } from '../users/queries';
import { CountyPolicyModel, PolicyChangeModel } from './model';
import {
  DEFAULT_CONSULTATION_LIMITS,
  DEFAULT_MAX_VILLAGES_PER_COUNSEL,
  DEFAULT_SERVICE_TARGETS,
  DEFAULT_PROCEDURES,
  DEFAULT_SUPERVISION_PHONE,
  DEFAULT_SUPERVISION_TEXT,
} from './defaults';

type StoredPolicy = { [K in Exclude<keyof CountyPolicy, 'countyCode'>]?: CountyPolicy[K] | null };

/** A county's policy: what it stored, and the defaults (docs/domain.md: the stricter value) for the rest. */
function policyOf(countyCode: string, stored: StoredPolicy | null): CountyPolicy {
  return {
    countyCode,
    maxVillagesPerCounsel: stored?.maxVillagesPerCounsel ?? DEFAULT_MAX_VILLAGES_PER_COUNSEL,
    supervisionPhone: stored?.supervisionPhone ?? DEFAULT_SUPERVISION_PHONE,
    minOnSiteHoursPerMonth: stored?.minOnSiteHoursPerMonth ?? DEFAULT_SERVICE_TARGETS.minOnSiteHoursPerMonth,
    minLecturesPerQuarter: stored?.minLecturesPerQuarter ?? DEFAULT_SERVICE_TARGETS.minLecturesPerQuarter,
    minHoursPerYear: stored?.minHoursPerYear ?? DEFAULT_SERVICE_TARGETS.minHoursPerYear,
    firstResponseHours: stored?.firstResponseHours ?? DEFAULT_CONSULTATION_LIMITS.firstResponseHours,
    closureDays: stored?.closureDays ?? DEFAULT_CONSULTATION_LIMITS.closureDays,
    // off unless the county turns it on: most counties bind villagers without a cadre's check
    confirmResidents: stored?.confirmResidents ?? false,
    procedures: stored?.procedures?.length ? stored.procedures : [...DEFAULT_PROCEDURES],
    supervisionText: stored?.supervisionText ?? DEFAULT_SUPERVISION_TEXT,
  };
}

export async function countyPolicy(countyCode: string): Promise<CountyPolicy> {
  return policyOf(countyCode, await CountyPolicyModel.findOne({ countyCode }).lean<StoredPolicy>());
}

/**
 * The policies of these counties of one province, in one query (`provinceCode` equality, indexed),
 * so a province report reads one document per county that stored a policy, not one query per county.
 */
export async function countyPoliciesOfProvince(
  provinceCode: string,
  countyCodes: readonly string[],
): Promise<Map<string, CountyPolicy>> {
  const stored = await CountyPolicyModel.find({ provinceCode }).lean<(StoredPolicy & { countyCode: string })[]>();
  const byCounty = new Map(stored.map((p) => [p.countyCode, p]));
  return new Map(countyCodes.map((code) => [code, policyOf(code, byCounty.get(code) ?? null)]));
}

/**
 * Changes a county's policy and records the change. `screen` refuses text that may not be shown on
 * the notice boards (the procedures and supervision text pass WeChat's content check first).
 */
export async function updateCountyPolicy(
  countyCode: string,
  body: UpdateCountyPolicyBody,
  by: string,
  screen?: (text: string) => Promise<void>,
): Promise<CountyPolicy> {
  const county = await placeByCode(countyCode);
  if (county?.level !== 'county') throw new AppError('PLACE_NOT_FOUND');
  const current = await countyPolicy(countyCode);
  // only new text is checked: a save of the figures does not wait on WeChat for text already shown
  const proceduresChanged = body.procedures && body.procedures.join('\n') !== current.procedures.join('\n');
  const textChanged = body.supervisionText !== undefined && body.supervisionText !== current.supervisionText;
  const boardText = [...(proceduresChanged ? body.procedures! : []), textChanged ? body.supervisionText! : ''].join('\n').trim();
  if (boardText && screen) await screen(boardText);
  const next = { ...current, ...body };
  await PolicyChangeModel.create({ countyCode, changes: body, by: new Types.ObjectId(by) });
  await CountyPolicyModel.updateOne(
    { countyCode },
    {
      $set: {
        provinceCode: countyCode.slice(0, 2),
        maxVillagesPerCounsel: next.maxVillagesPerCounsel,
        supervisionPhone: next.supervisionPhone,
        minOnSiteHoursPerMonth: next.minOnSiteHoursPerMonth,
        minLecturesPerQuarter: next.minLecturesPerQuarter,
        minHoursPerYear: next.minHoursPerYear,
        firstResponseHours: next.firstResponseHours,
        closureDays: next.closureDays,
        confirmResidents: next.confirmResidents,
        procedures: next.procedures,
        supervisionText: next.supervisionText,
        updatedAt: new Date(),
        updatedBy: new Types.ObjectId(by),
      },
    },
    { upsert: true },
  );
  return next;
}

const HISTORY_LIMIT = 50;

/**
 * The latest changes of a county's policy, newest first: an assessment may depend on the setting
 * in force when the work was done. Who changed it is named (county staff of this county: one query).
 */
export async function policyHistory(countyCode: string): Promise<CountyPolicyChange[]> {
  const changes = await PolicyChangeModel.find({ countyCode }).sort({ at: -1 }).limit(HISTORY_LIMIT).lean();
  const people = await usersInCounties(changes.map((c) => ({ id: c.by, countyCode })));
  return changes.map((c) => ({
    at: c.at.toISOString(),
    byName: people.get(String(c.by))?.name ?? '',
    changes: c.changes as UpdateCountyPolicyBody,
  }));
}
