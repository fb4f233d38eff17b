/**
 * Offline queue of ledger entries (工作台账). An entry is stored here BEFORE it is sent and stays
 * until the server answers 200/201, so a counsel in a village without signal loses nothing.
 * Entries are sent in order, always with the clientKey made once for them, so a resend after a
 * lost reply never records twice (the server answers 200 with the same entry).
 * - network error / 5xx / 401 / 408 / 429: kept, retried later (on network back, on page show);
 * - any other 4xx: the server refused it; dropped and its Chinese message kept for the user.
 */
import Taro from '@tarojs/taro';
import type { LedgerEntry, SubmitLedgerEntryBody } from '@vc/types';
import { call } from '../../shared/api';
import { ApiError, messageOf } from '../../shared/http';
import { getToken } from '../../shared/session';
import { storageFull, readList, writeStored } from '../../shared/storage';
import { t } from '../../shared/i18n';

export const QUEUE_KEY = 'vc.ledgerQueue';
export const DROPPED_KEY = 'vc.ledgerDropped';

export interface QueuedEntry {
  body: SubmitLedgerEntryBody;
  queuedAt: string;
  /** short text to show while waiting, e.g. "驻村值班 · 某某村" */
  label: string;
}

export interface DroppedEntry {
  body: SubmitLedgerEntryBody;
  label: string;
  message: string;
}

export interface FlushResult {
  sent: LedgerEntry[];
  dropped: DroppedEntry[];
  /** true when sending stopped with entries left (no network, server busy, not logged in) */
  stalled: boolean;
  stalledMessage: string | null;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Stores a list and tells the listeners; the queue must be on the phone before anything is sent. */
function writeList<T>(key: string, list: T[]): void {
  if (!writeStored(key, list)) throw new Error(storageFull());
  listeners.forEach((l) => l());
}

export function queued(): QueuedEntry[] {
  return readList<QueuedEntry>(QUEUE_KEY);
}

export function dropped(): DroppedEntry[] {
  return readList<DroppedEntry>(DROPPED_KEY);
}

export function clearDropped(): void {
  writeList(DROPPED_KEY, []);
}

/** Adds an entry (once per clientKey) to the end of the queue. */
export function enqueue(body: SubmitLedgerEntryBody, label: string): void {
  const list = queued();
  if (list.some((q) => q.body.clientKey === body.clientKey)) return;
  list.push({ body, label, queuedAt: new Date().toISOString() });
  writeList(QUEUE_KEY, list);
}

function remove(clientKey: string): void {
  writeList(
    QUEUE_KEY,
    queued().filter((q) => q.body.clientKey !== clientKey),
  );
}

function keepsEntry(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true;
  return e.status === 0 || e.status >= 500 || e.status === 401 || e.status === 408 || e.status === 429;
}

let running: Promise<FlushResult> | null = null;

async function run(): Promise<FlushResult> {
  const result: FlushResult = { sent: [], dropped: [], stalled: false, stalledMessage: null };
  if (!getToken()) {
    const left = queued().length > 0;
    return { ...result, stalled: left, stalledMessage: left ? t('ledger:queue.loginFirst') : null };
  }
  // one at a time, oldest first; re-read storage each round (another page may have added one)
  for (;;) {
    const next = queued()[0];
    if (!next) break;
    try {
      const entry = await call('submitLedgerEntry', { body: next.body });
      remove(next.body.clientKey);
      result.sent.push(entry);
    } catch (e) {
      if (keepsEntry(e)) {
        result.stalled = true;
        result.stalledMessage = messageOf(e);
        break;
      }
      remove(next.body.clientKey);
      const d: DroppedEntry = { body: next.body, label: next.label, message: messageOf(e) };
      writeList(DROPPED_KEY, [...dropped(), d]);
      result.dropped.push(d);
    }
  }
  return result;
}

/** Sends what is queued; concurrent calls share one run. */
export function flush(): Promise<FlushResult> {
  if (!running) {
    running = run().finally(() => {
      running = null;
    });
  }
  return running;
}

/** Subscribes to queue changes (count shown as "待同步 n 条"). */
export function onQueueChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

let watching = false;

/** Flushes now and whenever the network comes back (registered once per app run). */
export function startLedgerSync(): void {
  if (!watching) {
    watching = true;
    try {
      if (typeof Taro.onNetworkStatusChange === 'function') {
        Taro.onNetworkStatusChange((res) => {
          if (res.isConnected && queued().length > 0) void flush();
        });
      }
    } catch {
      /* not available on this platform: page show still syncs */
    }
  }
  if (queued().length > 0) void flush();
}

/** Forgets a refused entry once its message has been shown elsewhere (e.g. on the form). */
export function forgetDropped(clientKey: string): void {
  writeList(
    DROPPED_KEY,
    dropped().filter((d) => d.body.clientKey !== clientKey),
  );
}
