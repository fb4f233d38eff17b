/**
 * Benchmark 1, continued: the everyday requests with the whole province loaded.
 *
 * - single requests, one after another: submit a ledger entry, post a group message, group sync,
 *   my consultations, the county group's member list; each against its floor, the same raw
 *   operations with the raw driver (equality filters only, which FerretDB pushes down to PostgreSQL
 *   and the GIN indexes serve) on the same documents;
 * - the database commands each of these requests issues, counted on mongoose's client, and again
 *   for the same request returning a longer list, to show whether the count grows with the list;
 * - 16 clients at once (a separate client process): group posts (p99 latency) and ledger
 *   submissions (throughput) against raw inserts at the same concurrency.
 */
import type { Db } from 'mongodb';
import { Types } from 'mongoose';
import { createSession } from '../server/src/modules/accounts/service';
import { UserModel, type UserDoc } from '../server/src/modules/users/model';
import { GroupMemberModel, GroupMessageModel, SEQ_BLOCK } from '../server/src/modules/groups/model';
import { LedgerEntryModel } from '../server/src/modules/ledger/model';
import type { Stack } from '../tests/support/stack';
import type { CommandCounter } from './lib/commands';
import { send, type Reply } from './lib/http';
import { runPosts, startLoadClient, type LoadClient } from './lib/load';
import { pendingEntry, type SubmitBody } from './lib/raw-entry';
import { stored } from './lib/stored';
import { compare, sideOf, sideOfRounds, withRatioTarget, withThroughputTarget, type Comparison } from './lib/report';
import { concurrently, fmt, median, timed } from './lib/stats';

/** sequential requests timed per single request (after WARMUP untimed ones) */
const REPS = 17;
const WARMUP = 3;
/** a single request slower than this stops its timing early (at least MIN_REPS samples) */
const BUDGET_MS = 90_000;
const MIN_REPS = 5;
/** each command count is taken this many times (after one untimed request) */
const COUNT_REPS = 3;
/**
 * messages the synced group holds before the run: enough for a sync to return 50, and for the page
 * after seq 100 to cross from the group's first block of messages into the second (the product
 * reads a group's messages by block, groups/model.ts SEQ_BLOCK)
 */
const SYNC_HISTORY = 160;
/** new messages a timed sync returns */
const SYNC_NEW = 10;
const CONSULTATIONS_MANY = 20;
/** the issue's target for a single request: at most this many times its floor */
const SINGLE_TARGET = 3;

const LOAD_CLIENTS = 16;
const LOAD_GROUPS = 8; // two clients per group, as in bench/groups.ts
const POSTS_PER_CLIENT = 3;
const SUBMITS_PER_CLIENT = 2;
const LOAD_ROUNDS = 3;
/** the issue's target: ledger submissions at least this share of raw insert throughput */
const LEDGER_THROUGHPUT_TARGET = 0.5;

export interface CommandRow {
  request: string;
  variant: string;
  /** items in the reply's list (null: not a list) */
  listLength: number | null;
  /** the count of each measured request */
  counts: number[];
  /** commands by name and collection, of the last measured request */
  byName: Record<string, number>;
  /** connection handshakes seen in the windows (pool growth), not counted */
  handshakes: number;
}

export interface RequestsResult {
  setup: Record<string, string | number>;
  single: Comparison[];
  commands: { rows: CommandRow[] };
  /** wrong replies the product gave during the run (the run goes on; these are findings) */
  problems: string[];
  concurrent: Comparison[];
}

const expectStatus = (reply: Reply, expected: number[], what: string) => {
  if (!expected.includes(reply.status)) throw new Error(`${what} → ${reply.status} ${JSON.stringify(reply.json).slice(0, 300)}`);
  return reply;
};
const itemsOf = (reply: Reply) => (reply.json?.items ?? []) as Record<string, unknown>[];

/** WARMUP untimed runs, then up to REPS timed ones (fewer when one is very slow). */
async function sequential(work: (i: number) => Promise<unknown>): Promise<number[]> {
  let i = 0;
  for (let w = 0; w < WARMUP; w++) await work(i++);
  const out: number[] = [];
  const start = Date.now();
  while (out.length < REPS && (out.length < MIN_REPS || Date.now() - start < BUDGET_MS)) {
    out.push((await timed(() => work(i++))).ms);
  }
  return out;
}

