/**
 * A real running system for tests: the embedded database (temporary folder, random port), the Koa app
 * on a random port over real HTTP, optionally the Fumeng demo data, optionally pointed at a fake
 * WeChat API server.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import mongoose from 'mongoose';
import { commandLog, recordRequestQueries, requestContext, unindexed, type IssuedQuery } from './query-audit';
import { startTestDatabase, type TestDatabase } from './database';
import { loadConfig, type Config } from '../../server/src/config';

/** the message-push token of every test stack (WeChat's console setting) */
export const TEST_PUSH_TOKEN = 'test-push-token';
import { connectDatabase, disconnectDatabase } from '../../server/src/db';
import { createApp } from '../../server/src/app';
import { createLogger } from '../../server/src/shared/log';
import { createWechatClient } from '../../server/src/modules/wechat/client';
import { seedDemo } from '../../server/src/modules/demo/seed';
import { startFakeWechat, type FakeWechat } from './fake-wechat';

export interface Stack {
  baseUrl: string;
  db: TestDatabase;
  config: Config;
  /** the local fake WeChat API this stack talks to (null when the caller passed its own) */
  wechat: FakeWechat | null;
  /** server-side errors logged by the app (a test can assert there were none) */
  errors: unknown[];
  /** the app's log lines (JSON), when started with `captureLogs` */
  logs: string[];
  /** every distinct query shape the server issued while answering requests (./query-audit.ts) */
  issued: IssuedQuery[];
  /** those of them the database serves without an index (needs `auditQueries` on the embedded engine) */
  unindexedQueries(): Promise<string[]>;
  /** the database commands the server sent while `work` ran (run nothing else meanwhile) */
  commandsDuring(work: () => Promise<unknown>): Promise<string[]>;
  stop(): Promise<void>;
}

export interface StackOptions {
  seedDemo?: boolean;
  env?: Record<string, string>;
  /** a data folder to use and keep (benchmarks reuse built data); by default a temporary one, removed on stop */
  dataDir?: string;
  /** PostgreSQL settings for the embedded database (tools/db/embedded.ts) */
  postgresSettings?: Record<string, string>;
  /**
   * Prove the queries index-backed: on the embedded engine, PostgreSQL plans with sequential scans
   * disabled, so a scan left in a plan means no index can serve the query.
   */
  auditQueries?: boolean;
  /** keep the app's log lines (level info) in `logs`; otherwise nothing is written, errors are still collected */
  captureLogs?: boolean;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // a large kept database takes longer to open
  const db = await startTestDatabase({
    dataDir: options.dataDir,
    postgresSettings: { ...(options.auditQueries ? { enable_seqscan: 'off' } : {}), ...options.postgresSettings },
    readyTimeoutMs: options.dataDir ? 120000 : undefined,
  });
  // Never let a test reach the real WeChat servers: unless told otherwise, talk to a local fake.
  const wechat = options.env?.WECHAT_API_BASE ? null : await startFakeWechat();
  const wechatEnv = wechat ? { WECHAT_APPID: wechat.appid, WECHAT_SECRET: wechat.secret, WECHAT_API_BASE: wechat.baseUrl } : {};
  try {
    await connectDatabase(db.uri);
    // tests log in and post far faster than people; rate-limit tests set their own limits
    const unlimited = {
      RATE_LIMIT_LOGIN_PER_ADDRESS: '1000000',
      RATE_LIMIT_LOGIN_PER_PERSON: '1000000',
      RATE_LIMIT_POST_PER_ADDRESS: '1000000',
      RATE_LIMIT_POST_PER_PERSON: '1000000',
    };
    // listening first: WeChat's image checks fetch from our public address and push to it
    let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
    const server: Server = await new Promise((resolve) => {
      // Koa's handler answers its own errors (its promise does not reject)
      const s = createServer((req, res) =>
        requestContext.run({ route: `${req.method} ${req.url?.split('?')[0]}` }, () => void handle!(req, res)),
      );
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    // a test bringing its own fake WeChat points it here (pushUrl, pushToken) once the stack is up
    const pushEnv = { PUBLIC_BASE_URL: baseUrl, WECHAT_PUSH_TOKEN: TEST_PUSH_TOKEN };
    const config = loadConfig({ NODE_ENV: 'test', ...unlimited, ...wechatEnv, ...pushEnv, ...options.env });
    if (wechat) {
      wechat.pushUrl = `${baseUrl}/api/wechat/push`;
      wechat.pushToken = config.wechatPush.token;
    }
    if (options.seedDemo ?? true) await seedDemo();
    const errors: unknown[] = [];
    // work still under way when the stack stops (a late content check) fails on the closing database
    // client: that is the shutdown's doing, so errors count only until stop() begins
    let stopping = false;
    const logs: string[] = [];
    const log = createLogger({
      level: options.captureLogs ? 'info' : 'error',
      destination: { write: (line) => void (options.captureLogs && logs.push(line)) },
      onError: (err) => {
        if (!stopping) errors.push(err);
      },
    });
    const app = createApp({ config, wechat: createWechatClient(config.wechat), log });
    const issued = recordRequestQueries(mongoose.connection.getClient());
    handle = app.callback();
    return {
      baseUrl,
      db,
      config,
      wechat,
      errors,
      logs,
      issued,
      unindexedQueries: () => unindexed(mongoose.connection.db!, issued),
      async commandsDuring(work) {
        const from = commandLog.length;
        await work();
        return commandLog.slice(from);
      },
      stop: async () => {
        stopping = true;
        await new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
        await disconnectDatabase();
        await db.stop();
        await wechat?.stop();
      },
    };
  } catch (err) {
    await db.stop();
    await wechat?.stop();
    throw err;
  }
}
