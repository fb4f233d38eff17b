/**
 * Benchmark 2: villagers posting and syncing in their village groups at once, through the HTTP
 * API (a separate client process, CONCURRENCY clients, two per group), against the floor: the
 * raw driver inserting the same documents (seq chosen in memory, no lookups) and reading the
 * same seq ranges, at the same concurrency on the same database.
 */
import mongoose, { Types } from 'mongoose';
import { startStack } from '../tests/support/stack';
import { createSession } from '../server/src/modules/accounts/service';
import { UserModel, type UserDoc } from '../server/src/modules/users/model';
import { GroupMemberModel, SEQ_BLOCK } from '../server/src/modules/groups/model';
import { stored } from './lib/stored';
import { startLoadClient, type LoadResult } from './lib/load';
import { compare, sideOfRounds, type Comparison } from './lib/report';
import { concurrently, fmt, timed } from './lib/stats';

export interface GroupsResult {
  setup: Record<string, number | string>;
  comparisons: Comparison[];
  phases: Record<string, number>;
}

const GROUPS = 8;
const CONCURRENCY = 16; // two villagers per group
const PAIRS_PER_CLIENT = 3; // each client: post, sync, post, sync, post, sync
const ROUNDS = 3;
/**
 * history already in the county's groups before the run (messages per village group). FerretDB
 * 1.24 pushes the groupCode equality down to PostgreSQL (a GIN index serves it) but not the seq
 * range or the sort: a post's or sync's lookup reads every message of its group, so the history
 * per group is what their time grows with (see the phases printed after the table).
 */
const HISTORY_PER_GROUP = 5;

const TEXTS = ['请问宅基地确权需要哪些材料？', '村里的调解会什么时候开？', '谢谢顾问的解答。', '土地流转合同要注意什么？'];