/** A user of the benchmark, made once in the cached database (shaped by the product's model) and found again by openid later. */
async function ensureUser(db: Db, openid: string, fields: Record<string, unknown>): Promise<UserDoc> {
  const found = await db.collection('users').findOne({ openid });
  if (found) return found as unknown as UserDoc;
  const user = await stored(UserModel, { _id: new Types.ObjectId(), openid, demo: false, ...fields });
  await db.collection('users').insertOne(user);
  return user as unknown as UserDoc;
}

async function ensureActiveMember(db: Db, groupCode: string, userId: Types.ObjectId) {
  // equality on both fields: the unique (groupCode, userId) index's GIN twins serve it
  const found = await db.collection('group_members').findOne({ groupCode, userId });
  if (!found)
    await db
      .collection('group_members')
      .insertOne(await stored(GroupMemberModel, { groupCode, countyCode: groupCode.slice(0, 6), userId, status: 'active' }));
}

/** A group_messages document as the product's append() stores it (seq chosen by the caller). */
const messageDoc = (fields: {
  groupCode: string;
  seq: number;
  authorId: Types.ObjectId;
  authorName: string;
  authorRole: string;
  text: string;
  clientKey: string;
}) => stored(GroupMessageModel, { ...fields, block: Math.floor(fields.seq / SEQ_BLOCK), kind: 'text', targetSeq: null });

/** A ledger_entries document as submit() stores it. */
const entryDoc = (counselId: Types.ObjectId, body: SubmitBody) => stored(LedgerEntryModel, pendingEntry(counselId, body));

/** Seqs of a group's messages, read by the group (equality) and sorted here. */
async function seqsOf(db: Db, groupCode: string): Promise<number[]> {
  const docs = await db
    .collection('group_messages')
    .find({ groupCode }, { projection: { seq: 1 } })
    .toArray();
  return docs.map((d) => d.seq as number).sort((a, b) => a - b);
}

const TEXTS = ['本周三上午在村委会值班，欢迎来咨询。', '请问宅基地确权需要哪些材料？', '土地流转合同要注意什么？'];

