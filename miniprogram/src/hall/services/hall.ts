/**
 * The service hall (issue 16) on the phone: labels, the one-line time limit of a case, how a case's
 * details read, and its photos (multipart upload, binary download with the session, as consult's).
 */
import type { CaseKind, CaseSummary, DisputeKind, LegalAidMatter, Session } from '@vc/types';
import { fillPath } from '@vc/types/src/paths';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '@vc/types/src/constants';
import { CASE_KIND_LABELS, DISPUTE_KIND_LABELS } from '@vc/types/src/labels';
import { t } from '../../shared/i18n';
import { photoSourceAt, uploadPhotoTo } from '../../shared/photo-transfer';
import { choosePhotos, type PhotoChoice } from '../../shared/photos';
import { formatBeijing } from '../../shared/time';

export { MAX_PHOTOS };

// the enums' values, from the labels' keys rather than the zod enums: no zod in the bundle
export const CASE_KINDS = Object.keys(CASE_KIND_LABELS) as CaseKind[];
export const DISPUTE_KINDS = Object.keys(DISPUTE_KIND_LABELS) as DisputeKind[];

/** What a complaint is about (OpenCaseBody complaint.about). */
export const COMPLAINT_ABOUTS = ['service', 'counsel', 'suggestion'] as const;
export type ComplaintAbout = (typeof COMPLAINT_ABOUTS)[number];
const isComplaintAbout = (v: unknown): v is ComplaintAbout => (COMPLAINT_ABOUTS as readonly unknown[]).includes(v);
const isDisputeKind = (v: unknown): v is DisputeKind => (DISPUTE_KINDS as readonly unknown[]).includes(v);

/** The roles that handle cases (caseInbox's access, types/src/cases/routes.ts). */
export const CASE_HANDLER_ROLES = ['counsel', 'mediator', 'township_staff', 'county_staff', 'admin'] as const;

export function handlesCases(session: Session): boolean {
  return session.user.roles.some((g) => (CASE_HANDLER_ROLES as readonly string[]).includes(g.role));
}

/** An ISO instant → "MM-DD HH:mm" Beijing time. */
export const when = (iso: string | null | undefined): string => formatBeijing(iso, 'short');

function span(ms: number): string {
  const hours = Math.floor(ms / 3600000);
  if (hours < 1) return t('hall:limit.minutes', { n: Math.max(1, Math.ceil(ms / 60000)) });
  if (hours < 48) return t('hall:limit.hours', { n: hours });
  return t('hall:limit.days', { n: Math.floor(hours / 24) });
}

/**
 * The case's state in one line: its outcome once done, else the time left on its current limit
 * (the first contact's, the applicant's, the booking's), 已超期 when past it.
 */
export function limitText(c: Pick<CaseSummary, 'status' | 'outcome' | 'dueAt' | 'overdue'>, now = Date.now()): string {
  if (c.status === 'done') return c.outcome ? t(`labels:caseOutcome.${c.outcome}`) : t('labels:caseStatus.done');
  if (c.overdue) return t('hall:limit.overdue');
  if (!c.dueAt) return '';
  const left = Date.parse(c.dueAt) - now;
  return left > 0 ? t('hall:limit.left', { span: span(left) }) : t('hall:limit.overdue');
}

type DetailValue = string | number | boolean | null;

/** The details a case shows (Case.details), in this order, each labelled from hall.json's detail; others are not shown. */
const DETAIL_KEYS = [
  'matter',
  'disputeKind',
  'about',
  'counselName',
  'householdSize',
  'monthlyIncome',
  'incomePerPerson',
  'threshold',
  'receivesAssistance',
  'likely',
  'otherPartyName',
  'otherPartyPhone',
  'topic',
  'account',
] as const;
type DetailKey = (typeof DETAIL_KEYS)[number];

const yuan = (v: DetailValue) => t('hall:detail.yuan', { v: String(v) });
const FORMAT: Partial<Record<DetailKey, (v: DetailValue) => string>> = {
  matter: (v) => t(`labels:legalAidMatter.${v as LegalAidMatter}`, { defaultValue: String(v) }),
  disputeKind: (v) => (isDisputeKind(v) ? t(`labels:disputeKind.${v}`) : String(v)),
  about: (v) => (isComplaintAbout(v) ? t(`hall:complaintAbout.${v}`) : String(v)),
  householdSize: (v) => t('hall:detail.persons', { v: String(v) }),
  monthlyIncome: yuan,
  incomePerPerson: yuan,
  threshold: yuan,
  receivesAssistance: (v) => (v ? t('hall:yes') : t('hall:no')),
  likely: (v) => (v ? t('hall:detail.likelyYes') : t('hall:detail.likelyNo')),
};

/** The details as labelled lines in the person's language, in a fixed order; empty values left out. */
export function detailLines(details: Record<string, DetailValue>): { key: string; label: string; value: string }[] {
  return DETAIL_KEYS.filter((k) => details[k] !== undefined && details[k] !== null && details[k] !== '').map((k) => ({
    key: k,
    label: t(`hall:detail.${k}`),
    value: (FORMAT[k] ?? String)(details[k]!),
  }));
}

/** The next weekday (Mon–Fri) after today, "YYYY-MM-DD" in Beijing time: a booking's default day. */
export function nextWeekday(now = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3600000);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

/** A day some days from today, "YYYY-MM-DD" Beijing time (a due date's default). */
export function daysFromToday(days: number, now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600000 + days * 86400000).toISOString().slice(0, 10);
}

// ---- photos ----

/** Up to `count` photos of documents, compressed on the phone, each within the server's 2 MB. */
export const chooseCasePhotos = (count: number): Promise<PhotoChoice> => choosePhotos(count, MAX_PHOTO_BYTES);

/** Uploads one local photo; resolves with its id for openCase's or supply's photoIds. */
export const uploadCasePhoto = (filePath: string): Promise<string> => uploadPhotoTo(VC_ROUTES.uploadCasePhoto.path, filePath);

/** Uploads each path in turn (a slow connection: one at a time). */
export async function uploadCasePhotos(paths: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of paths) ids.push(await uploadCasePhoto(p));
  return ids;
}

/** A displayable local source for a case photo (a temp file in weapp, a blob URL in H5). */
export const casePhotoSource = (caseId: string, photoId: string): Promise<string> =>
  photoSourceAt(fillPath(VC_ROUTES.casePhoto.path, { caseId, photoId }));
