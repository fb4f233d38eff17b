/**
 * Benchmark 1: the province compliance report and one county report of a whole province (Henan),
 * through the HTTP API as an admin held at the province, against the floor: the raw driver
 * reading the same rollup documents (same filter, same count). The phases of each report are
 * timed in-process too, to say where the time goes.
 */
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { createSession } from '../server/src/modules/accounts/service';
import { UserModel, type UserDoc } from '../server/src/modules/accounts/model';
import { PlaceModel } from '../server/src/modules/places/model';
import { AssignmentModel } from '../server/src/modules/counsel/model';
import { countyPolicy } from '../server/src/modules/counsel/service';
import { LedgerRollupModel } from '../server/src/modules/ledger/model';
import { monthsOfQuarter, quarterOfMonth } from '../server/src/shared/periods';
import { ensureProvinceData, MONTH, PROVINCE, type ProvinceMeta } from './province-data';
import { startStack } from '../tests/support/stack';
import { compare, sideOf, type Comparison } from './lib/report';
import { fmt, median, repeat, timed } from './lib/stats';

const once = async (work: () => Promise<unknown>) => (await timed(work)).ms;

export interface ProvinceResult {
  data: ProvinceMeta & { reusedCache: boolean };
  county: { code: string; name: string; villages: number };
  comparisons: Comparison[];
  /** in-process phases of each report, median ms */
  phases: Record<string, Record<string, number>>;
  /** single requests on this province-sized database (the product paths of benchmarks 2 and 3) */
  atScale: Record<string, { p50: number; min: number; max: number; n: number }>;
}

const REPS = 4;
/** single requests of benchmarks 2 and 3 on the province database: each scans the big collections */
const AT_SCALE_REPS = 3;

