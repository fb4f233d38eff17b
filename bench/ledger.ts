/**
 * Benchmark 3: counsel submitting ledger entries at once through the API (submitLedgerEntry,
 * idempotent by clientKey), first with new keys (201), then the same requests again as an
 * offline phone's re-sync would send them (200, nothing written), against the floor: the raw
 * driver inserting the same documents, and finding them by (counselId, clientKey).
 */
import mongoose, { Types } from 'mongoose';
import { startStack } from '../tests/support/stack';
import { createSession } from '../server/src/modules/accounts/service';
import type { UserDoc } from '../server/src/modules/users/model';
import { runPosts, startLoadClient } from './lib/load';
import { pendingEntry, rawEntry } from './lib/raw-entry';
import { storedMany } from './lib/stored';
import { LedgerEntryModel } from '../server/src/modules/ledger/model';
import { compare, sideOfRounds, withThroughputTarget, type Comparison } from './lib/report';
import { concurrently, fmt, timed } from './lib/stats';

export interface LedgerResult {
  setup: Record<string, number | string>;
  comparisons: Comparison[];
  phases: Record<string, number>;
}

const CONCURRENCY = 16; // counsel submitting at once
const PER_CLIENT = 2;
const ROUNDS = 3;
/**
 * approved history already stored: one month of the county (villages × entries per month × months).
 * A submission's lookups are equality reads FerretDB pushes down to PostgreSQL (served by GIN
 * indexes), so they do not read the whole history.
 */
const HISTORY_MONTHS = 1;
const HISTORY_PER_VILLAGE_MONTH = 10;

