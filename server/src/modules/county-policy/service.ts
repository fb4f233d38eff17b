import { Types } from 'mongoose';
import { LEGAL_AID_MATTERS } from '@vc/types';
import type { CountyPolicy, CountyPolicyChange, CountyPolicyReply, OverLimitCounsel, UpdateCountyPolicyBody } from '@vc/types';
import { AppError } from '../../shared/errors';
import { activeAssignmentsIn } from '../counsel/queries';
import { placeByCode } from '../places/lookup';
import { usersInCounties } from '../users/queries';
import { CountyPolicyModel, PolicyChangeModel } from './model';
import { counselOverLimit, needsOverLimitAcknowledgement, overLimitLine, overLimitMessage } from './policy';
import {
  DEFAULT_CONSULTATION_LIMITS,
  DEFAULT_MAX_VILLAGES_PER_COUNSEL,
  DEFAULT_SERVICE_TARGETS,
  DEFAULT_PROCEDURES,
  DEFAULT_SUPERVISION_PHONE,
  DEFAULT_SUPERVISION_TEXT,
  DEFAULT_SERVICE_HALL,
  DEFAULT_ROSTER,
} from './defaults';

/** The figures stored as null until the county sets them, each with its default. */
const DEFAULT_FIGURES = { ...DEFAULT_SERVICE_HALL, ...DEFAULT_ROSTER };

type StoredPolicy = { [K in Exclude<keyof CountyPolicy, 'countyCode'>]?: CountyPolicy[K] | null };

/** The service hall's settings: what the county stored, the defaults for the rest. */
function serviceHallOf(stored: StoredPolicy | null) {
  const figures = Object.fromEntries(
    Object.entries(DEFAULT_FIGURES).map(([key, fallback]) => [key, stored?.[key as keyof typeof DEFAULT_FIGURES] ?? fallback]),
  ) as { -readonly [K in keyof typeof DEFAULT_FIGURES]: number };
  return { ...figures, legalAidMatters: stored?.legalAidMatters?.length ? stored.legalAidMatters : [...LEGAL_AID_MATTERS] };
}

/** Every language is offered until the county switches one off. */
function languagesOffOf(stored: StoredPolicy | null): CountyPolicy['languagesOff'] {
  return stored?.languagesOff ?? [];
}

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
    ...serviceHallOf(stored),
    languagesOff: languagesOffOf(stored),
  };
}

export async function countyPolicy(countyCode: string): Promise<CountyPolicy> {
  return policyOf(countyCode, await CountyPolicyModel.findOne({ countyCode }).lean<StoredPolicy>());
}

/**
 * The county's counsel serving more villages than `limit`, named, most villages first: one query
 * for the county's active assignments, and one for the names only when someone is over.
 */
async function overLimitIn(countyCode: string, limit: number): Promise<OverLimitCounsel[]> {
  const active = await activeAssignmentsIn(countyCode);
  const over = counselOverLimit(
    active.map((a) => String(a.counselId)),
    limit,
  );
  if (!over.length) return [];
  const people = await usersInCounties(over.map((o) => ({ id: o.counselId, countyCode })));
  return over.map((o) => ({ ...o, name: people.get(o.counselId)?.name ?? '' }));
}

/** The policy as its routes return it: with the counsel now over its villages-per-counsel limit. */
export async function countyPolicyReply(countyCode: string): Promise<CountyPolicyReply> {
  const policy = await countyPolicy(countyCode);
  return { ...policy, overLimitCounsel: await overLimitIn(countyCode, policy.maxVillagesPerCounsel) };
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
 * Lowering the villages-per-counsel limit below what some counsel serve now is refused unless
 * `acknowledgeOverLimit` (./policy.ts); their assignments stay, and the change records whom it left over.
 */
export async function updateCountyPolicy(
  countyCode: string,
  body: UpdateCountyPolicyBody,
  by: string,
  screen?: (text: string) => Promise<void>,
): Promise<CountyPolicyReply> {
  const county = await placeByCode(countyCode);
  if (county?.level !== 'county') throw new AppError('PLACE_NOT_FOUND');
  const { acknowledgeOverLimit = false, ...settings } = body;
  const current = await countyPolicy(countyCode);
  const next: CountyPolicy = { ...current, ...settings };
  // before the content check: a refusal here should not wait on WeChat
  const over = await overLimitIn(countyCode, next.maxVillagesPerCounsel);
  const lowered = next.maxVillagesPerCounsel < current.maxVillagesPerCounsel;
  if (
    needsOverLimitAcknowledgement({
      currentLimit: current.maxVillagesPerCounsel,
      nextLimit: next.maxVillagesPerCounsel,
      over,
      acknowledged: acknowledgeOverLimit,
    })
  ) {
    throw new AppError(
      'COUNSEL_OVER_NEW_LIMIT',
      overLimitMessage(over.length, next.maxVillagesPerCounsel),
      over.map((o) => ({ path: o.counselId, message: overLimitLine(o.name, o) })),
    );
  }
  // only new text is checked: a save of the figures does not wait on WeChat for text already shown
  const proceduresChanged = settings.procedures && settings.procedures.join('\n') !== current.procedures.join('\n');
  const textChanged = settings.supervisionText !== undefined && settings.supervisionText !== current.supervisionText;
  const boardText = [...(proceduresChanged ? settings.procedures! : []), textChanged ? settings.supervisionText! : '']
    .join('\n')
    .trim();
  if (boardText && screen) await screen(boardText);
  await PolicyChangeModel.create({
    countyCode,
    changes: settings,
    // whom the editor knowingly left over the lowered limit, as they stood then
    acknowledgedOverLimit: lowered ? over : [],
    by: new Types.ObjectId(by),
  });
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
        ...Object.fromEntries(Object.keys(DEFAULT_FIGURES).map((key) => [key, next[key as keyof typeof DEFAULT_FIGURES]])),
        legalAidMatters: next.legalAidMatters,
        languagesOff: next.languagesOff,
        updatedAt: new Date(),
        updatedBy: new Types.ObjectId(by),
      },
    },
    { upsert: true },
  );
  return { ...next, overLimitCounsel: over };
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
    // an empty change (a save with nothing in it) is stored without the field: mongoose drops empty objects
    changes: (c.changes ?? {}) as UpdateCountyPolicyBody,
    acknowledgedOverLimit: (c.acknowledgedOverLimit ?? []).map(({ counselId, name, villagesServed, limit }) => ({
      counselId,
      name: name ?? '',
      villagesServed,
      limit,
    })),
  }));
}
