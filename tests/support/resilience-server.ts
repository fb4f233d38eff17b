/**
 * A system for the resilience tests (tests/server/resilience): the embedded database and the fake
 * WeChat run in the test process, the Koa server in a child process (./resilience-server-child.ts)
 * on a fixed port. So the test can kill the server with SIGKILL and start it again on the same
 * address, or stop the database and start it again on the same port and data folder, while the
 * test process keeps its own mongoose connection to check what is stored.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../tools/db/embedded';
import { startTestDatabase, type TestDatabase } from './database';
import { connectDatabase, disconnectDatabase } from '../../server/src/db';
import { seedDemo } from '../../server/src/modules/demo/seed';
import { startFakeWechat, type FakeWechat } from './fake-wechat';

const ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const CHILD = path.join(__dirname, 'resilience-server-child.ts');
const START_TIMEOUT_MS = 60000;

export interface LoggedError {
  name: string;
  message: string;
  code?: unknown;
  /** when the test process read it (ms since the epoch) */
  at: number;
}

/** a line the child prints (./resilience-server-child.ts) */
type ChildEvent = { ready?: boolean; logged?: Omit<LoggedError, 'at'> };

export interface ServerProcess {
  baseUrl: string;
  port: number;
  /** errors the app logged (INTERNAL, DATABASE_UNAVAILABLE), over every run of the process */
  logged: LoggedError[];
  /** exits nobody asked for (a crash), with the exit code or signal */
  crashes: string[];
  /** how many times the server was started */
  starts: number;
  running(): boolean;
  start(): Promise<void>;
  /** SIGKILL: no cleanup, in-flight requests cut off; resolves once the process is gone */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period */
  stop(): Promise<void>;
}

export async function serverProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let expectedExit = false;
  const state: ServerProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    logged: [],
    crashes: [],
    starts: 0,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async start() {
      if (state.running()) throw new Error('the server is already running');
      expectedExit = false;
      const proc = spawn(process.execPath, [TSX_CLI, CHILD], {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, ...env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1' },
      });
      child = proc;
      state.starts += 1;
      let stderr = '';
      proc.stderr.setEncoding('utf8');
      proc.stderr.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-4000);
      });
      exited = new Promise<void>((resolve) =>
        proc.once('exit', (code, signal) => {
          if (!expectedExit) state.crashes.push(`exit ${code ?? signal}: ${stderr.slice(-1000)}`);
          resolve();
        }),
      );
      await new Promise<void>((resolve, reject) => {
        let buffered = '';
        const timer = setTimeout(() => {
          proc.kill('SIGKILL');
          reject(new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s:\n${stderr}`));
        }, START_TIMEOUT_MS);
        proc.stdout.setEncoding('utf8');
        proc.stdout.on('data', (chunk: string) => {
          buffered += chunk;
          let newline: number;
          while ((newline = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            let event: ChildEvent | null;
            try {
              event = JSON.parse(line) as ChildEvent | null;
            } catch {
              continue; // anything else the server prints
            }
            if (event?.logged) state.logged.push({ ...event.logged, at: Date.now() });
            if (event?.ready) {
              clearTimeout(timer);
              resolve();
            }
          }
        });
        proc.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`the server exited (${code ?? signal}) before it was ready:\n${stderr}`));
        });
      });
    },
    async kill() {
      if (!state.running()) return;
      expectedExit = true;
      child!.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!state.running()) return;
      expectedExit = true;
      child!.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    },
  };
  return state;
}

export interface ResilienceStack {
  /** the embedded engine, or with MONGODB_URI a database of that server (unless `ownDatabase`) */
  db: TestDatabase;
  wechat: FakeWechat;
  server: ServerProcess;
  /** every server process on this database (`server` is the first) */
  servers: ServerProcess[];
  /** the config values the server runs with (e.g. the cloud shared secret, to sign requests) */
  env: Record<string, string>;
  /** stops the database (SIGTERM, as an operator or a crash of the host would) */
  stopDb(): Promise<void>;
  /** starts the database again on the same port and data folder */
  restartDb(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Embedded database in a temporary folder, demo data (Fumeng county unless another county code is
 * given) seeded through this process's mongoose connection (kept open for the test's own checks),
 * fake WeChat, then the server process.
 */
export async function startResilienceStack(
  options: {
    countyCode?: string;
    servers?: number;
    env?: Record<string, string>;
    /** the test stops and restarts the database itself: always the embedded engine, even with MONGODB_URI */
    ownDatabase?: boolean;
  } = {},
): Promise<ResilienceStack> {
  const db = await startTestDatabase({ ownDatabase: options.ownDatabase });
  const wechat = await startFakeWechat();
  const env: Record<string, string> = {
    MONGODB_URI: db.uri,
    WECHAT_APPID: wechat.appid,
    WECHAT_SECRET: wechat.secret,
    WECHAT_API_BASE: wechat.baseUrl,
    CLOUD_SHARED_SECRET: 'resilience-test-cloud-shared-secret',
    // the clients here send far faster than people; these tests are not about rate limits
    RATE_LIMIT_LOGIN_PER_ADDRESS: '1000000',
    RATE_LIMIT_LOGIN_PER_PERSON: '1000000',
    RATE_LIMIT_POST_PER_ADDRESS: '1000000',
    RATE_LIMIT_POST_PER_PERSON: '1000000',
    ...options.env,
  };
  const servers: ServerProcess[] = [];
  try {
    await connectDatabase(db.uri);
    await seedDemo(options.countyCode);
    for (let i = 0; i < (options.servers ?? 1); i++) servers.push(await serverProcess(env));
    await Promise.all(servers.map((s) => s.start()));
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    await disconnectDatabase().catch(() => undefined);
    await db.stop();
    await wechat.stop();
    throw err;
  }
  const stack: ResilienceStack = {
    db,
    wechat,
    server: servers[0]!,
    servers,
    env,
    stopDb: () => db.pause(),
    restartDb: () => db.resume(),
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      await disconnectDatabase().catch(() => undefined);
      await db.stop();
      await wechat.stop();
    },
  };
  return stack;
}
