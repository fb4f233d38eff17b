/**
 * The product server on an embedded database in a given (kept) data folder, for benchmarks whose
 * data takes minutes to build. Mirrors tests/support/stack.ts: same app, fake WeChat on 127.0.0.1,
 * rate limits lifted (the benchmark is one address sending far faster than people).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startEmbeddedDb, type EmbeddedDb } from '../../tools/db/embedded';
import { loadConfig } from '../../server/src/config';
import { connectDatabase, disconnectDatabase } from '../../server/src/db';
import { createApp } from '../../server/src/app';
import { createWechatClient } from '../../server/src/modules/wechat/client';
import { startFakeWechat } from '../../tests/support/fake-wechat';

export const UNLIMITED = {
  RATE_LIMIT_LOGIN_PER_ADDRESS: '1000000',
  RATE_LIMIT_LOGIN_PER_PERSON: '1000000',
  RATE_LIMIT_POST_PER_ADDRESS: '1000000',
  RATE_LIMIT_POST_PER_PERSON: '1000000',
};

export interface BenchServer {
  baseUrl: string;
  db: EmbeddedDb;
  errors: unknown[];
  stop(): Promise<void>;
}

/** Database only (data setup), connected through mongoose like the server. */
export async function startDatabase(dataDir: string): Promise<{ db: EmbeddedDb; stop(): Promise<void> }> {
  const db = await startEmbeddedDb({ dataDir, readyTimeoutMs: 120000 });
  try {
    await connectDatabase(db.uri);
  } catch (err) {
    await db.stop();
    throw err;
  }
  return {
    db,
    stop: async () => {
      await disconnectDatabase();
      await db.stop();
    },
  };
}

export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const { db, stop: stopDb } = await startDatabase(dataDir);
  const wechat = await startFakeWechat();
  const config = loadConfig({
    NODE_ENV: 'test',
    WECHAT_APPID: wechat.appid,
    WECHAT_SECRET: wechat.secret,
    WECHAT_API_BASE: wechat.baseUrl,
    ...UNLIMITED,
    ...env,
  });
  const errors: unknown[] = [];
  const app = createApp({ config, wechat: createWechatClient(config.wechat), log: (err) => errors.push(err) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    errors,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await stopDb();
      await wechat.stop();
    },
  };
}
