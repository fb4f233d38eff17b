/**
 * A real running system for tests: the embedded database (temporary folder, random port), the Koa app
 * on a random port over real HTTP, optionally the Fumeng demo data, optionally pointed at a fake
 * WeChat API server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startEmbeddedDb, type EmbeddedDb } from '../../tools/db/embedded';
import { loadConfig, type Config } from '../../server/src/config';
import { connectDatabase, disconnectDatabase } from '../../server/src/db';
import { createApp } from '../../server/src/app';
import { createWechatClient } from '../../server/src/modules/wechat/client';
import { seedDemo } from '../../server/src/modules/demo/seed';
import { startFakeWechat, type FakeWechat } from './fake-wechat';

export interface Stack {
  baseUrl: string;
  db: EmbeddedDb;
  config: Config;
  /** the local fake WeChat API this stack talks to (null when the caller passed its own) */
  wechat: FakeWechat | null;
  /** server-side errors logged by the app (a test can assert there were none) */
  errors: unknown[];
  stop(): Promise<void>;
}

export interface StackOptions {
  seedDemo?: boolean;
  env?: Record<string, string>;
  /** a data folder to use and keep (benchmarks reuse built data); by default a temporary one, removed on stop */
  dataDir?: string;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'vc-db-'));
  // a large kept database takes longer to open
  const db = await startEmbeddedDb({ dataDir, durable: false, readyTimeoutMs: options.dataDir ? 120000 : undefined });
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
    const config = loadConfig({ NODE_ENV: 'test', ...unlimited, ...wechatEnv, ...options.env });
    if (options.seedDemo ?? true) await seedDemo();
    const errors: unknown[] = [];
    const app = createApp({ config, wechat: createWechatClient(config.wechat), log: (err) => errors.push(err) });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      db,
      config,
      wechat,
      errors,
      stop: async () => {
        await new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
        await disconnectDatabase();
        await db.stop();
        await wechat?.stop();
        if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await db.stop();
    await wechat?.stop();
    throw err;
  }
}
