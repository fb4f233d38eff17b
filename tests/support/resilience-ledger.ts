/**
 * Shared by the resilience tests: a client that resends a request until the server answers it
 * (as the mini-program's outbox does), a plan of valid ledger submissions, and an independent
 * recomputation of the ledger rollups from the stored entries, compared field by field.
 */
import mongoose from 'mongoose';
import { request, type CallOptions, type Reply } from './http';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a resending client saw on the way to its answer. */
export interface Attempts {
  /** the final answer: neither a network failure nor a 503 */
  reply: Reply;
  sent: number;
  networkErrors: number;
  /** 503 answers on the way (their codes and messages, to check they are the documented ones) */
  unavailable: { code: unknown; message: unknown; ms: number }[];
  /** slowest single attempt, network failures included */
  slowestMs: number;
}

/**
 * Sends until the answer is neither a connection failure nor a 503; gives up after `deadlineMs`.
 * Each attempt has its own time limit, so a hanging server shows as an error, not a stuck test.
 */
export async function resend(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions,
  { deadlineMs = 90000, attemptTimeoutMs = 30000 } = {},
): Promise<Attempts> {
  const deadline = Date.now() + deadlineMs;
  const seen: Omit<Attempts, 'reply'> = { sent: 0, networkErrors: 0, unavailable: [], slowestMs: 0 };
  for (let attempt = 0; ; attempt += 1) {
    const started = Date.now();
    seen.sent += 1;
    let reply: Reply | null = null;
    try {
      reply = await withTimeout(request(baseUrl, method, path, options), attemptTimeoutMs);
    } catch (err) {
      if ((err as Error).message === 'attempt timed out')
        throw new Error(`${method} ${path}: no answer in ${attemptTimeoutMs} ms`);
      seen.networkErrors += 1;
    }
    const ms = Date.now() - started;
    seen.slowestMs = Math.max(seen.slowestMs, ms);
    if (reply && reply.status !== 503) return { reply, ...seen };
    if (reply) seen.unavailable.push({ code: reply.body?.error?.code, message: reply.body?.error?.message, ms });
    if (Date.now() > deadline) {
      const last = seen.unavailable.at(-1);
      throw new Error(
        `${method} ${path}: still unanswered after ${deadlineMs} ms (${seen.sent} sent, ${seen.networkErrors} cut off` +
          `${last ? `, last 503 ${String(last.code)} ${String(last.message)}` : ''})`,
      );
    }
    await sleep(Math.min(50 * 2 ** Math.min(attempt, 4), 500) + Math.random() * 50);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('attempt timed out')), ms);
    }),
  ]);
}

/** Runs `work` for each item with at most `concurrency` at a time. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/** A small seeded generator, so a failing plan can be replayed. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3600 * 1000;
const MINUTE = 60 * 1000;
const BEIJING = 8 * HOUR; // no daylight saving in China

/** The Beijing month ('2026-03') of an instant; written here apart from the server's own code. */
export const beijingMonth = (ms: number) => new Date(ms + BEIJING).toISOString().slice(0, 7);
/** The first instant of the Beijing month after the one containing `ms`. */
function nextBeijingMonthStart(ms: number): number {
  const d = new Date(ms + BEIJING);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - BEIJING;
}
/** Minutes of [start, end) in each Beijing month it touches. */
export function minutesPerMonth(start: number, end: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let cursor = start; cursor < end;) {
    const until = Math.min(nextBeijingMonthStart(cursor), end);
    out.set(beijingMonth(cursor), Math.round((until - cursor) / MINUTE));
    cursor = until;
  }
  return out;
}

export interface PlannedEntry {
  clientKey: string;
  villageCode: string;
  kind: string;
  mode: 'on_site' | 'remote';
  startAt: string;
  endAt: string;
  summary: string;
  attendees?: number;
}

const KINDS = ['on_site_duty', 'consultation', 'lecture', 'mediation', 'document_drafting', 'home_visit', 'legal_opinion'];

/**
 * `count` valid submissions for the given villages: whole minutes, 15 min to 10 h, within the
 * last ~75 days, never in the future; every 25th crosses Beijing midnight into a new month.
 */
