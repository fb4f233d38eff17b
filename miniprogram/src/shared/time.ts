/**
 * Dates and times as people here read them: Beijing time (Asia/Shanghai, UTC+8 all year, no DST),
 * whatever the phone's own time zone. Instants travel as ISO strings; pickers hold Beijing wall time.
 */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export interface BeijingParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Calendar fields of an instant in Beijing time. */
export function beijingParts(at: Date = new Date()): BeijingParts {
  const d = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** The instant of an ISO string, or null when it is not one. */
function partsOf(iso: string): BeijingParts | null {
  const t = Date.parse(iso);
  return isNaN(t) ? null : beijingParts(new Date(t));
}

/** "YYYY-MM" (a month picker value, a reporting month). */
export function beijingMonth(at: Date = new Date()): string {
  const p = beijingParts(at);
  return `${p.year}-${pad(p.month)}`;
}

/** "YYYY-MM-DD" (a date picker value). */
export function beijingDate(at: Date = new Date()): string {
  const p = beijingParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "HH:mm" (a time picker value). */
export function beijingTime(at: Date = new Date()): string {
  const p = beijingParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Date + time picked on the phone (Beijing wall clock) → ISO with +08:00, e.g. 2026-11-03T09:00:00+08:00. */
export function isoFromPicker(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/**
 * An ISO instant from the server for display:
 * - 'full'  "YYYY-MM-DD HH:mm" (ledger entries)
 * - 'short' "MM-DD HH:mm" (consultation deadlines and steps)
 * - 'time'  "HH:mm"
 * - 'chat'  "HH:mm" today, else "MM-DD HH:mm" (messages, moderation records)
 * Text that is not an instant is returned as it is ('' for nothing).
 */
export function formatBeijing(
  iso: string | null | undefined,
  style: 'full' | 'short' | 'time' | 'chat',
  now: Date = new Date(),
): string {
  if (!iso) return '';
  const p = partsOf(iso);
  if (!p) return style === 'chat' ? '' : iso;
  const time = `${pad(p.hour)}:${pad(p.minute)}`;
  const monthDay = `${pad(p.month)}-${pad(p.day)}`;
  switch (style) {
    case 'full':
      return `${p.year}-${monthDay} ${time}`;
    case 'short':
      return `${monthDay} ${time}`;
    case 'time':
      return time;
    case 'chat': {
      const today = beijingParts(now);
      return p.year === today.year && p.month === today.month && p.day === today.day ? time : `${monthDay} ${time}`;
    }
  }
}
