import type { LedgerKind, LedgerMode, LedgerStatus } from '@vc/types';

/**
 * Same wording as LEDGER_KIND_LABELS in @vc/types (types/src/ledger.ts); copied, not imported at
 * run time, because that module pulls in zod.
 */
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  on_site_duty: '驻村值班',
  consultation: '法律咨询',
  lecture: '法治讲座',
  mediation: '参与调解',
  document_drafting: '起草审核法律文书',
  village_rules_review: '村规民约审查',
  legal_opinion: '重大决策法律意见',
  home_visit: '入户走访',
};
export const LEDGER_KIND_LIST = Object.keys(LEDGER_KIND_LABELS) as LedgerKind[];

export const LEDGER_MODE_LABELS: Record<LedgerMode, string> = { on_site: '现场', remote: '远程' };

export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
};

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
