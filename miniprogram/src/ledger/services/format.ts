/** How the ledger capability words and rounds what it shows (times are in shared/time.ts). */
import type { LedgerKind } from '@vc/types';
import { LEDGER_KIND_LABELS } from '@vc/types/src/labels';

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
