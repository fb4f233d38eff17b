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

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Calendar fields of an instant in Asia/Shanghai (UTC+8 all year, no DST). */
export function shanghaiParts(at: Date = new Date()) {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** "YYYY-MM" of an instant in Asia/Shanghai. */
export function shanghaiMonth(at: Date = new Date()): string {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}`;
}

/** "YYYY-MM-DD" (date picker value) in Asia/Shanghai. */
export function shanghaiDate(at: Date = new Date()): string {
  const p = shanghaiParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "HH:mm" (time picker value) in Asia/Shanghai. */
export function shanghaiTime(at: Date = new Date()): string {
  const p = shanghaiParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Date + time picked on the phone (Shanghai wall clock) → ISO with +08:00, e.g. 2026-11-03T09:00:00+08:00. */
export function isoFromPicker(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** An ISO instant from the server → "MM-DD HH:mm" in Asia/Shanghai. */
export function shortDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (isNaN(t)) return iso;
  const p = shanghaiParts(new Date(t));
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "HH:mm" of an ISO instant in Asia/Shanghai. */
export function shortTime(iso: string): string {
  const t = Date.parse(iso);
  return isNaN(t) ? iso : shanghaiTime(new Date(t));
}

/** The month before "YYYY-MM". */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** A random key the server uses to record an entry only once (matches /^[A-Za-z0-9_-]{8,64}$/). */
export function newClientKey(): string {
  let r = '';
  for (let i = 0; i < 3; i++) r += Math.floor(Math.random() * 0x100000000).toString(36);
  return `lg-${Date.now().toString(36)}-${r}`;
}
