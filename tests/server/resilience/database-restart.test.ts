/**
 * Resilience (issue 5): the database stops in the middle of ledger submissions and starts again on
 * the same port and data folder. While it is down the server answers every request promptly with
 * 503 DATABASE_UNAVAILABLE and a Chinese message (never another 5xx, never a hang, never a crash);
 * once it is back the same server process answers normally again by itself; and nothing is
 * half-written: every submission, resent until answered, exists exactly once and whole, and the
 * rollups (approvals before the outage and after it) equal a recomputation from the entries.
 *
 * Approvals are sent before, during and after the outage. One cut off there leaves the review
 * record without its entry's status or rollup; the reviewer's resend (answered 200, not "already
 * reviewed") finishes it, so in the end every review is on its entry and in the rollups.
 */
import mongoose from 'mongoose';
import { startResilienceStack, type ResilienceStack } from '../../support/resilience-server';
import { demoLogin, request, type Reply } from '../../support/http';
import {
  compareRollups,
  halfWrittenReviews,
  minutesPerMonth,
  planEntries,
  pool,
  resend,
  type Attempts,
} from '../../support/resilience-ledger';
import { fillPath, PATHS } from '../../../types/src';

const COUNTY = '210903'; // small: FerretDB 1.24 scans whole collections, so fewer places are quicker
/** a correctness bound (an answer, not a hang), not a speed claim */
const ANSWER_WITHIN_MS = 15000;
/** how long the database stays down: past the driver's server selection and mongoose's buffering */
const OUTAGE_MS = 12000;
/** submitted and acknowledged before the outage; a third approved before it, a third during, a third after */
const BEFORE = 42;
const THIRD = BEFORE / 3;
/** at most this many more, submitted from just before the outage until shortly after it */
const DURING_AT_MOST = 600;
const SEED = 5503;