export async function benchLedger(log: (line: string) => void): Promise<LedgerResult> {
  const stack = await startStack();
  const client = startLoadClient();
  try {
    const db = mongoose.connection.db!;
    const assignments = await db
      .collection<{ counselId: Types.ObjectId; villageCode: string }>('counsel_assignments')
      .find({ countyCode: '210921', endedAt: null })
      .sort({ villageCode: 1 })
      .toArray();
    // history: three months of approved entries for every village of the county
    const reviewer = new Types.ObjectId();
    const history: Record<string, unknown>[] = [];
    for (const [i, a] of assignments.entries()) {
      for (let m = 1; m <= HISTORY_MONTHS; m++) {
        const month = new Date(Date.now() - (m + 1) * 31 * 24 * 3600 * 1000);
        for (let k = 0; k < HISTORY_PER_VILLAGE_MONTH; k++) {
          const startAt = new Date(month.getTime() + k * 24 * 3600 * 1000);
          history.push(
            rawEntry({
              counselId: a.counselId,
              clientKey: `history-${i}-${m}-${k}`,
              villageCode: a.villageCode,
              kind: 'on_site_duty',
              mode: 'on_site',
              startAt,
              endAt: new Date(startAt.getTime() + 3600 * 1000),
              minutes: 60,
              months: [startAt.toISOString().slice(0, 7)],
              summary: '驻村值班',
              attendees: null,
              status: 'approved',
              review: { decision: 'approve', reason: null, by: reviewer, at: startAt },
              createdAt: startAt,
            }),
          );
        }
      }
    }
    for (let i = 0; i < history.length; i += 5000)
      await db.collection('ledger_entries').insertMany(await storedMany(LedgerEntryModel, history.slice(i, i + 5000)));

    // CONCURRENCY counsel, each with the villages they serve
    const counselIds = [...new Set(assignments.map((a) => String(a.counselId)))].slice(0, CONCURRENCY);
    const counsel: { token: string; id: Types.ObjectId; villages: string[] }[] = [];
    for (const id of counselIds) {
      const user = (await db.collection('users').findOne({ _id: new Types.ObjectId(id) })) as unknown as UserDoc;
      const { token } = await createSession(user, 'demo', 3600 * 1000);
      counsel.push({
        token,
        id: user._id,
        villages: assignments.filter((a) => String(a.counselId) === id).map((a) => String(a.villageCode)),
      });
    }
    const before = await db.collection('ledger_entries').estimatedDocumentCount();
    log(
      `ledger_entries holds ${before} documents (${assignments.length} villages × ${HISTORY_PER_VILLAGE_MONTH} × ${HISTORY_MONTHS} months)`,
    );

    const base = Date.now() - 3 * 24 * 3600 * 1000;
    const bodyOf = (round: number, c: number, k: number, prefix: string) => {
      const startAt = new Date(base + (round + 2) * 100000 + c * 1000 + k * 60 * 1000);
      return {
        clientKey: `${prefix}-r${round}-c${c}-${k}`,
        villageCode: counsel[c]!.villages[k % counsel[c]!.villages.length]!,
        kind: 'on_site_duty' as const,
        startAt: startAt.toISOString(),
        endAt: new Date(startAt.getTime() + 2 * 3600 * 1000).toISOString(),
        summary: '在村委会值班，接待村民咨询',
      };
    };

    type Round = { latencies: number[]; requests: number; wallMs: number };
    const created: Round[] = [];
    const retried: Round[] = [];
    const floorInsert: Round[] = [];
    const floorFind: Round[] = [];
    const n = CONCURRENCY * PER_CLIENT;

    const runProduct = (round: number, expect: number, perClient = PER_CLIENT) =>
      runPosts(
        client,
        stack.baseUrl,
        counsel.map((c) => ({ token: c.token, path: '/api/ledger/entries' })),
        perClient,
        (c, k) => bodyOf(round, c, k, 'api'),
        expect,
        'submit',
      );
    const docOf = (round: number, c: number, k: number) => pendingEntry(counsel[c]!.id, bodyOf(round, c, k, 'floor'));
    const runFloor = async (round: number, kind: 'insert' | 'find', total = n) => {
      const r = await concurrently(total, CONCURRENCY, async (index) => {
        const c = index % CONCURRENCY;
        const k = Math.floor(index / CONCURRENCY);
        if (kind === 'insert') await db.collection('ledger_entries').insertOne(docOf(round, c, k));
        else {
          const found = await db
            .collection('ledger_entries')
            .findOne({ counselId: counsel[c]!.id, clientKey: bodyOf(round, c, k, 'floor').clientKey });
          if (!found) throw new Error('floor: entry not found');
        }
      });
      return { latencies: r.latencies, requests: total, wallMs: r.wallMs };
    };

    await runProduct(-1, 201, 1); // warm-up: one submission per counsel
    await runFloor(-1, 'insert', CONCURRENCY);
    for (let round = 0; round < ROUNDS; round++) {
      const c = await runProduct(round, 201);
      const fi = await runFloor(round, 'insert');
      const r = await runProduct(round, 200); // the same requests again: retries, nothing written
      const ff = await runFloor(round, 'find');
      created.push(c);
      floorInsert.push(fi);
      retried.push(r);
      floorFind.push(ff);
      log(
        `  round ${round + 1}/${ROUNDS}: new ${fmt((n * 1000) / c.wallMs)} req/s (floor ${fmt((n * 1000) / fi.wallMs)}), retry ${fmt((n * 1000) / r.wallMs)} req/s (floor ${fmt((n * 1000) / ff.wallMs)})`,
      );
    }
    const after = await db.collection('ledger_entries').estimatedDocumentCount();
    const apiKeys = await db.collection('ledger_entries').countDocuments({ clientKey: { $regex: '^api-' } });
    if (apiKeys !== ROUNDS * n + CONCURRENCY) throw new Error(`retries wrote entries: ${apiKeys} api entries`);

    const phase = async (work: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < 7; i++) xs.push((await timed(work)).ms);
      return xs.sort((a, b) => a - b)[3]!;
    };
    const c0 = counsel[0]!;
    const phases = {
      'session by _id (the token hash; pushed down)': await phase(() => db.collection('sessions').findOne({ _id: 'x' as never })),
      'active villages of the counsel (counselId pushed down; endedAt: null filtered in FerretDB)': await phase(() =>
        db.collection('counsel_assignments').find({ counselId: c0.id, endedAt: null }).toArray(),
      ),
      'resend only: earlier entry by (counselId, clientKey) (equality, pushed down)': await phase(() =>
        db.collection('ledger_entries').findOne({ counselId: c0.id, clientKey: 'none' }),
      ),
      'month locks of the township (townshipCode equality, pushed down)': await phase(() =>
        db
          .collection('ledger_locks')
          .find({ townshipCode: c0.villages[0]!.slice(0, 9) })
          .toArray(),
      ),
      'describe: counsel by _id (pushed down)': await phase(() => db.collection('users').find({ _id: c0.id }).toArray()),
      'describe: village by code (cached in process after the first; else $in: a scan of places)': await phase(() =>
        db
          .collection('places')
          .find({ code: { $in: [c0.villages[0]!] } })
          .toArray(),
      ),
      'insertOne (the floor of a submission)': await phase(() =>
        db.collection('ledger_entries').insertOne({ ...docOf(99, 0, 0), clientKey: `phase-${Math.random()}` }),
      ),
    };
    if (stack.errors.length) throw new Error(`server errors: ${String(stack.errors[0])}`);

    const setup = {
      county: '210921 阜新蒙古族自治县 (demo seed)',
      counsel: CONCURRENCY,
      submissionsPerRound: n,
      rounds: ROUNDS,
      ledgerEntriesBefore: before,
      ledgerEntriesAfter: after,
    };
    const note = `${CONCURRENCY} counsel at once, ${ROUNDS} rounds of ${n}; ledger_entries ${before} → ${after} docs`;
    return {
      setup,
      comparisons: [
        withThroughputTarget(
          compare(
            'ledger submissions',
            `new clientKey → 201 (throughput, ${CONCURRENCY} clients at once)`,
            sideOfRounds('POST /api/ledger/entries', created),
            sideOfRounds('raw insertOne', floorInsert),
            'throughput',
            [note],
          ),
          0.5,
        ),
        compare(
          'ledger submissions',
          'same clientKey again → 200, nothing written (throughput)',
          sideOfRounds('POST /api/ledger/entries (retry)', retried),
          sideOfRounds('raw findOne({counselId, clientKey})', floorFind),
          'throughput',
        ),
      ],
      phases,
    };
  } finally {
    client.stop();
    await stack.stop();
  }
}
