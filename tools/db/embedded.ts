/**
 * Builds (once, cached) and runs the embedded MongoDB-compatible database:
 * FerretDB v1.24.2 on SQLite, from the Go module in tools/ferretdb.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const MODULE_DIR = path.resolve(__dirname, '..', 'ferretdb');
const BIN_DIR = path.join(MODULE_DIR, 'bin');

export class EmbeddedDbError extends Error {}

/** The binary's name carries a hash of the module's sources, so an edit rebuilds it. */
function binaryPath(): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(path.join(MODULE_DIR, file)));
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
  log(`building embedded database (FerretDB v1.24.2) into ${path.relative(process.cwd(), bin)} ...`);
  mkdirSync(BIN_DIR, { recursive: true });
  const build = spawnSync('go', ['build', '-trimpath', '-o', bin, '.'], {
    cwd: MODULE_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    throw new EmbeddedDbError(`构建内置数据库失败（go build 退出码 ${build.status}）。Embedded database build failed.`);
  }
  return bin;
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

export interface EmbeddedDb {
  uri: string;
  port: number;
  dataDir: string | null;
  process: ChildProcess;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** SQLite files go here; null keeps everything in memory. */
  dataDir: string | null;
  port?: number;
  dbName?: string;
  log?: (line: string) => void;
  /** How long to wait for the port to accept connections. */
  readyTimeoutMs?: number;
}

export async function startEmbeddedDb(options: StartOptions): Promise<EmbeddedDb> {
  const bin = ensureBinary(options.log);
  const port = options.port ?? (await freePort());
  const args = ['-listen', `127.0.0.1:${port}`];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dir', path.resolve(options.dataDir));
  }
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30000);
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new EmbeddedDbError(`内置数据库启动失败：\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new EmbeddedDbError(`内置数据库在规定时间内未就绪：\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return {
    uri: `mongodb://127.0.0.1:${port}/${options.dbName ?? 'village-counsel'}`,
    port,
    dataDir: options.dataDir,
    process: child,
    stop,
  };
}