async function get(baseUrl: string, token: string, url: string) {
  const res = await fetch(baseUrl + url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${url} → ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return body;
}

export async function benchProvince(
  cacheRoot: string,
  log: (line: string) => void,
): Promise<ProvinceResult> {
  const data = await ensureProvinceData(cacheRoot, log);
  log(`province ${PROVINCE}: ${data.built ? 'built this run' : `reusing ${path.relative(process.cwd(), data.dataDir)}`}`);
  const server = await startStack({ dataDir: path.join(data.dataDir, 'db'), seedDemo: false });
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
    const provinceFilter = {
      countyCode: { $in: counties.map((c) => c.code) },
      month: { $in: monthsOfQuarter(quarterOfMonth(MONTH)) },
    };
    const provinceHttp = await repeat(REPS, () => get(server.baseUrl, token, provinceUrl), 0);
    const provinceCounts = new Set<number>();
    const provinceFloor = await repeat(
      REPS,
      async () => provinceCounts.add((await db.collection('ledger_rollups').find(provinceFilter).toArray()).length),
      1,
    );
    const provinceDocs = [...provinceCounts][0]!;
    // the product read every rollup of the province's quarter: one per counsel and village here
    if (provinceCounts.size !== 1 || provinceDocs !== data.meta.rollups)
      throw new Error(`floor read ${[...provinceCounts]} rollups`);
    comparisons.push(
      compare(
        'province report',
        `GET /api/provinces/${PROVINCE}/compliance (${counties.length} counties, ${summary.villages} villages, ${provinceDocs} rollups)`,
        sideOf('HTTP, admin at the province', provinceHttp),
        sideOf(`raw driver find(${provinceDocs} rollups).toArray()`, provinceFloor),
        'p50 latency',
        [`compliant ${summary.compliant} of ${summary.villages} villages, ${summary.entries} entries in ${MONTH}`],
      ),
    );
    log(`  province report: HTTP p50 ${fmt(median(provinceHttp))} ms, floor p50 ${fmt(median(provinceFloor))} ms`);

    // phases of the province report, in-process: each query of it once (one timing each)
    phases.province = {
      'places of the province, one read (villages, counties, the province)': await once(() =>
        PlaceModel.find(
          { provinceCode: PROVINCE, level: { $in: ['province', 'county', 'village'] } },
          { code: 1, name: 1, level: 1, countyCode: 1 },
        ).lean(),
      ),
      'rollups of the quarter via mongoose .lean()': await once(() =>
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
      [`county policies (${counties.length} × countyPolicy)`]: await once(() =>
        Promise.all(counties.map((c) => countyPolicy(c.code))),
      ),
      'places findOne({code}) with no match (a full scan)': await once(() =>
        PlaceModel.findOne({ code: `${countyCode}000000` }).lean(),
      ),
      'places findById (_id: the one filter FerretDB hands to SQLite)': await once(() =>
        PlaceModel.findById(new Types.ObjectId()).lean(),
      ),
    };

    // --- county report ---
    const countyUrl = `/api/counties/${countyCode}/compliance?month=${MONTH}`;
    const countyReply = (await get(server.baseUrl, token, countyUrl)) as { summary: { villages: number } };
    if (countyReply.summary.villages !== countyVillages)
      throw new Error(`county report counts ${countyReply.summary.villages} villages`);
    const countyFilter = { countyCode, month: { $gte: `${MONTH.slice(0, 4)}-01`, $lte: `${MONTH.slice(0, 4)}-12` } };
    const countyHttp = await repeat(REPS, () => get(server.baseUrl, token, countyUrl), 0);
    const countyCounts = new Set<number>();
    const countyFloor = await repeat(
      REPS,
      async () => countyCounts.add((await db.collection('ledger_rollups').find(countyFilter).toArray()).length),
      1,
    );
    const countyDocs = [...countyCounts][0]!;
    if (countyCounts.size !== 1 || countyDocs !== countyVillages) throw new Error(`floor read ${[...countyCounts]} rollups`);
    comparisons.push(
      compare(
        'county report',
        `GET /api/counties/${countyCode}/compliance (${countyName}, ${countyVillages} villages, ${countyDocs} rollups)`,
        sideOf('HTTP, same admin', countyHttp),
        sideOf(`raw driver find(${countyDocs} rollups).toArray()`, countyFloor),
      ),
    );
    log(`  county report: HTTP p50 ${fmt(median(countyHttp))} ms, floor p50 ${fmt(median(countyFloor))} ms`);
    const assignments = await AssignmentModel.find({ countyCode, endedAt: null }, { counselId: 1 }).lean();
    phases.county = {
      'places: villages + townships of the county': await once(async () => {
        await PlaceModel.find({ level: 'village', countyCode }).lean();
        await PlaceModel.find({ level: 'township', countyCode }).lean();
      }),
      'rollups of the year via mongoose .lean()': await once(() => LedgerRollupModel.find(countyFilter).lean()),
      'assignments of the county': await once(() =>
        AssignmentModel.find({ countyCode, endedAt: null }, { counselId: 1, villageCode: 1 }).lean(),
      ),
      'counsel names (users by _id $in)': await once(() =>
        UserModel.find({ _id: { $in: assignments.map((a) => a.counselId) } }, { name: 1 }).lean(),
      ),
    };

    // --- the write paths of benchmarks 2 and 3, a few single requests on this province-sized database ---
    const atScale: ProvinceResult['atScale'] = {};
    const assignment = await AssignmentModel.findOne({ countyCode, endedAt: null }).lean();
    const counsel = (await UserModel.findById(assignment!.counselId).lean<UserDoc>())!;
    const counselSession = await createSession(counsel, 'demo', 3600 * 1000);
    const runId = Date.now().toString(36);
    const post = async (url: string, body: unknown, expect: number) => {
      const { ms, value: res } = await timed(() =>
        fetch(server.baseUrl + url, {
          method: 'POST',
          headers: { authorization: `Bearer ${counselSession.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
      const text = await res.text();
      if (res.status !== expect) throw new Error(`${url} → ${res.status} ${text.slice(0, 200)}`);
      return ms;
    };
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000);
    const submits: number[] = [];
    const posts: number[] = [];
    const syncs: number[] = [];
    for (let i = 0; i < AT_SCALE_REPS; i++) {
      // the first of each is cold (the place of the group is not cached yet): p50 shows the usual case
      submits.push(
        await post(
          '/api/ledger/entries',
          {
            clientKey: `scale-${runId}-${i}`,
            villageCode: assignment!.villageCode,
            kind: 'on_site_duty',
            startAt: new Date(yesterday.getTime() + i * 3600 * 1000).toISOString(),
            endAt: new Date(yesterday.getTime() + (i + 0.5) * 3600 * 1000).toISOString(),
            summary: '驻村值班',
          },
          201,
        ),
      );
      posts.push(
        await post(
          `/api/groups/${assignment!.villageCode}/messages`,
          { clientKey: `scale-${runId}-${i}`, text: '本周三上午在村委会值班，欢迎来咨询。' },
          201,
        ),
      );
      syncs.push(
        (
          await timed(() =>
            get(server.baseUrl, counselSession.token, `/api/groups/${assignment!.villageCode}/messages?after=0&limit=50`),
          )
        ).ms,
      );
    }
    const stat = (xs: number[]) => ({ p50: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
    if (submits.length) atScale['submitLedgerEntry (counsel, new key)'] = stat(submits);
    atScale['postGroupMessage (counsel in own village group)'] = stat(posts);
    atScale['groupMessages sync (after=0)'] = stat(syncs);
    if (server.errors.length) throw new Error(`server errors: ${String(server.errors[0])}`);
    return {
      data: { ...data.meta, reusedCache: !data.built },
      county: { code: countyCode, name: countyName, villages: countyVillages },
      comparisons,
      phases,
      atScale,
    };
  } finally {
    await server.stop();
  }
}
