/**
 * Append with a per-parent sequence: documents numbered 1, 2, 3 … per parent (a group's messages),
 * with no gap and no repeat, whichever server process writes them.
 *
 * The unique (parent, seq) index of the caller's collection decides every race: a writer tries
 * last + 1; a duplicate key means another writer took it, so it looks for the new last and tries
 * again. Writers in one process take turns per parent (so they do not collide with each other).
 *
 * The last number is found without a sort (FerretDB sorts in Go after reading every document of the
 * parent): from a hint — this process's, or the parent's head document — by exact `seq` probes,
 * doubling the step and then halving it, so a process that has been away for 1,000 posts needs
 * about 20 index lookups and a process that wrote the last post needs one.
 *
 * The head documents (collection `sequence_heads`) are only hints: their `last` is never ahead of
 * the truth (only numbers that exist are written) but a concurrent `$max` may be lost on FerretDB,
 * so it can trail by the posts of the last instant. Lists read them in one query per scope.
 *
 * Plain MongoDB equivalent: a counter document, `findOneAndUpdate({ _id: parent },
 * { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })`, which is atomic there and not
 * on FerretDB 1.24 (50 concurrent `$inc` ended at 2–15; docs/toolchain.md).
 */
import { Mutex } from 'async-mutex';
import { Schema, model } from 'mongoose';
import { isDuplicateKey } from './duplicates';

const headSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    /** what lists ask by: all heads of one scope in one indexed query (a county code for groups) */
    scope: { type: String, required: true },
    parent: { type: String, required: true },
    last: { type: Number, required: true },
  },
  { collection: 'sequence_heads', versionKey: false },
);
headSchema.index({ name: 1, scope: 1 });
const HeadModel = model('SequenceHead', headSchema);

const MAX_ATTEMPTS = 50;

export class SequenceBusyError extends Error {}

export interface Sequence {
  /** The exact last number of a parent (0 when it has none). */
  last(parent: string): Promise<number>;
  /** Records that `seq` exists (read by the caller), so the next `last` starts from it. */
  saw(parent: string, seq: number): void;
  /** The last number this process knows to exist, without asking the database. */
  known(parent: string): number | undefined;
  /**
   * Inserts with the next number. `insert(seq)` must throw a duplicate key when the number is
   * taken; `findOwn()` answers a duplicate that is the caller's own idempotency key (a resend).
   */
  append<T>(
    parent: string,
    scope: string,
    insert: (seq: number) => Promise<T>,
    findOwn?: () => Promise<T | null>,
  ): Promise<{ doc: T; created: boolean }>;
  /** The head hints of every parent in a scope, in one query (for lists; see above). */
  hintsInScope(scope: string): Promise<Map<string, number>>;
}

export function createSequence(name: string, exists: (parent: string, seq: number) => Promise<boolean>): Sequence {
  const hints = new Map<string, number>();
  const locks = new Map<string, Mutex>();
  const lockOf = (parent: string) => {
    let lock = locks.get(parent);
    if (!lock) locks.set(parent, (lock = new Mutex()));
    return lock;
  };
  const headId = (parent: string) => `${name}:${parent}`;

  const saw = (parent: string, seq: number) => {
    if (seq > (hints.get(parent) ?? 0)) hints.set(parent, seq);
  };

  async function last(parent: string): Promise<number> {
    let lo = hints.get(parent);
    if (lo === undefined) {
      const head = await HeadModel.findById(headId(parent), { last: 1 }).lean();
      lo = head?.last ?? 0;
    }
    // lo exists (or is 0); find a number above it that does not
    let step = 1;
    let hi = lo + step;
    while (await exists(parent, hi)) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await exists(parent, mid)) lo = mid;
      else hi = mid;
    }
    saw(parent, lo);
    return lo;
  }

  async function bumpHead(parent: string, scope: string, seq: number) {
    try {
      await HeadModel.updateOne(
        { _id: headId(parent) },
        { $max: { last: seq }, $set: { name, scope, parent } },
        { upsert: true },
      );
    } catch (err) {
      // two first posts upserting at once: the other made the head; a hint may trail, never lead
      if (!isDuplicateKey(err)) throw err;
    }
  }

  return {
    last,
    saw,
    known: (parent) => hints.get(parent),
    append: (parent, scope, insert, findOwn) =>
      lockOf(parent).runExclusive(async () => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const seq = (hints.get(parent) ?? (await last(parent))) + 1;
          try {
            const doc = await insert(seq);
            saw(parent, seq);
            await bumpHead(parent, scope, seq);
            return { doc, created: true };
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
            const own = findOwn ? await findOwn() : null;
            if (own) return { doc: own, created: false };
            // another process wrote this number: it exists, look on from it
            saw(parent, seq);
            hints.set(parent, await last(parent));
          }
        }
        throw new SequenceBusyError(`${name}:${parent}`);
      }),
    async hintsInScope(scope) {
      const heads = await HeadModel.find({ name, scope }, { parent: 1, last: 1 }).lean();
      const map = new Map<string, number>();
      for (const h of heads) map.set(h.parent, Math.max(h.last, hints.get(h.parent) ?? 0));
      return map;
    },
  };
}