export async function benchGroups(log: (line: string) => void): Promise<GroupsResult> {
  // The content check (WeChat msg_sec_check) is a call to Tencent: off, so the figures are ours.
  const stack = await startStack({ env: { CONTENT_CHECK: 'off' } });
  const client = startLoadClient();
  try {
    const db = mongoose.connection.db!;
    const villages = await db
      .collection<{ code: string }>('places')
      .find({ level: 'village', countyCode: '210921' }, { projection: { code: 1 } })
      .sort({ code: 1 })
      .toArray();
    // history: every village group of the county already has messages
    const history = villages.flatMap((v, i) =>
      Array.from({ length: HISTORY_PER_GROUP }, (_, k) => ({
        groupCode: v.code,
        seq: k + 1,
        block: Math.floor((k + 1) / SEQ_BLOCK),
        kind: 'text',
        authorId: new Types.ObjectId(),
        authorName: '村民',
        authorRole: '村（居）民',
        text: TEXTS[(i + k) % TEXTS.length]!,
        state: 'visible',
        targetSeq: null,
        clientKey: `history-${k}`,
        at: new Date(Date.now() - (HISTORY_PER_GROUP - k) * 60000),
      })),
    );
    await db.collection('group_messages').deleteMany({});
    for (let i = 0; i < history.length; i += 5000) await db.collection('group_messages').insertMany(history.slice(i, i + 5000));

    // villagers of the first GROUPS villages, active members of their village group
    const groupCodes = villages.slice(0, GROUPS).map((v) => String(v.code));
    const people: { token: string; userId: Types.ObjectId; groupCode: string }[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      const groupCode = groupCodes[i % GROUPS]!;
      const _id = new Types.ObjectId();
      // shaped by the product's models (derived fields such as the users' county scopes included)
      const user = await stored(UserModel, { _id, openid: `bench:villager-${i}`, name: `村民${i}`, villageCode: groupCode });
      await db.collection('users').insertOne(user);
      await db
        .collection('group_members')
        .insertOne(
          await stored(GroupMemberModel, { groupCode, countyCode: groupCode.slice(0, 6), userId: _id, status: 'active' }),
        );
      const { token } = await createSession(user as unknown as UserDoc, 'demo', 3600 * 1000);
      people.push({ token, userId: _id, groupCode });
    }
    const before = await db.collection('group_messages').estimatedDocumentCount();
    log(`group_messages holds ${before} documents (${villages.length} village groups × ${HISTORY_PER_GROUP})`);

    const product: { post: { latencies: number[]; requests: number; wallMs: number }[]; all: typeof product.post } = {
      post: [],
      all: [],
    };
    const syncRounds: typeof product.post = [];
    const floorAll: typeof product.post = [];
    const floorPost: typeof product.post = [];
    const floorSync: typeof product.post = [];

    /** the last seq of each active group, read before the clock starts */
    const lastSeqs = async () => {
      const last = new Map<string, number>();
      for (const g of groupCodes) {
        const top = await db.collection('group_messages').find({ groupCode: g }).sort({ seq: -1 }).limit(1).toArray();
        last.set(g, (top[0]?.seq as number | undefined) ?? 0);
      }
      return last;
    };

    // Phones are caught up when a round starts: each sync asks for what came after the last seq it saw.
    const runProduct = async (round: number, pairs = PAIRS_PER_CLIENT) => {
      const last = await lastSeqs();
      const result: LoadResult = await client.run({
        baseUrl: stack.baseUrl,
        clients: people.map((p, i) => ({
          token: p.token,
          after: last.get(p.groupCode)!,
          steps: Array.from({ length: pairs }, (_, k) => [
            {
              kind: 'post' as const,
              label: 'post',
              path: `/api/groups/${p.groupCode}/messages`,
              body: { clientKey: `post-r${round}-c${i}-${k}`, text: TEXTS[k % TEXTS.length] },
            },
            { kind: 'sync' as const, label: 'sync', path: `/api/groups/${p.groupCode}/messages` },
          ]).flat(),
        })),
      });
      const ok = (result.statuses['post 201'] ?? 0) + (result.statuses['sync 200'] ?? 0);
      const total = Object.values(result.statuses).reduce((s, n) => s + n, 0);
      if (ok !== total) throw new Error(`group load: ${JSON.stringify(result.statuses)} ${JSON.stringify(result.errorSample)}`);
      return result;
    };

    const runFloor = async (round: number, pairs = PAIRS_PER_CLIENT) => {
      // the next free seq of each group, read before the clock starts: the floor takes no lookups
      const next = await lastSeqs();
      const seen = people.map((p) => next.get(p.groupCode)!);
      const posts: number[] = [];
      const syncs: number[] = [];
      const { wallMs } = await concurrently(CONCURRENCY, CONCURRENCY, async (i) => {
        const p = people[i]!;
        for (let k = 0; k < pairs; k++) {
          const seq = next.get(p.groupCode)! + 1;
          next.set(p.groupCode, seq);
          const t = await timed(() =>
            db.collection('group_messages').insertOne({
              groupCode: p.groupCode,
              seq,
              block: Math.floor(seq / SEQ_BLOCK),
              kind: 'text',
              authorId: p.userId,
              authorName: `村民${i}`,
              authorRole: '村（居）民',
              text: TEXTS[k % TEXTS.length],
              state: 'visible',
              targetSeq: null,
              clientKey: `floor-r${round}-c${i}-${k}`,
              at: new Date(),
            }),
          );
          posts.push(t.ms);
          const s = await timed(() =>
            db
              .collection('group_messages')
              .find({ groupCode: p.groupCode, seq: { $gt: seen[i]! } })
              .sort({ seq: 1 })
              .limit(51)
              .toArray(),
          );
          syncs.push(s.ms);
          for (const m of s.value) seen[i] = Math.max(seen[i]!, m.seq as number);
        }
      });
      return { posts, syncs, wallMs };
    };

    await runProduct(-1, 1); // warm-up: one post and one sync per client
    await runFloor(-1, 1);
    for (let round = 0; round < ROUNDS; round++) {
      const r = await runProduct(round);
      const n = CONCURRENCY * PAIRS_PER_CLIENT;
      product.post.push({ latencies: r.latencies.post!, requests: n, wallMs: r.wallMs });
      syncRounds.push({ latencies: r.latencies.sync!, requests: n, wallMs: r.wallMs });
      product.all.push({ latencies: [...r.latencies.post!, ...r.latencies.sync!], requests: 2 * n, wallMs: r.wallMs });
      const f = await runFloor(round);
      floorPost.push({ latencies: f.posts, requests: n, wallMs: f.wallMs });
      floorSync.push({ latencies: f.syncs, requests: n, wallMs: f.wallMs });
      floorAll.push({ latencies: [...f.posts, ...f.syncs], requests: 2 * n, wallMs: f.wallMs });
      log(
        `  round ${round + 1}/${ROUNDS}: API ${fmt((2 * n * 1000) / r.wallMs)} req/s, floor ${fmt((2 * n * 1000) / f.wallMs)} ops/s`,
      );
    }
    const after = await db.collection('group_messages').estimatedDocumentCount();

    // where a post's time goes: the lookups it makes, each alone, on this database
    const g = groupCodes[0]!;
    const phase = async (work: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < 7; i++) xs.push((await timed(work)).ms);
      return xs.sort((a, b) => a - b)[3]!;
    };
    const phases = {
      'authenticate: session by _id (the token hash; pushed down)': await phase(() =>
        mongoose.connection.collection('sessions').findOne({ _id: 'x' as never }),
      ),
      'group place by code (cached in process after the first; else an equality read)': await phase(() =>
        db.collection('places').findOne({ code: g, level: 'village' }),
      ),
      'resend only: earlier post by (groupCode, authorId, clientKey) (equality, pushed down)': await phase(() =>
        db.collection('group_messages').findOne({ groupCode: g, authorId: people[0]!.userId, clientKey: 'none' }),
      ),
      "first post of a group per process: last seq (the group's messages by equality, sorted in FerretDB)": await phase(() =>
        db
          .collection('group_messages')
          .find({ groupCode: g }, { projection: { seq: 1 } })
          .sort({ seq: -1 })
          .limit(1)
          .toArray(),
      ),
      'insertOne (the floor of a post)': await phase(() =>
        db.collection('group_messages').insertOne({ groupCode: 'phase', seq: Math.random(), clientKey: String(Math.random()) }),
      ),
      'user by _id (equality, pushed down to PostgreSQL)': await phase(() =>
        db.collection('users').findOne({ _id: people[0]!.userId }),
      ),
    };
    await db.collection('group_messages').deleteMany({ groupCode: 'phase' });
    if (stack.errors.length) throw new Error(`server errors: ${String(stack.errors[0])}`);

    const setup = {
      county: '210921 阜新蒙古族自治县 (demo seed)',
      villageGroups: villages.length,
      activeGroups: GROUPS,
      clients: CONCURRENCY,
      requestsPerRound: 2 * CONCURRENCY * PAIRS_PER_CLIENT,
      rounds: ROUNDS,
      groupMessagesBefore: before,
      groupMessagesAfter: after,
      contentCheck: 'off',
    };
    const note = `${CONCURRENCY} clients (2 per group, ${GROUPS} groups), ${ROUNDS} rounds of ${setup.requestsPerRound} requests; group_messages ${before} → ${after} docs`;
    return {
      setup,
      comparisons: [
        compare(
          'group messages',
          'post + sync mixed (throughput)',
          sideOfRounds('HTTP POST+GET, separate client process', product.all),
          sideOfRounds('raw insertOne + range find', floorAll),
          'throughput',
          [note],
        ),
        compare(
          'group messages',
          'post (latency under load)',
          sideOfRounds('POST /api/groups/:groupCode/messages', product.post),
          sideOfRounds('raw insertOne (seq known)', floorPost),
        ),
        compare(
          'group messages',
          `post, p99 latency (${CONCURRENCY} clients at once)`,
          sideOfRounds('POST /api/groups/:groupCode/messages', product.post),
          sideOfRounds('raw insertOne (seq known)', floorPost),
          'p99 latency',
        ),
        compare(
          'group messages',
          'sync after last seq (latency under load)',
          sideOfRounds('GET /api/groups/:groupCode/messages?after=', syncRounds),
          sideOfRounds('raw find({groupCode, seq > after}).sort.limit', floorSync),
        ),
      ],
      phases,
    };
  } finally {
    client.stop();
    await stack.stop();
  }
}
