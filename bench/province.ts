/**
 * Benchmark 1: the province compliance report and one county report of a whole province (Henan),
 * through the HTTP API as an admin held at the province, against the floor: the raw driver
 * reading the same rollup documents (same count) with equality filters only, the one kind of
 * filter FerretDB 1.24 pushes down to PostgreSQL, where the GIN twins of the rollups' indexes
 * serve it. The phases of each report are timed in-process too, to say where the time goes.
 * Then, on the same loaded database, the everyday requests (province-requests.ts) and the resident
 * memory of the processes at the end.
 *
 * The server runs in this process (tests/support/stack.ts on the kept data folder), so the
 * database commands each request issues can be counted on mongoose's client (lib/commands.ts).
 */
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { createSession } from '../server/src/modules/accounts/service';
import { UserModel, type UserDoc } from '../server/src/modules/users/model';
import { usersInCounties } from '../server/src/modules/users/queries';
import { PlaceModel } from '../server/src/modules/places/model';
import { placesOfCounty, placesOfProvince } from '../server/src/modules/places/lookup';
import { activeAssignmentsIn } from '../server/src/modules/counsel/queries';
import { countyPoliciesOfProvince, countyPolicy } from '../server/src/modules/county-policy/service';
import { LedgerRollupModel } from '../server/src/modules/ledger/model';
import { monthsOfQuarter, quarterOfMonth } from '../server/src/shared/periods';
import { ensureProvinceData, MONTH, PROVINCE, type ProvinceMeta } from './province-data';
import { startStack } from '../tests/support/stack';
import { compare, sideOf, type Comparison } from './lib/report';
import { fmt, median, pooled, repeat, timed } from './lib/stats';
import { commandCounter } from './lib/commands';
import { processMemory, processTreeMemory, type ProcessMemory } from './lib/memory';
import { provinceRequests, type RequestsResult } from './province-requests';

const once = async (work: () => Promise<unknown>) => (await timed(work)).ms;

export interface ProvinceResult {
  data: ProvinceMeta & { reusedCache: boolean };
  county: { code: string; name: string; villages: number };
  comparisons: Comparison[];
  /** in-process phases of each report, median ms */
  phases: Record<string, Record<string, number>>;
  /** single requests, command counts and 16 clients at once, on this province-sized database */
  requests: RequestsResult;
  /** resident memory at the end of the run (VmRSS) */
  memory: ProcessMemory[];
}

const REPS = 4;
/** floor of the province report: equality reads of (province, month) at most this many at once */
const FLOOR_WIDTH = 4;