export async function provinceRequests(options: {
  server: Stack;
  db: Db;
  countyCode: string;
  /** villages per county of the province */
  perCounty: Map<string, number>;
  adminToken: string;
  counter: CommandCounter;
  log: (line: string) => void;
}): Promise<RequestsResult> {
  const { server, db, countyCode, perCounty, adminToken, counter, log } = options;
  const runId = Date.now().toString(36);

  // ---- who and where: a counsel of the largest county with three villages ----
  const countyAssignments = (await db.collection('counsel_assignments').find({ countyCode }).toArray())
    .filter((a) => a.endedAt === null)
    .sort((a, b) => String(a.villageCode).localeCompare(String(b.villageCode)));
  const villagesOf = new Map<string, string[]>();
  for (const a of countyAssignments) {
    const list = villagesOf.get(String(a.counselId)) ?? [];
    list.push(String(a.villageCode));
    villagesOf.set(String(a.counselId), list);
  }
  const [counselId, counselVillages] = [...villagesOf.entries()].find(([, v]) => v.length === 3) ?? [...villagesOf.entries()][0]!;
  const counsel = (await db.collection('users').findOne({ _id: new Types.ObjectId(counselId) })) as unknown as UserDoc;
  const counselToken = (await createSession(counsel, 'demo', 3600 * 1000)).token;
  // the synced group (its size stays put once its history is in) and the group the counsel posts
  // to (another of their villages: it grows by the posts of every run)
  const village = counselVillages[0]!;
  const postVillage = counselVillages[1] ?? village;
  const countyVillages = (
    await db
      .collection('places')
      .find({ level: 'village', countyCode }, { projection: { code: 1 } })
      .toArray()
  )
    .map((p) => String(p.code))
    .filter((code) => !counselVillages.includes(code))
    .sort();
  if (countyVillages.length < 1 + 2 * LOAD_GROUPS) throw new Error(`county ${countyCode} has too few villages`);
  // the floor writes into groups of its own, so it never moves a seq the product's in-process hint relies on
  const floorPostGroup = countyVillages[0]!;
  const loadGroups = countyVillages.slice(1, 1 + LOAD_GROUPS);
  const floorLoadGroups = countyVillages.slice(1 + LOAD_GROUPS, 1 + 2 * LOAD_GROUPS);

  // villagers of the counsel's village: one with 1 consultation, one with CONSULTATIONS_MANY
  const askers = {
    one: await ensureUser(db, 'bench:province-asker-1', { name: '村民甲', villageCode: village }),
    many: await ensureUser(db, `bench:province-asker-${CONSULTATIONS_MANY}`, { name: '村民乙', villageCode: village }),
  };
  const askerTokens = {
    one: (await createSession(askers.one, 'demo', 3600 * 1000)).token,
    many: (await createSession(askers.many, 'demo', 3600 * 1000)).token,
  };
  // asked through the API (idempotent by clientKey: later runs get 200 and add nothing)
  for (const [who, n] of [
    ['one', 1],
    ['many', CONSULTATIONS_MANY],
  ] as const) {
    for (let k = 0; k < n; k++) {
      expectStatus(
        await send(server.baseUrl, 'POST', '/api/consultations', askerTokens[who], {
          clientKey: `bench-ask-${k}`,
          question: `请问承包地被占用应该怎么维权？（第${k + 1}问）`,
        }),
        [200, 201],
        'askConsultation',
      );
    }
  }

  // history of the synced group, posted through the API (idempotent by clientKey: later runs add nothing)
  for (let k = 0; k < SYNC_HISTORY; k++) {
    expectStatus(
      await send(server.baseUrl, 'POST', `/api/groups/${village}/messages`, counselToken, {
        clientKey: `bench-history-${k}`,
        text: TEXTS[k % TEXTS.length],
      }),
      [200, 201],
      'postGroupMessage (history)',
    );
  }

  /** wrong replies seen (each once), reported with the figures */
  const problems: string[] = [];
  const problem = (text: string) => {
    if (!problems.includes(text)) problems.push(text);
    log(`  PROBLEM: ${text}`);
  };
  const single: Comparison[] = [];
  const singleComparison = (
    name: string,
    route: string,
    product: number[],
    floorWhat: string,
    floor: number[],
    notes?: string[],
  ) => {
    const c = withRatioTarget(
      compare(
        'single request',
        `${name}: ${route}`,
        sideOf('HTTP, one request at a time', product),
        sideOf(floorWhat, floor),
        'p50 latency',
        notes,
      ),
      SINGLE_TARGET,
    );
    single.push(c);
    log(`  ${name}: HTTP p50 ${fmt(median(product))} ms, floor p50 ${fmt(median(floor))} ms (${c.ratio.toFixed(1)}×)`);
  };

  // ---- 1. submit a ledger entry ----
  const base = Date.now() - 36 * 3600 * 1000;
  const submitBody = (prefix: string, i: number) => {
    // 20 minutes apart, wrapping after 100 (the count requests use i from 10,000): always in the past
    const startAt = new Date(base + (i % 100) * 20 * 60 * 1000);
    return {
      clientKey: `${prefix}-${runId}-${i}`,
      villageCode: village,
      kind: 'on_site_duty' as const,
      startAt: startAt.toISOString(),
      endAt: new Date(startAt.getTime() + 15 * 60 * 1000).toISOString(),
      summary: '驻村值班，接待村民咨询',
    };
  };
  const submit = (prefix: string) => async (i: number) =>
    expectStatus(
      await send(server.baseUrl, 'POST', '/api/ledger/entries', counselToken, submitBody(prefix, i)),
      [201],
      'submitLedgerEntry',
    );
  const submitProduct = await sequential(submit('single'));
  // the floor's documents are shaped before the clock starts
  const submitDocs = await Promise.all(
    Array.from({ length: WARMUP + REPS }, (_, i) => entryDoc(counsel._id, submitBody('floor-single', i))),
  );
  const submitFloor = await sequential(async (i) => {
    await db.collection('ledger_entries').insertOne(submitDocs[i]!);
  });
  singleComparison(
    'submit ledger entry',
    'POST /api/ledger/entries (counsel, new clientKey)',
    submitProduct,
    'raw insertOne into ledger_entries',
    submitFloor,
  );

  // ---- 2. post a group message ----
  const post = (prefix: string) => async (i: number) =>
    expectStatus(
      await send(server.baseUrl, 'POST', `/api/groups/${postVillage}/messages`, counselToken, {
        clientKey: `${prefix}-${runId}-${i}`,
        text: TEXTS[i % TEXTS.length],
      }),
      [201],
      'postGroupMessage',
    );
  const postProduct = await sequential(post('single'));
  const floorSeq = (await seqsOf(db, floorPostGroup)).pop() ?? 0;
  const postDocs = await Promise.all(
    Array.from({ length: WARMUP + REPS }, (_, i) =>
      messageDoc({
        groupCode: floorPostGroup,
        seq: floorSeq + 1 + i,
        authorId: counsel._id,
        authorName: counsel.name,
        authorRole: '法律顾问',
        text: TEXTS[i % TEXTS.length]!,
        clientKey: `floor-single-${runId}-${i}`,
      }),
    ),
  );
  const postFloor = await sequential(async (i) => {
    await db.collection('group_messages').insertOne(postDocs[i]!);
  });
  singleComparison(
    'post group message',
    `POST /api/groups/${postVillage}/messages (counsel, own village group)`,
    postProduct,
    'raw insertOne into group_messages (seq known)',
    postFloor,
    ['content check off (WeChat msg_sec_check is a call to Tencent)'],
  );

  // ---- 3. group sync: what came after the last seq a phone saw ----
  const lastSeq = (await seqsOf(db, village)).pop()!;
  const syncUrl = (after: number) => `/api/groups/${village}/messages?after=${after}&limit=50`;
  const sync = (after: number, expect: number) => async () => {
    const reply = expectStatus(await send(server.baseUrl, 'GET', syncUrl(after), counselToken), [200], 'groupMessages');
    const got = itemsOf(reply).length;
    if (got !== expect) {
      // recorded, not thrown: a wrong page is a finding of the run, the timing goes on
      const seqs = itemsOf(reply).map((m) => m.seq as number);
      problem(
        `GET /api/groups/${village}/messages?after=${after}&limit=50 returned ${got} messages (seq ${seqs[0] ?? '–'}…${seqs[seqs.length - 1] ?? '–'}), ` +
          `expected ${expect} (seq ${after + 1}…${after + expect}; the group's messages are contiguous)`,
      );
    }
    return reply;
  };
  // a page that crosses the first block boundary: must hold seq 101–150
  await sync(100, 50)();
  const syncProduct = await sequential(sync(lastSeq - SYNC_NEW, SYNC_NEW));
  const syncFloor = await sequential(async () => {
    const docs = await db.collection('group_messages').find({ groupCode: village }).toArray();
    const page = docs
      .filter((d) => (d.seq as number) > lastSeq - SYNC_NEW)
      .sort((a, b) => (a.seq as number) - (b.seq as number))
      .slice(0, 51);
    if (page.length !== SYNC_NEW) throw new Error(`floor sync read ${page.length}`);
  });
  const groupSize = (await seqsOf(db, village)).length;
  singleComparison(
    'group sync',
    `GET /api/groups/${village}/messages?after=<last − ${SYNC_NEW}> (${SYNC_NEW} new)`,
    syncProduct,
    `raw find({groupCode}) (${groupSize} docs), seq > after + limit in memory`,
    syncFloor,
  );

  // ---- 4. my consultations ----
  const mine = (who: 'one' | 'many', expect: number) => async () => {
    const reply = expectStatus(
      await send(server.baseUrl, 'GET', '/api/consultations/mine', askerTokens[who]),
      [200],
      'myConsultations',
    );
    if (itemsOf(reply).length !== expect)
      problem(`GET /api/consultations/mine returned ${itemsOf(reply).length} consultations, the asker has ${expect}`);
    return reply;
  };
  const mineProduct = await sequential(mine('many', CONSULTATIONS_MANY));
  const mineFloor = await sequential(async () => {
    const docs = await db.collection('consultations').find({ askerId: askers.many._id }).toArray();
    if (docs.length !== CONSULTATIONS_MANY) throw new Error(`floor read ${docs.length} consultations`);
  });
  singleComparison(
    'my consultations',
    `GET /api/consultations/mine (villager with ${CONSULTATIONS_MANY})`,
    mineProduct,
    'raw find({askerId})',
    mineFloor,
  );

  // ---- 5. the county group's members ----
  const members = (county: string) => async () =>
    expectStatus(await send(server.baseUrl, 'GET', `/api/groups/${county}/members`, adminToken), [200], 'groupMembers');
  // the floor: the same documents the product reads, each set by one indexed equality, at once
  const memberFloor = async (county: string) => {
    const [staff] = await Promise.all([
      db.collection('users').find({ staffCountyCodes: county }).toArray(),
      db.collection('counsel_assignments').find({ countyCode: county }).toArray(),
      db.collection('group_members').find({ groupCode: county }).toArray(),
    ]);
    return staff.length;
  };
  const membersListed = itemsOf(await members(countyCode)()).length;
  const membersProduct = await sequential(members(countyCode));
  let floorUsers = 0;
  const membersFloor = await sequential(async () => (floorUsers = await memberFloor(countyCode)));
  singleComparison(
    'county group members',
    `GET /api/groups/${countyCode}/members (admin; ${membersListed} members)`,
    membersProduct,
    `raw find users({staffCountyCodes}) (${floorUsers}) + assignments({countyCode}) + group_members({groupCode}), at once`,
    membersFloor,
    floorUsers === membersListed ? [] : [`the floor read ${floorUsers} users, the product listed ${membersListed}`],
  );

  // ---- database commands per request ----
  log(`  counting database commands per request ...`);
  const rows: CommandRow[] = [];
  const countRequests = async (request: string, variant: string, send: (i: number) => Promise<Reply>, list: boolean) => {
    let i = 10_000;
    await send(i++); // warm: caches of this process (places by code) are filled as in steady use
    const counts: number[] = [];
    let last: Awaited<ReturnType<CommandCounter['count']>> | null = null;
    let handshakes = 0;
    let listLength: number | null = null;
    for (let r = 0; r < COUNT_REPS; r++) {
      const measured = await counter.count(() => send(i++));
      counts.push(measured.count);
      handshakes += measured.handshakes;
      last = measured;
      if (list) listLength = itemsOf(measured.value).length;
    }
    rows.push({ request, variant, listLength, counts, byName: last!.byName, handshakes });
  };
  await countRequests('POST /api/ledger/entries', 'new clientKey', submit('count'), false);
  await countRequests('POST /api/groups/:groupCode/messages', 'village group', post('count'), false);
  const lastNow = (await seqsOf(db, village)).pop()!;
  await countRequests('GET /api/groups/:groupCode/messages?after=', '1 new message', sync(lastNow - 1, 1), true);
  await countRequests('GET /api/groups/:groupCode/messages?after=', '50 new messages', sync(lastNow - 50, 50), true);
  await countRequests('GET /api/consultations/mine', 'villager with 1', mine('one', 1), true);
  await countRequests(
    'GET /api/consultations/mine',
    `villager with ${CONSULTATIONS_MANY}`,
    mine('many', CONSULTATIONS_MANY),
    true,
  );
  const smallest = [...perCounty.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]!;
  await countRequests(
    'GET /api/groups/:groupCode/members',
    `county ${smallest[0]} (${smallest[1]} villages)`,
    members(smallest[0]),
    true,
  );
  await countRequests(
    'GET /api/groups/:groupCode/members',
    `county ${countyCode} (${perCounty.get(countyCode)} villages)`,
    members(countyCode),
    true,
  );
  for (const row of rows)
    log(
      `  ${row.request} [${row.variant}]: ${row.counts.join(', ')} commands${row.listLength !== null ? ` (${row.listLength} items)` : ''}`,
    );

  // ---- 16 clients at once ----
  log(`  ${LOAD_CLIENTS} clients at once: group posts and ledger submissions ...`);
  const client: LoadClient = startLoadClient();
  let concurrent: Comparison[];
  try {
    concurrent = await atOnce({ server, db, client, runId, loadGroups, floorLoadGroups, villagesOf, log });
  } finally {
    client.stop();
  }

  return {
    setup: {
      county: countyCode,
      counsel: counselId,
      syncedGroup: village,
      postGroup: postVillage,
      floorPostGroup,
      syncedGroupMessages: groupSize,
      repsPerSingleRequest: REPS,
      warmups: WARMUP,
      countRepsPerRequest: COUNT_REPS,
      loadClients: LOAD_CLIENTS,
      loadRounds: LOAD_ROUNDS,
    },
    single,
    commands: { rows },
    problems,
    concurrent,
  };
}

