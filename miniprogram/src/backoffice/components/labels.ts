import { CASE_KIND_LABELS } from '@vc/types/src/labels';

/** What a sampled service was (the kind of a call-back item). */
export const CALLBACK_KIND_LABELS: Record<string, string> = { consultation: '法律咨询', ...CASE_KIND_LABELS };

/** A share as a percentage, or 一 when there is nothing to divide by. */
export const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);
