/**
 * The database a test suite runs on: by default the embedded engine (FerretDB on PostgreSQL, in a
 * temporary folder on a random port); with MONGODB_URI set, a fresh database of that MongoDB server
 * (named per suite, dropped at the end), so a county can run the server suites against its own
 * MongoDB 6+ deployment (README, "在自己的 MongoDB 上运行测试").
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedDb, type EmbeddedDb } from '../../tools/db/embedded';

export interface TestDatabase {
  uri: string;
  kind: 'embedded' | 'mongodb';
  /** the embedded engine's PostgreSQL (null on MongoDB) */
  postgresUrl: string | null;
  /** the embedded engine's processes (null on MongoDB) */
  embedded: EmbeddedDb | null;
  /** stops the embedded engine and keeps its data (as an operator or a crash of the host would) */
  pause(): Promise<void>;
  /** starts the embedded engine again on the same port and data */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestDatabase(
  options: {
    dataDir?: string;
    postgresSettings?: Record<string, string>;
    readyTimeoutMs?: number;
    /** the test stops and restarts the database itself: always the embedded engine, even with MONGODB_URI */
    ownDatabase?: boolean;
  } = {},
): Promise<TestDatabase> {
  const external = process.env.MONGODB_URI;
  if (external && !options.dataDir && !options.ownDatabase) {
    const url = new URL(external);
    const name = `vc-test-${process.pid}-${randomBytes(4).toString('hex')}`;
    url.pathname = `/${name}`;
    const uri = url.toString();
    return {
      uri,
      kind: 'mongodb',
      postgresUrl: null,
      embedded: null,
      pause: () => Promise.reject(new Error('only the embedded database can be stopped by a test')),
      resume: () => Promise.reject(new Error('only the embedded database can be restarted by a test')),
      async stop() {
        const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
        await client.db(name).dropDatabase();
        await client.close();
      },
    };
  }
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'vc-db-'));
  const start = (port?: number) =>
    startEmbeddedDb({
      dataDir,
      port,
      durable: false,
      postgresSettings: options.postgresSettings,
      readyTimeoutMs: options.readyTimeoutMs,
    });
  const db: TestDatabase = {
    ...(await start().then((e) => ({ uri: e.uri, postgresUrl: e.postgresUrl, embedded: e }))),
    kind: 'embedded',
    pause: () => db.embedded!.stop(),
    async resume() {
      db.embedded = await start(db.embedded!.port);
      db.postgresUrl = db.embedded.postgresUrl;
    },
    async stop() {
      await db.embedded!.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return db;
}