type Round = { latencies: number[]; requests: number; wallMs: number };

async function atOnce(o: {
  server: Stack;
  db: Db;
  client: LoadClient;
  runId: string;
  loadGroups: string[];
  floorLoadGroups: string[];
  villagesOf: Map<string, string[]>;
  log: (line: string) => void;
}): Promise<Comparison[]> {
  const { server, db, client, runId, loadGroups, floorLoadGroups, villagesOf, log } = o;

  // villagers, two per village group, active members (made once in the cached database)
  const posters: { token: string; userId: Types.ObjectId; groupCode: string }[] = [];
  for (let i = 0; i < LOAD_CLIENTS; i++) {
    const groupCode = loadGroups[i % LOAD_GROUPS]!;
    const user = await ensureUser(db, `bench:province-poster-${i}`, { name: `村民${i}`, villageCode: groupCode });
    await ensureActiveMember(db, groupCode, user._id);
    posters.push({ token: (await createSession(user, 'demo', 3600 * 1000)).token, userId: user._id, groupCode });
  }
  // counsel of the county, each with the villages they serve
  const counsel: { token: string; id: Types.ObjectId; villages: string[] }[] = [];
  for (const [id, villages] of [...villagesOf.entries()].slice(0, LOAD_CLIENTS)) {
    const user = (await db.collection('users').findOne({ _id: new Types.ObjectId(id) })) as unknown as UserDoc;
    counsel.push({ token: (await createSession(user, 'demo', 3600 * 1000)).token, id: user._id, villages });
  }
  if (counsel.length < LOAD_CLIENTS) throw new Error(`only ${counsel.length} counsel in the county`);

  // ---- group posts ----
  const productPosts = (round: string, per: number): Promise<Round> =>
    runPosts(
      client,
      server.baseUrl,
      posters.map((p) => ({ token: p.token, path: `/api/groups/${p.groupCode}/messages` })),
      per,
      (c, k) => ({ clientKey: `load-${runId}-${round}-${c}-${k}`, text: TEXTS[k % TEXTS.length] }),
      201,
      'post',
    );
  const floorNext = new Map<string, number>();
  for (const g of floorLoadGroups) floorNext.set(g, (await seqsOf(db, g)).pop() ?? 0);
  const floorPosts = async (round: string, per: number): Promise<Round> => {
    // documents shaped (and seqs chosen) before the clock starts
    const docs = await Promise.all(
      Array.from({ length: LOAD_CLIENTS * per }, (_, index) => {
        const c = index % LOAD_CLIENTS;
        const groupCode = floorLoadGroups[c % LOAD_GROUPS]!;
        const seq = floorNext.get(groupCode)! + 1;
        floorNext.set(groupCode, seq);
        return messageDoc({
          groupCode,
          seq,
          authorId: posters[c]!.userId,
          authorName: `村民${c}`,
          authorRole: '村（居）民',
          text: TEXTS[index % TEXTS.length]!,
          clientKey: `floor-load-${runId}-${round}-${index}`,
        });
      }),
    );
    const r = await concurrently(docs.length, LOAD_CLIENTS, async (index) => {
      await db.collection('group_messages').insertOne(docs[index]!);
    });
    return { latencies: r.latencies, requests: docs.length, wallMs: r.wallMs };
  };

  // ---- ledger submissions ----
  const base = Date.now() - 3 * 24 * 3600 * 1000;
  const bodyOf = (round: number, c: number, k: number, prefix: string) => {
    const startAt = new Date(base + (round + 2) * 100_000 + c * 1000 + k * 60 * 1000);
    return {
      clientKey: `${prefix}-${runId}-r${round}-c${c}-${k}`,
      villageCode: counsel[c]!.villages[k % counsel[c]!.villages.length]!,
      kind: 'on_site_duty' as const,
      startAt: startAt.toISOString(),
      endAt: new Date(startAt.getTime() + 2 * 3600 * 1000).toISOString(),
      summary: '在村委会值班，接待村民咨询',
    };
  };
  const productSubmits = (round: number, per: number): Promise<Round> =>
    runPosts(
      client,
      server.baseUrl,
      counsel.map((c) => ({ token: c.token, path: '/api/ledger/entries' })),
      per,
      (c, k) => bodyOf(round, c, k, 'load'),
      201,
      'submit',
    );
  const floorSubmits = async (round: number, per: number): Promise<Round> => {
    const docs = await Promise.all(
      Array.from({ length: LOAD_CLIENTS * per }, (_, index) => {
        const c = index % LOAD_CLIENTS;
        return entryDoc(counsel[c]!.id, bodyOf(round, c, Math.floor(index / LOAD_CLIENTS), 'floor-load'));
      }),
    );
    const r = await concurrently(docs.length, LOAD_CLIENTS, async (index) => {
      await db.collection('ledger_entries').insertOne(docs[index]!);
    });
    return { latencies: r.latencies, requests: docs.length, wallMs: r.wallMs };
  };

  await productPosts('warm', 1);
  await floorPosts('warm', 1);
  await productSubmits(-1, 1);
  await floorSubmits(-1, 1);
  const posts = { product: [] as Round[], floor: [] as Round[] };
  const submits = { product: [] as Round[], floor: [] as Round[] };
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    posts.product.push(await productPosts(`r${round}`, POSTS_PER_CLIENT));
    posts.floor.push(await floorPosts(`r${round}`, POSTS_PER_CLIENT));
    submits.product.push(await productSubmits(round, SUBMITS_PER_CLIENT));
    submits.floor.push(await floorSubmits(round, SUBMITS_PER_CLIENT));
    const rps = (r: Round) => fmt((r.requests * 1000) / r.wallMs);
    log(
      `  round ${round + 1}/${LOAD_ROUNDS}: posts ${rps(posts.product[round]!)} req/s (floor ${rps(posts.floor[round]!)}), ` +
        `submissions ${rps(submits.product[round]!)} req/s (floor ${rps(submits.floor[round]!)})`,
    );
  }
  const postNote = `${LOAD_CLIENTS} clients (2 per group, ${LOAD_GROUPS} village groups), ${LOAD_ROUNDS} rounds of ${LOAD_CLIENTS * POSTS_PER_CLIENT} posts; content check off`;
  const submitNote = `${LOAD_CLIENTS} counsel at once, ${LOAD_ROUNDS} rounds of ${LOAD_CLIENTS * SUBMITS_PER_CLIENT} submissions`;
  return [
    compare(
      '16 clients at once',
      'group post, p99 latency under load',
      sideOfRounds('POST /api/groups/:groupCode/messages, separate client process', posts.product),
      sideOfRounds('raw insertOne into group_messages (seq known), 16 at once', posts.floor),
      'p99 latency',
      [postNote],
    ),
    withThroughputTarget(
      compare(
        '16 clients at once',
        'ledger submission throughput (new clientKey → 201)',
        sideOfRounds('POST /api/ledger/entries, separate client process', submits.product),
        sideOfRounds('raw insertOne into ledger_entries, 16 at once', submits.floor),
        'throughput',
        [submitNote],
      ),
      LEDGER_THROUGHPUT_TARGET,
    ),
  ];
}
