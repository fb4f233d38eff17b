/**
 * The Koa server alone in its own node process, for the resilience tests (started by
 * ./resilience-server.ts through tsx). It connects to the database named by MONGODB_URI, which the
 * test process runs, so killing this process (SIGKILL) loses no data. It listens on PORT and
 * prints one JSON line per event on stdout: { ready: true } once it answers, and
 * { logged: { name, message, code } } for every error the app logs (INTERNAL, DATABASE_UNAVAILABLE).
 * SIGTERM, or the parent closing stdin, stops it cleanly.
 */
import type { Server } from 'node:http';
import { loadConfig } from '../../server/src/config';
import { disconnectDatabase } from '../../server/src/db';
import { connectAndRepair } from '../../server/src/startup';
import { createApp } from '../../server/src/app';
import { createLogger } from '../../server/src/shared/log';
import { createWechatClient } from '../../server/src/modules/wechat/client';

const emit = (event: unknown) => process.stdout.write(`${JSON.stringify(event)}\n`);

async function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  if (!config.mongodbUri) throw new Error('MONGODB_URI is required');
  await connectAndRepair(config.mongodbUri); // as server/src/main.ts does
  const app = createApp({
    config,
    wechat: createWechatClient(config.wechat),
    // errors only, reported on this process's own stdout protocol; nothing else is written
    log: createLogger({
      level: 'error',
      destination: { write: () => undefined },
      onError: (err) => {
        const e = err as { name?: unknown; message?: unknown; code?: unknown };
        emit({
          logged: {
            name: typeof e?.name === 'string' ? e.name : typeof err,
            message: String(e?.message ?? err).slice(0, 500),
            code: e?.code,
          },
        });
      },
    }),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    server.close();
    // exits either way: a failed disconnect changes nothing for a process that is ending
    disconnectDatabase()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  emit({ ready: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
