/**
 * The database of an admin command: MONGODB_URI when set (production), otherwise the embedded
 * database on DATA_DIR (default .data/db), started the way server/src/main.ts starts it and stopped
 * when the command ends.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { connectDatabase, disconnectDatabase } from '../db';
import { EmbeddedDbError, startEmbeddedDb, type EmbeddedDb } from '../../../tools/db/embedded';
import { AdminError } from './errors';

const say = (line: string) => process.stderr.write(`${line}\n`);

/** Host and database of a URI, without the credentials it may carry. */
function shown(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(MONGODB_URI)';
  }
}

async function startEmbedded(dataDir: string): Promise<EmbeddedDb> {
  say(
    `未设置 MONGODB_URI，在数据目录 ${dataDir} 启动内置数据库…… / MONGODB_URI not set: starting the embedded database on ${dataDir}`,
  );
  try {
    return await startEmbeddedDb({ dataDir, log: (line) => say(`  ${line}`) });
  } catch (err) {
    if (!(err instanceof EmbeddedDbError)) throw err;
    // a live PostgreSQL holds the folder (a stale pid file was removed by startEmbeddedDb)
    const inUse = existsSync(path.join(dataDir, 'postgresql', 'postmaster.pid'));
    throw new AdminError(
      inUse
        ? `内置数据库启动失败：数据目录 ${dataDir} 正被运行中的 village-counsel 服务器（或另一条管理命令）使用。\n` +
            '请先停止服务器，运行本命令后再启动服务器；或让服务器和本命令都通过 MONGODB_URI 连接同一个数据库。\n' +
            `The data folder ${dataDir} is in use by a running server: stop it first, or set MONGODB_URI for both.\n\n${err.message}`
        : `内置数据库启动失败 / the embedded database did not start:\n${err.message}`,
    );
  }
}

/** Runs `work` connected to the database, then disconnects (and stops the embedded database). */
export async function withDatabase<T>(work: () => Promise<T>): Promise<T> {
  // only the two settings this needs: the server's other settings (and production's required
  // secrets) are no business of an admin command
  const config = loadConfig({ MONGODB_URI: process.env.MONGODB_URI, DATA_DIR: process.env.DATA_DIR });
  const embedded = config.mongodbUri ? null : await startEmbedded(path.resolve(config.dataDir));
  const uri = config.mongodbUri ?? embedded!.uri;
  // Ctrl-C stops the embedded database cleanly; what was imported stays and a rerun goes on from there
  const onSignal = (signal: NodeJS.Signals) => {
    say(`\n已中断（${signal}），正在停止…… / interrupted, stopping ...`);
    void disconnectDatabase()
      .catch(() => undefined)
      .then(() => embedded?.stop())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    try {
      await connectDatabase(uri);
    } catch (err) {
      throw new AdminError(`无法连接数据库 ${shown(uri)}：${(err as Error).message}\nCannot connect to the database.`);
    }
    return await work();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await disconnectDatabase().catch(() => undefined);
    await embedded?.stop();
  }
}