export function planEntries(prefix: string, villages: readonly string[], count: number, seed: number): PlannedEntry[] {
  const random = seeded(seed);
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!;
    let start: number;
    let minutes: number;
    if (i % 25 === 0) {
      // 22:00 Beijing on the last day of one of the two previous months, four hours
      const monthStart = nextBeijingMonthStart(now - (40 + Math.floor(random() * 25)) * 24 * HOUR);
      start = monthStart - 2 * HOUR;
      minutes = 240;
    } else {
      start = now - Math.floor((1 + random() * 74) * 24 * 60) * MINUTE;
      minutes = 15 + Math.floor(random() * 585);
    }
    return {
      clientKey: `${prefix}-${i}`,
      villageCode: villages[i % villages.length]!,
      kind,
      mode: kind === 'consultation' && i % 2 === 0 ? 'remote' : 'on_site',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + minutes * MINUTE).toISOString(),
      summary: `第 ${i} 次服务：在村委会接待村民咨询，解答土地承包问题`,
      ...(kind === 'lecture' ? { attendees: 10 + (i % 40) } : {}),
    };
  });
}

interface StoredEntry {
  _id: mongoose.Types.ObjectId;
  counselId: mongoose.Types.ObjectId;
  villageCode: string;
  kind: string;
  mode: string;
  startAt: Date;
  endAt: Date;
  status: string;
  correctsEntryId: mongoose.Types.ObjectId | null;
}
const FIELDS = ['onSiteMinutes', 'remoteMinutes', 'lectures', 'mediations', 'entries'] as const;
type Figures = Record<(typeof FIELDS)[number], number>;

/**
 * Recomputes every rollup (counsel × village × Beijing month) from the approved entries, by the
 * documented rules (an entry replaced by an approved correction does not count; minutes split at
 * Beijing midnight; lectures and mediations count in the month they started; remote minutes never
 * count as on-site), and compares each stored rollup with it field by field. Returns the
 * differences (empty when they agree) and how many rollups were compared.
 */
export async function compareRollups(): Promise<{ compared: number; differences: string[] }> {
  const db = mongoose.connection.db!;
  const approved = await db.collection<StoredEntry>('ledger_entries').find({ status: 'approved' }).toArray();
  const corrected = new Set(approved.filter((e) => e.correctsEntryId).map((e) => String(e.correctsEntryId)));
  const expected = new Map<string, Figures>();
  for (const e of approved) {
    if (corrected.has(String(e._id))) continue;
    const shares = minutesPerMonth(e.startAt.getTime(), e.endAt.getTime());
    const firstMonth = beijingMonth(e.startAt.getTime());
    for (const [month, minutes] of shares) {
      if (minutes <= 0) continue;
      const key = `${String(e.counselId)}:${e.villageCode}:${month}`;
      const f = expected.get(key) ?? { onSiteMinutes: 0, remoteMinutes: 0, lectures: 0, mediations: 0, entries: 0 };
      f.entries += 1;
      if (e.mode === 'on_site') f.onSiteMinutes += minutes;
      else f.remoteMinutes += minutes;
      if (e.kind === 'lecture' && month === firstMonth) f.lectures += 1;
      if (e.kind === 'mediation' && month === firstMonth) f.mediations += 1;
      expected.set(key, f);
    }
  }
  const rollups = await db.collection('ledger_rollups').find({}).toArray();
  const stored = new Map(rollups.map((r) => [String(r.key), r]));
  const differences: string[] = [];
  for (const key of new Set([...expected.keys(), ...stored.keys()])) {
    const want = expected.get(key);
    const have = stored.get(key);
    if (!have) {
      differences.push(`${key}: no rollup, expected ${JSON.stringify(want)}`);
      continue;
    }
    for (const field of FIELDS) {
      const w = want?.[field] ?? 0;
      const h = (have[field] as number | undefined) ?? 0;
      if (w !== h) differences.push(`${key}.${field}: rollup ${h}, entries give ${w}`);
    }
  }
  return { compared: stored.size, differences };
}

/** Reviews stored but not on their entry, or entries marked reviewed without a review record. */
export async function halfWrittenReviews(): Promise<string[]> {
  const db = mongoose.connection.db!;
  const reviews = await db.collection('ledger_reviews').find({}).toArray();
  const entries = await db
    .collection<StoredEntry & { review: unknown }>('ledger_entries')
    .find({}, { projection: { status: 1, review: 1 } })
    .toArray();
  const byEntry = new Map(reviews.map((r) => [String(r.entryId), r]));
  const problems: string[] = [];
  for (const e of entries) {
    const review = byEntry.get(String(e._id));
    const want = review ? (review.decision === 'approve' ? 'approved' : 'returned') : 'pending';
    if (e.status !== want) problems.push(`entry ${String(e._id)}: status ${e.status}, review record says ${want}`);
  }
  return problems;
}
