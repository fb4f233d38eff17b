/** How the ledger capability words and rounds what it shows (times are in shared/time.ts). */
import type { LedgerKind } from '@vc/types';
import { LEDGER_KIND_LABELS } from '@vc/types/src/labels';
import { formatBeijing } from '../../shared/time';
import ledger from '@vc/types/src/i18n/locales/zh-Hans/ledger.json';

// zod-free labels shared with the server (types/src/labels.ts)
export { LEDGER_KIND_LABELS, LEDGER_MODE_LABELS, LEDGER_STATUS_LABELS } from '@vc/types/src/labels';
export const LEDGER_KIND_LIST = Object.keys(LEDGER_KIND_LABELS) as LedgerKind[];

/** Minutes as hours with at most one decimal: 150 → "2.5", 240 → "4". */
export function hours(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10;
  return String(h);
}

/** A compliance rate; the server sends rates as percentages (0–100, one decimal). */
export function pct(rate: number): string {
  return `${Math.round(rate * 10) / 10}%`;
}

/** The words of asOfText: the page passes i18next's t (the person's language). */
export type AsOfWords = (key: 'asOf.monthEnd' | 'asOf.running', values: { date?: string; at?: string }) => string;

/**
 * The Chinese of the resource file, filled in without i18next: this file stays free of the app's
 * runtime (Taro, storage) so node tests can read it; pages pass their t.
 */
const chinese: AsOfWords = (key, values) =>
  ledger.asOf[key === 'asOf.monthEnd' ? 'monthEnd' : 'running'].replace(
    /\{\{(\w+)\}\}/g,
    (_, name: string) => values[name as 'date' | 'at'] ?? '',
  );

/**
 * Up to when a report counts (ComplianceReply.asOf), in words: a past month ends at 24:00 on its
 * last day (the server sends the first instant of the next month), the running month at the moment
 * of the request. '' when there is none to show.
 */
export function asOfText(asOf: string | null | undefined, words: AsOfWords = chinese): string {
  const at = asOf ? Date.parse(asOf) : NaN;
  if (isNaN(at)) return '';
  const endsMonth = at % 60000 === 0 && formatBeijing(asOf, 'full').endsWith('-01 00:00');
  if (endsMonth) return words('asOf.monthEnd', { date: formatBeijing(new Date(at - 1).toISOString(), 'full').slice(0, 10) });
  return words('asOf.running', { at: formatBeijing(asOf, 'full') });
}
