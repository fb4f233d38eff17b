/**
 * The messages of one work group as a phone holds them (docs/domain.md R6/R7).
 *
 * Messages are numbered 1, 2, 3 … per group with no gaps. The phone polls every 5 s for what came
 * after the last seq it synced, merges by seq (so nothing shows twice and the order is by seq), and
 * applies notices that name an earlier message (targetSeq): that message's text is dropped at once
 * and shown as removed or taken private. The newest messages are cached in storage per person and
 * group, so reopening the chat shows them at once and asks only for what is new.
 */
import type { GroupMessage, GroupSummary } from '@vc/types';
import { call } from '../../shared/api';
import { ApiError, networkError } from '../../shared/http';
import { readObject, writeStored } from '../../shared/storage';
import { formatBeijing } from '../../shared/time';

export const POLL_MS = 5000;
/** messages asked for per request */
const PAGE = 100;
/** at most this many messages are kept in memory (earlier ones load on request) and in the cache */
const MAX_HELD = 1000;
const MAX_CACHED = 100;
/** more new messages than this since the cache: start again from the newest */
const JUMP_AFTER = 2 * PAGE;

// the cache and the outbox are conveniences: storage full or unavailable, the page works from memory
const cacheKey = (userId: string, code: string) => `vc.groupChat.${userId}.${code}`;
const outboxKey = (userId: string, code: string) => `vc.groupOutbox.${userId}.${code}`;

/** A post waiting to be (re)sent: the same key goes with the same text until the server answers. */
export interface Outbox {
  clientKey: string;
  text: string;
}

export function loadOutbox(userId: string, code: string): Outbox | null {
  const o = readObject<Outbox>(outboxKey(userId, code));
  return o && typeof o.clientKey === 'string' && typeof o.text === 'string' ? o : null;
}

export function saveOutbox(userId: string, code: string, outbox: Outbox | null): void {
  writeStored(outboxKey(userId, code), outbox);
}

interface Cached {
  synced: number;
  messages: GroupMessage[];
}

/** The last seq this person has seen in a group (from the cache), for "n 条新消息" on the list. */
export function seenSeq(userId: string, code: string): number {
  return readObject<Cached>(cacheKey(userId, code))?.synced ?? 0;
}

/** What a notice with targetSeq did to its message: the server says so (a notice carries the state). */
function hiddenStateOf(notice: GroupMessage): 'removed' | 'private' {
  return notice.targetState ?? 'removed';
}

/**
 * Merges what the server sent into what is held: one message per seq (the server's copy wins),
 * sorted by seq, the newest MAX_HELD kept; then every notice hides the message it is about.
 * Returns the merged list and the seqs newly hidden by a notice.
 */
export function mergeMessages(held: GroupMessage[], incoming: GroupMessage[]): { messages: GroupMessage[]; hidden: number[] } {
  const bySeq = new Map<number, GroupMessage>();
  for (const m of held) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  const hidden: number[] = [];
  for (const m of bySeq.values()) {
    if (m.kind !== 'notice' || m.targetSeq === null) continue;
    const target = bySeq.get(m.targetSeq);
    if (target && target.kind === 'text' && target.state === 'visible') {
      bySeq.set(target.seq, { ...target, state: hiddenStateOf(m), text: null });
      hidden.push(target.seq);
    }
  }
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-MAX_HELD);
  return { messages, hidden };
}

/** "HH:mm" today, else "MM-DD HH:mm" (Beijing time). */
export const chatTime = (iso: string, now: Date = new Date()): string => formatBeijing(iso, 'chat', now);

export interface ChatSnapshot {
  group: GroupSummary | null;
  messages: GroupMessage[];
  /** true when earlier messages exist that are not held */
  hasOlder: boolean;
}

export interface ChatHandlers {
  /** the messages or the group (standing, counts) changed */
  onChange(snapshot: ChatSnapshot): void;
  /** a poll succeeded (changed or not) */
  onSynced(): void;
  /** a poll failed; `stopped` when polling gave up (not a member, group gone, logged out) */
  onError(error: ApiError, stopped: boolean): void;
}

function sameGroup(a: GroupSummary | null, b: GroupSummary | null): boolean {
  if (!a || !b) return a === b;
  return a.name === b.name && a.standing === b.standing && a.lastSeq === b.lastSeq && a.pendingRequests === b.pendingRequests;
}

const FATAL = new Set(['NOT_A_GROUP_MEMBER', 'GROUP_NOT_FOUND', 'UNAUTHORIZED', 'UNAUTHENTICATED']);

/** One open chat: holds the messages, polls while started, keeps the cache. */
export class GroupChat {
  private messages: GroupMessage[] = [];
  private group: GroupSummary | null = null;
  /** every message up to this seq has been received (the `after` of the next poll) */
  private synced = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private inFlight: Promise<void> | null = null;
  private again = false;