async function get(baseUrl: string, token: string, url: string) {
  const res = await fetch(baseUrl + url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${url} → ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return body;
}

export async function benchProvince(cacheRoot: string, log: (line: string) => void): Promise<ProvinceResult> {
  const data = await ensureProvinceData(cacheRoot, log);
  log(`province ${PROVINCE}: ${data.built ? 'built this run' : `reusing ${path.relative(process.cwd(), data.dataDir)}`}`);
  // the content check (WeChat msg_sec_check) is a call to Tencent: off, so the figures are ours
  const server = await startStack({ dataDir: path.join(data.dataDir, 'db'), seedDemo: false, env: { CONTENT_CHECK: 'off' } });
  try {
    const db = mongoose.connection.db!;
    const admin = (await UserModel.findById(data.meta.adminId).lean<UserDoc>())!;
    const { token } = await createSession(admin, 'demo', 3600 * 1000);

    // the county with the most villages: the largest county report of the province
    const perCounty = new Map<string, number>();
    for (const v of await db
      .collection('places')
      .find({ level: 'village', provinceCode: PROVINCE }, { projection: { countyCode: 1 } })
      .toArray())
      perCounty.set(String(v.countyCode), (perCounty.get(String(v.countyCode)) ?? 0) + 1);
    const [countyCode, countyVillages] = [...perCounty.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const countyName = String((await db.collection('places').findOne({ code: countyCode }))?.name ?? '');
    log(`county report: ${countyCode} ${countyName} (${countyVillages} villages)`);

    const comparisons: Comparison[] = [];
    const phases: ProvinceResult['phases'] = {};

    // --- province report ---
    const provinceUrl = `/api/provinces/${PROVINCE}/compliance?month=${MONTH}`;
    const reply = await get(server.baseUrl, token, provinceUrl);
    const summary = reply.summary as { villages: number; compliant: number; entries: number };
    if (summary.villages !== data.meta.villages) throw new Error(`province report counts ${summary.villages} villages`);
    const counties = await PlaceModel.find({ level: 'county', provinceCode: PROVINCE }, { code: 1 }).lean();
    const quarterMonths = monthsOfQuarter(quarterOfMonth(MONTH));
    // the filter ledger/report.ts provinceCompliance reads the rollups by (provinceCode is pushed
    // down to PostgreSQL; the month $in is applied by FerretDB), for the phases below
    const provinceFilter = { provinceCode: PROVINCE, month: { $in: quarterMonths } };
    const provinceHttp = await repeat(REPS, () => get(server.baseUrl, token, provinceUrl), 0);
    const provinceCounts = new Set<number>();
    // the floor: one equality read per month of the quarter (provinceCode and month both pushed down), at once
    const provinceFloorRead = async () => {
      const reads = quarterMonths.map(
        (month) => () => db.collection('ledger_rollups').find({ provinceCode: PROVINCE, month }).toArray(),
      );
      const parts = await pooled(reads, FLOOR_WIDTH);
      return parts.reduce((n, docs) => n + docs.length, 0);
    };
    const provinceFloor = await repeat(REPS, async () => provinceCounts.add(await provinceFloorRead()), 1);
    const provinceDocs = [...provinceCounts][0]!;
    // the product read every rollup of the province's quarter: one per counsel and village here
    if (provinceCounts.size !== 1 || provinceDocs !== data.meta.rollups)
      throw new Error(`floor read ${[...provinceCounts].join(', ')} rollups`);
    comparisons.push(
      compare(
        'province report',
        `GET /api/provinces/${PROVINCE}/compliance (${counties.length} counties, ${summary.villages} villages, ${provinceDocs} rollups)`,
        sideOf('HTTP, admin at the province', provinceHttp),
        sideOf(
          `raw find({provinceCode, month}) × ${quarterMonths.length} months (${provinceDocs} rollups), at once`,
          provinceFloor,
        ),
        'p50 latency',
        [`compliant ${summary.compliant} of ${summary.villages} villages, ${summary.entries} entries in ${MONTH}`],
      ),
    );
    log(`  province report: HTTP p50 ${fmt(median(provinceHttp))} ms, floor p50 ${fmt(median(provinceFloor))} ms`);

    // phases of the province report, in-process: each query of it once (one timing each)
    // phases of the province report, in-process: each read of ledger/report.ts provinceCompliance once
    phases.province = {
      'places of the province: placesOfProvince (provinceCode equality; levels in FerretDB)': await once(() =>
        placesOfProvince(PROVINCE, ['province', 'county', 'village']),
      ),
      'rollups of the quarter via mongoose .lean() ({provinceCode, month $in})': await once(() =>
        LedgerRollupModel.find(provinceFilter, {
          villageCode: 1,
          month: 1,
          onSiteMinutes: 1,
          remoteMinutes: 1,
          lectures: 1,
          mediations: 1,
          entries: 1,
        }).lean(),
      ),
      [`county policies: countyPoliciesOfProvince (${counties.length} counties)`]: await once(() =>
        countyPoliciesOfProvince(
          PROVINCE,
          counties.map((c) => c.code),
        ),
      ),
      'for scale: places findOne({code}) with no match (equality, pushed down)': await once(() =>
        PlaceModel.findOne({ code: `${countyCode}000000` }).lean(),
      ),
      'for scale: places findById (equality on _id, pushed down)': await once(() =>
        PlaceModel.findById(new Types.ObjectId()).lean(),
      ),
    };

    // --- county report ---
    const countyUrl = `/api/counties/${countyCode}/compliance?month=${MONTH}`;
    const countyReply = (await get(server.baseUrl, token, countyUrl)) as { summary: { villages: number } };
    if (countyReply.summary.villages !== countyVillages)
      throw new Error(`county report counts ${countyReply.summary.villages} villages`);
    const year = MONTH.slice(0, 4);
    // the filter ledger/report.ts countyCompliance reads the rollups by (countyCode is pushed down;
    // the month range is applied by FerretDB), for the phases below
    const countyFilter = { countyCode, month: { $gte: `${year}-01`, $lte: `${year}-12` } };
    const countyHttp = await repeat(REPS, () => get(server.baseUrl, token, countyUrl), 0);
    const countyCounts = new Set<number>();
    // the floor: the county's rollups by equality, the year's months picked here
    const countyFloor = await repeat(
      REPS,
      async () =>
        countyCounts.add(
          (await db.collection('ledger_rollups').find({ countyCode }).toArray()).filter((r) =>
            String(r.month).startsWith(`${year}-`),
          ).length,
        ),
      1,
    );
    const countyDocs = [...countyCounts][0]!;
    if (countyCounts.size !== 1 || countyDocs !== countyVillages)
      throw new Error(`floor read ${[...countyCounts].join(', ')} rollups`);
    comparisons.push(
      compare(
        'county report',
        `GET /api/counties/${countyCode}/compliance (${countyName}, ${countyVillages} villages, ${countyDocs} rollups)`,
        sideOf('HTTP, same admin', countyHttp),
        sideOf(`raw find({countyCode}) (${countyDocs} rollups), year in memory`, countyFloor),
      ),
    );
    log(`  county report: HTTP p50 ${fmt(median(countyHttp))} ms, floor p50 ${fmt(median(countyFloor))} ms`);
    // phases of the county report, in-process: each read of ledger/report.ts countyCompliance once
    // (the report runs the first five at once, then the counsel's names)
    const assignments = await activeAssignmentsIn(countyCode);
    phases.county = {
      'places: placesOfCounty village + township': await once(async () => {
        await placesOfCounty(countyCode, 'village');
        await placesOfCounty(countyCode, 'township');
      }),
      'rollups of the year via mongoose .lean() ({countyCode, month range})': await once(() =>
        LedgerRollupModel.find(countyFilter).lean(),
      ),
      'assignments of the county: activeAssignmentsIn': await once(() => activeAssignmentsIn(countyCode)),
      'county policy: countyPolicy': await once(() => countyPolicy(countyCode)),
      [`counsel names: usersInCounties (${assignments.length} assignments)`]: await once(() =>
        usersInCounties(assignments.map((a) => ({ id: a.counselId, countyCode: a.countyCode }))),
      ),
    };

    // --- everyday requests with the province loaded ---
    const counter = commandCounter();
    let requests: RequestsResult;
    try {
      requests = await provinceRequests({ server, db, countyCode, perCounty, adminToken: token, counter, log });
    } finally {
      counter.stop();
    }
    comparisons.push(...requests.single, ...requests.concurrent);

    // --- resident memory at the end of the run ---
    const embedded = server.db.embedded;
    const memory = [
      processMemory('server (in-process: this bench process, holding the server and the bench)', process.pid),
      processMemory('FerretDB', embedded?.process.pid),
      processTreeMemory('PostgreSQL (postmaster and its children)', embedded?.postgres.pid),
    ];
    if (server.errors.length) throw new Error(`server errors: ${String(server.errors[0])}`);
    return {
      data: { ...data.meta, reusedCache: !data.built },
      county: { code: countyCode, name: countyName, villages: countyVillages },
      comparisons,
      phases,
      requests,
      memory,
    };
  } finally {
    await server.stop();
  }
}
