/**
 * Consultations (docs/domain.md R8-R10) on the phone: the ask draft kept in storage with its clientKey,
 * tier and deadline wording shared by the consult pages.
 */
import type { ConsultationSummary, ConsultationTier } from '@vc/types';
import { newClientKey } from '../../shared/clientKey';
import { readObject, writeStored } from '../../shared/storage';
import { formatBeijing } from '../../shared/time';

export { CONSULTATION_STATUS_LABELS, CONSULTATION_STEP_LABELS } from '@vc/types/src/labels';
// the escalation order and the question's limits are the server's (types/src/constants.ts)
export { NEXT_TIER, QUESTION_MAX_LENGTH as QUESTION_MAX, QUESTION_MIN_LENGTH as QUESTION_MIN } from '@vc/types/src/constants';

export const ASK_DRAFT_KEY = 'vc.consultAsk';

/** The tier as people say it: 村 / 乡镇 / 县 */
export const TIER_LABELS: Record<ConsultationTier, string> = { village: '村', township: '乡镇', county: '县' };
/** Who handles a consultation at each tier. */
export const TIER_HANDLERS: Record<ConsultationTier, string> = {
  village: '村法律顾问',
  township: '乡镇司法所',
  county: '县司法局',
};
/** The wording of an escalation step: 提交乡镇 / 提交县级 */
export const ESCALATE_TO_LABELS: Record<ConsultationTier, string> = {
  village: '提交村级',
  township: '提交乡镇',
  county: '提交县级',
};

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
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} 小时`;
  return `${Math.floor(hours / 24)} 天`;
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
  if (c.status === 'closed') return { text: `已于 ${when(c.closedAt)} 办结`, late: c.overdue };
  if (!c.firstResponseAt) {
    const left = Date.parse(c.firstResponseDueAt) - now;
    return left > 0 ? { text: `剩余 ${span(left)}答复`, late: false } : { text: '已超时', late: true };
  }
  const left = Date.parse(c.closeDueAt) - now;
  return left > 0 ? { text: `剩余 ${span(left)}办结`, late: false } : { text: '办结已超时', late: true };
}

/** "待受理" while nobody owns it at its tier, else the handler's name. */
export function handlerText(c: ConsultationSummary): string {
  if (c.status === 'closed') return c.handlerName ? `经办人：${c.handlerName}` : '已办结';
  return c.handlerName ? `经办人：${c.handlerName}` : `待${TIER_HANDLERS[c.tier]}受理`;
}

export const LATE_COLOR = '#d32f2f';