  constructor(
    readonly code: string,
    private readonly userId: string,
    private readonly handlers: ChatHandlers,
  ) {
    const cached = readObject<Cached>(cacheKey(userId, code));
    if (cached && Array.isArray(cached.messages) && typeof cached.synced === 'number') {
      this.messages = cached.messages;
      this.synced = cached.synced;
    }
  }

  snapshot(): ChatSnapshot {
    const first = this.messages[0];
    return { group: this.group, messages: this.messages, hasOlder: !!first && first.seq > 1 };
  }

  /** The seq the next poll asks after. */
  get lastSeq(): number {
    return this.synced;
  }

  /** Polls now and then every 5 s until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.pollNow();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) this.timer = setTimeout(() => void this.pollNow(), POLL_MS);
  }

  /** Polls at once (after posting); a poll under way is followed by one more. */
  pollNow(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.sync()
      .catch((e: unknown) => {
        const err = e instanceof ApiError ? e : networkError();
        const fatal = FATAL.has(err.code) || err.status === 401 || err.status === 404;
        if (fatal) {
          this.stop();
          this.forget();
        }
        this.handlers.onError(err, fatal);
      })
      .finally(() => {
        this.inFlight = null;
        if (this.again && this.running) {
          this.again = false;
          void this.pollNow();
        } else this.schedule();
      });
    return this.inFlight;
  }

  private async sync(): Promise<void> {
    const before = this.group;
    let dirty = false;
    for (let round = 0; round < 5; round++) {
      const after = this.synced;
      const r = await call('groupMessages', { params: { groupCode: this.code }, query: { after, limit: PAGE } });
      this.group = r.group;
      if (r.group.lastSeq < after) {
        // the server holds fewer messages than the cache: the cache is not of this server
        this.messages = [];
        this.synced = 0;
        dirty = true;
        continue;
      }
      if (r.hasMore && r.group.lastSeq - after > JUMP_AFTER) {
        // far behind: show the newest page; earlier ones load on request
        this.messages = [];
        this.synced = Math.max(0, r.group.lastSeq - PAGE);
        dirty = true;
        continue;
      }
      if (r.items.length) {
        this.apply(r.items);
        this.synced = Math.max(this.synced, r.items[r.items.length - 1]!.seq);
        dirty = true;
      }
      if (!r.hasMore) break;
    }
    if (dirty || !sameGroup(before, this.group)) this.changed();
    this.handlers.onSynced();
  }

  private apply(items: GroupMessage[]): void {
    const { messages, hidden } = mergeMessages(this.messages, items);
    this.messages = messages;
    // the notice text says what happened; ask the server for the message itself to be sure
    for (const seq of hidden) void this.refresh(seq);
  }

  private async refresh(seq: number): Promise<void> {
    try {
      const r = await call('groupMessages', { params: { groupCode: this.code }, query: { after: seq - 1, limit: 1 } });
      const m = r.items[0];
      if (m && m.seq === seq) {
        this.messages = mergeMessages(this.messages, [m]).messages;
        this.changed();
      }
    } catch {
      /* the notice already hid it */
    }
  }

  /** A message this phone just posted (shown at once; polling fills any gap before it). */
  addOwn(message: GroupMessage): void {
    this.apply([message]);
    if (message.seq === this.synced + 1) this.synced = message.seq;
    this.changed();
  }

  /** A message hidden by this person's own action (remove, take private). */
  replace(message: GroupMessage): void {
    this.messages = mergeMessages(this.messages, [message]).messages;
    this.changed();
  }

  /** Loads up to 50 messages before the first one held. */
  async loadOlder(): Promise<void> {
    const first = this.messages[0];
    if (!first || first.seq <= 1) return;
    const after = Math.max(0, first.seq - 51);
    const r = await call('groupMessages', {
      params: { groupCode: this.code },
      query: { after, limit: first.seq - 1 - after },
    });
    this.group = r.group;
    this.messages = mergeMessages(r.items, this.messages).messages;
    this.changed();
  }

  private changed(): void {
    writeStored(cacheKey(this.userId, this.code), {
      synced: this.synced,
      messages: this.messages.filter((m) => m.seq <= this.synced).slice(-MAX_CACHED),
    } satisfies Cached);
    this.handlers.onChange(this.snapshot());
  }

  /** Drops the cache (no longer a member: nothing of the group stays on the phone). */
  forget(): void {
    this.messages = [];
    this.synced = 0;
    writeStored(cacheKey(this.userId, this.code), null);
    this.handlers.onChange(this.snapshot());
  }
}
