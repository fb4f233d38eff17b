/**
 * The rules of a counsel's profile, pure: what an edit changes (field by field, for the history),
 * which village hours an edit may write, how a change reads in the history, which hours a notice
 * board shows, and which number WeChat's phone button gave. profile.ts applies them.
 */
import type { UpdateCounselProfileBody } from '@vc/types';
import { maskPhone } from '../../shared/mask';

/** The values of a profile an edit can change; `hours` by village code. */
export interface ProfileValues {
  name: string;
  title: string;
  organization: string;
  certificateNumber: string;
  phone: string;
  duties: string[];
  specialties: string[];
  photoUrl: string;
  hours: Record<string, string>;
}

/** One changed field: `onSiteHours:<villageCode>` for one village's hours. */
export interface FieldChange {
  field: string;
  before: string | string[];
  after: string | string[];
}

const HOURS_PREFIX = 'onSiteHours:';
const SCALAR_FIELDS = ['name', 'title', 'organization', 'certificateNumber', 'phone', 'photoUrl'] as const;
const LIST_FIELDS = ['duties', 'specialties'] as const;

export const PROFILE_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  title: '职称或身份',
  organization: '执业机构',
  certificateNumber: '执业证号',
  phone: '联系电话',
  duties: '工作职责',
  specialties: '擅长领域',
  photoUrl: '照片',
};

export type EditRefusal = { refusal: 'PROFILE_VILLAGE_NOT_SERVED'; villageCode: string };

/**
 * The profile after an edit. Hours may be written only for villages the counsel serves now (their
 * other villages' hours, from earlier assignments, are kept as they are); '' clears a village's hours.
 */
export function applyEdit(
  current: ProfileValues,
  body: UpdateCounselProfileBody,
  servedVillageCodes: readonly string[],
): { next: ProfileValues } | EditRefusal {
  const hours = { ...current.hours };
  for (const { villageCode, text } of body.onSiteHours ?? []) {
    if (!servedVillageCodes.includes(villageCode)) return { refusal: 'PROFILE_VILLAGE_NOT_SERVED', villageCode };
    if (text) hours[villageCode] = text;
    else delete hours[villageCode];
  }
  const { onSiteHours: _hours, ...fields } = body;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<ProfileValues>;
  return { next: { ...current, ...defined, hours } };
}

const same = (a: string | string[], b: string | string[]) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ, in a stable order (the form's), each with its value before and after. */
export function profileChanges(before: ProfileValues, after: ProfileValues): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of [...SCALAR_FIELDS, ...LIST_FIELDS]) {
    if (!same(before[field], after[field])) changes.push({ field, before: before[field], after: after[field] });
  }
  const villages = [...new Set([...Object.keys(before.hours), ...Object.keys(after.hours)])].sort();
  for (const code of villages) {
    const was = before.hours[code] ?? '';
    const now = after.hours[code] ?? '';
    if (was !== now) changes.push({ field: `${HOURS_PREFIX}${code}`, before: was, after: now });
  }
  return changes;
}

/** The text of the changes that will be shown in public, for WeChat's content check ('' when none). */
export function publicTextOf(changes: readonly FieldChange[]): string {
  return changes
    .filter((c) => c.field !== 'phone' && c.field !== 'photoUrl' && c.field !== 'certificateNumber')
    .map((c) => (Array.isArray(c.after) ? c.after.join('\n') : c.after))
    .filter(Boolean)
    .join('\n');
}

/** The village a change of hours is about, or null. */
export const hoursVillageOf = (field: string): string | null =>
  field.startsWith(HOURS_PREFIX) ? field.slice(HOURS_PREFIX.length) : null;

/** A field's label for the history; village hours name the village. */
export function fieldLabel(field: string, villageName: (code: string) => string): string {
  const village = hoursVillageOf(field);
  if (village) return `驻村时间（${villageName(village) || village}）`;
  return PROFILE_FIELD_LABELS[field] ?? field;
}

/** A value as stored in the history (text, a list of text, or nothing) as text. */
const textOf = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** A value as the history shows it: lists joined, phone numbers masked, nothing as （空）. */
export function displayValue(field: string, value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.map(textOf).join('；') : '（空）';
  const text = textOf(value);
  if (!text) return '（空）';
  if (field === 'phone') return maskPhone(text) ?? '（空）';
  if (field === 'photoUrl') return '已更换照片';
  return text;
}

/**
 * The on-site hours a village's notice board shows for its counsel: the counsel's hours for this
 * village; else the hours they wrote before hours were kept per village; else the county's target.
 */
export function boardHours(
  profile: { villageHours?: readonly { villageCode: string; text: string }[] | null; onSiteHours?: string | null } | null,
  villageCode: string,
  countyTargetHours: number,
): string {
  const own = profile?.villageHours?.find((h) => h.villageCode === villageCode)?.text;
  if (own) return own;
  if (profile?.onSiteHours) return profile.onSiteHours;
  return `每月驻村服务不少于${countyTargetHours}小时，具体时间见村委会公告`;
}

/**
 * The hours of each village as the form shows them: the village's own, else the hours written
 * before they were kept per village (so a first save keeps them, now per village).
 */
export function formHours(
  profile: { villageHours?: readonly { villageCode: string; text: string }[] | null; onSiteHours?: string | null } | null,
  villageCodes: readonly string[],
): Record<string, string> {
  const own = new Map((profile?.villageHours ?? []).map((h) => [h.villageCode, h.text]));
  const legacy = profile?.onSiteHours ?? '';
  const hours: Record<string, string> = {};
  for (const code of villageCodes) {
    const text = own.get(code) ?? legacy;
    if (text) hours[code] = text;
  }
  return hours;
}

/** The number to keep from WeChat's phone_info: mainland numbers without +86, others with their country code. */
export function phoneFromWechat(info: {
  phoneNumber?: string;
  purePhoneNumber?: string;
  countryCode?: string | number;
}): string | null {
  const pure = (info.purePhoneNumber ?? '').replace(/\D/g, '');
  if (!pure) return null;
  const country = String(info.countryCode ?? '86').replace(/\D/g, '') || '86';
  return country === '86' ? pure : `+${country} ${pure}`;
}
