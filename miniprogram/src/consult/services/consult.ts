/**
 * Consultations (docs/domain.md R8-R10) on the phone: the ask draft kept in storage with its clientKey,
 * tier and deadline wording shared by the consult pages.
 */
import type { ConsultationSummary, ConsultationTier } from '@vc/types';
import { newClientKey } from '../../shared/clientKey';
import { readObject, writeStored } from '../../shared/storage';
import { t } from '../../shared/i18n';
import { formatBeijing } from '../../shared/time';

// the escalation order and the question's limits are the server's (types/src/constants.ts)
export { NEXT_TIER, QUESTION_MAX_LENGTH as QUESTION_MAX, QUESTION_MIN_LENGTH as QUESTION_MIN } from '@vc/types/src/constants';

export const ASK_DRAFT_KEY = 'vc.consultAsk';

/** Who handles a consultation at each tier (村法律顾问 / 乡镇司法所 / 县司法局), in the current language. */
export const tierHandler = (tier: ConsultationTier): string => t(`consult:handler.${tier}`);

/**
 * The question being written. `clientKey` is made when it is first sent and kept (with the exact
 * text it was sent with) until the server accepts it, so a resend after a network error is the
 * same request and the server records the question only once.
 */
export interface AskDraft {
  question: string;
  clientKey: string | null;
  /** the text the key was sent with; an edited question gets a new key */
  keyFor: string | null;
  /** photos chosen on the phone; photoId once uploaded, so a resend does not upload again */
  photos?: { path: string; photoId: string | null }[];
}

export function loadAskDraft(): AskDraft | null {
  const v = readObject<Partial<AskDraft>>(ASK_DRAFT_KEY);
  if (!v || typeof v.question !== 'string') return null;
  return {
    question: v.question,
    clientKey: typeof v.clientKey === 'string' ? v.clientKey : null,
    keyFor: typeof v.keyFor === 'string' ? v.keyFor : null,
    photos: Array.isArray(v.photos) ? v.photos.filter((p) => p && typeof p.path === 'string') : [],
  };
}

/** Storage full: the question is still on screen. */
export function saveAskDraft(draft: AskDraft): void {
  writeStored(ASK_DRAFT_KEY, draft);
}

export function clearAskDraft(): void {
  writeStored(ASK_DRAFT_KEY, null);
}

/** The draft to send: the same key for the same text, a new one otherwise (stored before sending). */
export function keyedDraft(draft: AskDraft, question: string): AskDraft & { clientKey: string } {
  if (draft.clientKey && draft.keyFor === question) return { ...draft, question, clientKey: draft.clientKey };
  return { ...draft, question, clientKey: newClientKey('cq'), keyFor: question };
}

/** Query values may arrive URI-encoded (weapp) or decoded (H5). */
export function queryText(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** An ISO instant → "MM-DD HH:mm" Beijing time (deadlines, steps). */
export const when = (iso: string | null | undefined): string => formatBeijing(iso, 'short');

function span(ms: number): string {
  const minutes = Math.ceil(ms / 60000);
  if (minutes < 60) return t('consult:span.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('consult:span.hours', { n: hours });
  return t('consult:span.days', { n: Math.floor(hours / 24) });
}

export interface Deadline {
  text: string;
  late: boolean;
}

/**
 * The deadline that matters now for a handler (限时办结): before the first response the time left
 * to answer ("剩余 5 小时答复" / "已超时"), after it the time left to close.
 */
export function deadlineOf(c: ConsultationSummary, now = Date.now()): Deadline {
  if (c.status === 'closed') return { text: t('consult:due.closedAt', { at: when(c.closedAt) }), late: c.overdue };
  if (!c.firstResponseAt) {
    const left = Date.parse(c.firstResponseDueAt) - now;
    return left > 0
      ? { text: t('consult:due.answerLeft', { span: span(left) }), late: false }
      : { text: t('consult:due.answerLate'), late: true };
  }
  const left = Date.parse(c.closeDueAt) - now;
  return left > 0
    ? { text: t('consult:due.closeLeft', { span: span(left) }), late: false }
    : { text: t('consult:due.closeLate'), late: true };
}

/** "待受理" while nobody owns it at its tier, else the handler's name. */
export function handlerText(c: ConsultationSummary): string {
  if (c.handlerName) return t('consult:handlerName', { name: c.handlerName });
  return c.status === 'closed' ? t('consult:closed') : t(`consult:awaiting.${c.tier}`);
}

export const LATE_COLOR = '#d32f2f';
