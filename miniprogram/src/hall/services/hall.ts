/**
 * The service hall (issue 16) on the phone: labels, the one-line time limit of a case, how a case's
 * details read, and its photos (multipart upload, binary download with the session, as consult's).
 */
import type { CaseSummary, Session } from '@vc/types';
import { fillPath } from '@vc/types/src/paths';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '@vc/types/src/constants';
import {
  CASE_ACT_LABELS,
  CASE_KIND_LABELS,
  CASE_OUTCOME_LABELS,
  CASE_STATUS_LABELS,
  DISPUTE_KIND_LABELS,
  LEGAL_AID_MATTER_LABELS,
} from '@vc/types/src/labels';
import { photoSourceAt, uploadPhotoTo } from '../../shared/photo-transfer';
import { choosePhotos, type PhotoChoice } from '../../shared/photos';
import { formatBeijing } from '../../shared/time';

export {
  CASE_ACT_LABELS,
  CASE_KIND_LABELS,
  CASE_OUTCOME_LABELS,
  CASE_STATUS_LABELS,
  DISPUTE_KIND_LABELS,
  LEGAL_AID_MATTER_LABELS,
  MAX_PHOTOS,
};

/** What a complaint is about (OpenCaseBody complaint.about). */
export const COMPLAINT_ABOUT_LABELS = { service: '对服务', counsel: '对法律顾问', suggestion: '意见建议' } as const;
export type ComplaintAbout = keyof typeof COMPLAINT_ABOUT_LABELS;

/** The roles that handle cases (caseInbox's access, types/src/cases/routes.ts). */
export const CASE_HANDLER_ROLES = ['counsel', 'mediator', 'township_staff', 'county_staff', 'admin'] as const;

export function handlesCases(session: Session): boolean {
  return session.user.roles.some((g) => (CASE_HANDLER_ROLES as readonly string[]).includes(g.role));
}

/** An ISO instant → "MM-DD HH:mm" Beijing time. */
export const when = (iso: string | null | undefined): string => formatBeijing(iso, 'short');

function span(ms: number): string {
  const hours = Math.floor(ms / 3600000);
  if (hours < 1) return `${Math.max(1, Math.ceil(ms / 60000))} 分钟`;
  if (hours < 48) return `${hours} 小时`;
  return `${Math.floor(hours / 24)} 天`;
}

/**
 * The case's state in one line: its outcome once done, else the time left on its current limit
 * (the first contact's, the applicant's, the booking's), 已超期 when past it.
 */
export function limitText(c: Pick<CaseSummary, 'status' | 'outcome' | 'dueAt' | 'overdue'>, now = Date.now()): string {
  if (c.status === 'done') return c.outcome ? CASE_OUTCOME_LABELS[c.outcome] : CASE_STATUS_LABELS.done;
  if (c.overdue) return '已超期';
  if (!c.dueAt) return '';
  const left = Date.parse(c.dueAt) - now;
  return left > 0 ? `剩余 ${span(left)}` : '已超期';
}

type DetailValue = string | number | boolean | null;

/** The labels of a case's details (Case.details); keys not listed are not shown. */
const DETAIL_LABELS: Record<string, string> = {
  matter: '申请事项',
  disputeKind: '纠纷类型',
  about: '类型',
  counselName: '法律顾问',
  householdSize: '家庭人口',
  monthlyIncome: '家庭月收入',
  incomePerPerson: '人均月收入',
  threshold: '本县标准（人均每月）',
  receivesAssistance: '领取低保、特困供养',
  likely: '自测结果',
  otherPartyName: '对方姓名',
  otherPartyPhone: '对方手机号（仅调解人可见）',
  topic: '预约事由',
  account: '事情经过',
};

const yuan = (v: DetailValue) => `${String(v)}元`;
const FORMAT: Record<string, (v: DetailValue) => string> = {
  matter: (v) => LEGAL_AID_MATTER_LABELS[v as keyof typeof LEGAL_AID_MATTER_LABELS] ?? String(v),
  disputeKind: (v) => DISPUTE_KIND_LABELS[v as keyof typeof DISPUTE_KIND_LABELS] ?? String(v),
  about: (v) => COMPLAINT_ABOUT_LABELS[v as ComplaintAbout] ?? String(v),
  householdSize: (v) => `${String(v)}人`,
  monthlyIncome: yuan,
  incomePerPerson: yuan,
  threshold: yuan,
  receivesAssistance: (v) => (v ? '是' : '否'),
  likely: (v) => (v ? '可能符合经济困难条件' : '可能不符合经济困难条件'),
};

/** The details as lines with Chinese labels, in a fixed order; empty values left out. */
export function detailLines(details: Record<string, DetailValue>): { key: string; label: string; value: string }[] {
  return Object.keys(DETAIL_LABELS)
    .filter((k) => details[k] !== undefined && details[k] !== null && details[k] !== '')
    .map((k) => ({ key: k, label: DETAIL_LABELS[k]!, value: (FORMAT[k] ?? String)(details[k]!) }));
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