let stack: ResilienceStack;
beforeAll(async () => {
  stack = await startResilienceStack({ countyCode: COUNTY, ownDatabase: true });
}, 120000);
afterAll(() => stack?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CHINESE = /[\u4e00-\u9fff]/;

interface Answer {
  what: string;
  at: number;
  status: number;
  code?: unknown;
  message?: unknown;
  ms: number;
}

it('answers 503 DATABASE_UNAVAILABLE while the database is down, recovers by itself, and writes nothing by halves', async () => {
  const { baseUrl } = stack.server;
  const counsel = await demoLogin(baseUrl, '王建国');
  const reviewerLogin = await demoLogin(baseUrl, '王志强');
  const township = (reviewerLogin.user.roles as { role: string; placeCode: string }[]).find(
    (r) => r.role === 'township_staff',
  )!.placeCode;
  const progress = await request(baseUrl, 'get', PATHS.myLedgerProgress.path, { token: counsel.token });
  const villages = (progress.body.items as { villageCode: string }[])
    .map((v) => v.villageCode)
    .filter((v) => v.startsWith(township));
  expect(villages.length).toBeGreaterThan(0);

  const plan = planEntries(`dbdown${Date.now().toString(36)}`, villages, BEFORE + DURING_AT_MOST, SEED);
  /** every answer any client got: what, when sent, status, code, message, how long it took */
  const answers: Answer[] = [];
  const note = (what: string, at: number, a: Attempts) => {
    for (const u of a.unavailable) answers.push({ what, at, status: 503, code: u.code, message: u.message, ms: u.ms });
    const r = a.reply;
    answers.push({ what, at, status: r.status, code: r.body?.error?.code, message: r.body?.error?.message, ms: a.slowestMs });
  };
  const ids = new Map<string, string>();
  const throughOutage = new Set<string>(); // submissions that met a 503 on the way
  const submit = async (body: (typeof plan)[number]) => {
    const at = Date.now();
    const a = await resend(
      baseUrl,
      'post',
      PATHS.submitLedgerEntry.path,
      { token: counsel.token, body },
      { attemptTimeoutMs: ANSWER_WITHIN_MS },
    );
    note(`submit ${body.clientKey}`, at, a);
    if (a.unavailable.length > 0) throughOutage.add(body.clientKey);
    if (a.reply.status === 200 || a.reply.status === 201) ids.set(body.clientKey, a.reply.body.id);
  };
  const reviewsThroughOutage = new Set<string>();
  const approve = async (id: string) => {
    const at = Date.now();
    const path = fillPath(PATHS.reviewLedgerEntry.path, { townshipCode: township, entryId: id });
    const a = await resend(
      baseUrl,
      'post',
      path,
      { token: reviewerLogin.token, body: { decision: 'approve' } },
      { attemptTimeoutMs: ANSWER_WITHIN_MS },
    );
    note(`review ${id}`, at, a);
    if (a.unavailable.length > 0) reviewsThroughOutage.add(id);
  };

  // Before: entries, a third of them approved.
  await pool(plan.slice(0, BEFORE), 4, submit);
  expect(ids.size).toBe(BEFORE);
  const toApprove = plan.slice(0, BEFORE).map((b) => ids.get(b.clientKey)!);
  await pool(toApprove.slice(0, THIRD), 3, approve);

  // Probes asking who am I, one every 300 ms (not waiting for each other), to see the outage and
  // the recovery from outside.
  const probes: Answer[] = [];
  const probe = async () => {
    const at = Date.now();
    let reply: Reply | null = null;
    try {
      reply = await request(baseUrl, 'get', PATHS.me.path, { token: counsel.token });
    } catch {
      // a refused or cut connection would mean the server is gone: recorded as status 0
    }
    const ms = Date.now() - at;
    probes.push({
      what: 'probe me',
      at,
      status: reply?.status ?? 0,
      code: reply?.body?.error?.code,
      message: reply?.body?.error?.message,
      ms,
    });
  };
  const probesInFlight: Promise<void>[] = [];
  let probing = true;
  const prober = (async () => {
    while (probing) {
      probesInFlight.push(probe());
      await sleep(300);
    }
    await Promise.all(probesInFlight);
  })();

  // During: submissions keep coming while the database stops and starts again, until shortly after.
  let submitting = true;
  let started = 0;
  const load = pool(plan.slice(BEFORE), 4, async (body) => {
    if (!submitting) return;
    started += 1;
    await submit(body);
  });
  // and a reviewer approving one entry after another, from just before the outage until after it
  const approvingDuring = (async () => {
    for (const id of toApprove.slice(THIRD, 2 * THIRD)) {
      await approve(id);
      await sleep(600);
    }
  })();
  await sleep(1000);
  const stopAt = Date.now();
  await stack.stopDb();
  const downAt = Date.now(); // the database process has exited
  await sleep(OUTAGE_MS);
  await stack.restartDb();
  const upAt = Date.now();
  // recovered: a probe gets through again, with no restart of the server
  while (!probes.some((p) => p.at > upAt && p.status === 200) && Date.now() - upAt < 60000) await sleep(200);
  const back = probes.filter((p) => p.at > upAt && p.status === 200).sort((a, b) => a.at - b.at)[0];
  await sleep(2000);
  submitting = false;
  await load;
  await approvingDuring;
  probing = false;
  await prober;

  // Never a crash: the one server process from the start is still there, and it came back by itself.
  expect(stack.server.crashes).toEqual([]);
  expect(stack.server.starts).toBe(1);
  expect(stack.server.running()).toBe(true);
  expect(back).toBeDefined();

  // While it was down: 503 DATABASE_UNAVAILABLE with a Chinese message; nothing else of 5xx; no hang.
  const outage = probes.filter((p) => p.at > downAt && p.at + p.ms < upAt);
  expect(outage.length).toBeGreaterThan(10);
  expect(outage.filter((p) => p.status !== 503)).toEqual([]);
  const all = [...answers, ...probes];
  const wrong = all.filter(
    (a) =>
      a.status === 0 ||
      (a.status >= 500 && !(a.status === 503 && a.code === 'DATABASE_UNAVAILABLE' && CHINESE.test(String(a.message)))),
  );
  // on failure, what the server logged tells which database error was not recognised
  const logged = wrong.length ? stack.server.logged.filter((l) => Math.abs(l.at - wrong[0]!.at) < 3000).slice(0, 5) : [];
  expect({ wrong, logged }).toEqual({ wrong: [], logged: [] });
  const slowest = all.reduce((max, a) => (a.ms > max.ms ? a : max), all[0]!);
  expect(slowest.ms).toBeLessThan(ANSWER_WITHIN_MS);

  // After: the last third approved, normally; those sent during the outage were resent until answered.
  await pool(toApprove.slice(2 * THIRD), 3, approve);
  expect(reviewsThroughOutage.size).toBeGreaterThan(0);
  const refused = answers.filter((a) => a.status !== 503 && a.status !== 200 && a.status !== 201);
  expect(refused).toEqual([]);

  // Every submission started was answered 200/201 in the end, and exists exactly once and whole,
  // including those that met the outage on the way.
  expect(throughOutage.size).toBeGreaterThan(0);
  expect(ids.size).toBe(BEFORE + started);
  const entries = mongoose.connection.db!.collection('ledger_entries');
  expect(await entries.countDocuments({})).toBe(BEFORE + started);
  const stored = new Map((await entries.find({}).toArray()).map((e) => [String(e.clientKey), e]));
  const broken = plan
    .filter((body) => ids.has(body.clientKey))
    .filter((body) => {
      const e = stored.get(body.clientKey);
      const start = Date.parse(body.startAt);
      const end = Date.parse(body.endAt);
      return (
        !e ||
        String(e._id) !== ids.get(body.clientKey) ||
        e.villageCode !== body.villageCode ||
        e.kind !== body.kind ||
        e.mode !== body.mode ||
        e.summary !== body.summary ||
        (e.startAt as Date).toISOString() !== body.startAt ||
        (e.endAt as Date).toISOString() !== body.endAt ||
        e.minutes !== (end - start) / 60000 ||
        JSON.stringify(e.months) !== JSON.stringify([...minutesPerMonth(start, end).keys()])
      );
    });
  expect(broken.map((b) => b.clientKey)).toEqual([]);

  // Reviews on their entries, and the rollups equal a recomputation from the entries.
  expect(await halfWrittenReviews()).toEqual([]);
  expect(await entries.countDocuments({ status: 'approved' })).toBe(BEFORE);
  const rollups = await compareRollups();
  expect(rollups.differences).toEqual([]);
  expect(rollups.compared).toBeGreaterThan(0);

  const unavailable = all.filter((a) => a.status === 503);
  console.log(
    `database-restart: stopping took ${((downAt - stopAt) / 1000).toFixed(1)} s, down ${((upAt - downAt) / 1000).toFixed(1)} s; ` +
      `${unavailable.length} answers 503 DATABASE_UNAVAILABLE, none another 5xx, slowest answer ${slowest.ms} ms (${slowest.what}); ` +
      `same server process answering again ${((back!.at + back!.ms - upAt) / 1000).toFixed(1)} s after the database was back; ` +
      `${BEFORE + started} entries whole (${throughOutage.size} met the outage), ${BEFORE} approvals on their entries ` +
      `(${reviewsThroughOutage.size} met the outage), ` +
      `${rollups.compared} rollups equal the recomputation`,
  );
}, 180000);
