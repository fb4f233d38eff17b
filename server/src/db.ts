import mongoose from 'mongoose';

// Request data never reaches a filter unvalidated: bodies with `$`/`.` keys are refused in
// shared/http.ts and every field is typed by its zod contract, so filters carry no injected operators.
mongoose.set('strictQuery', true);

const OPTIONS: mongoose.ConnectOptions = {
  serverSelectionTimeoutMS: 5000,
  // bounds a healthy heartbeat (hello) and a new connection, so a longer one means the hang below
  connectTimeoutMS: 10000,
  autoIndex: true,
  // command events let tests and the benchmark count the database commands of each request
  // (store/README.md, rule 2); a listener-less event costs next to nothing
  monitorCommands: true,
};

/**
 * A heartbeat that has neither succeeded nor failed after this long is the MongoDB driver's hang
 * (mongodb 6.20): when the database closes the monitoring connection just as a heartbeat is
 * written, the write waits for 'drain' on a destroyed socket forever, the database is never checked
 * again, and every request would answer 503 until the server is restarted. Seen when the database
 * restarts under load (tests/server/resilience/database-restart.test.ts).
 */
const HEARTBEAT_STUCK_MS = 25000;

let watchdog: NodeJS.Timeout | undefined;
let closing = false;

/** Watches the heartbeats of the current client; on the hang, closes it and connects again. */
function watchHeartbeats(uri: string) {
  clearInterval(watchdog);
  const client = mongoose.connection.getClient();
  let pendingSince: number | null = null;
  client.on('serverHeartbeatStarted', () => (pendingSince ??= Date.now()));
  client.on('serverHeartbeatSucceeded', () => (pendingSince = null));
  client.on('serverHeartbeatFailed', () => (pendingSince = null));
  watchdog = setInterval(() => {
    if (pendingSince === null || Date.now() - pendingSince < HEARTBEAT_STUCK_MS) return;
    clearInterval(watchdog);
    void (async () => {
      await mongoose.disconnect().catch(() => undefined);
      // until the database answers again; requests meanwhile get 503 DATABASE_UNAVAILABLE
      while (!closing) {
        try {
          await mongoose.connect(uri, OPTIONS);
          watchHeartbeats(uri);
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  }, 5000);
  watchdog.unref();
}

export async function connectDatabase(uri: string): Promise<typeof mongoose> {
  closing = false;
  await mongoose.connect(uri, OPTIONS);
  // Make sure every unique index exists before the first request relies on it.
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  watchHeartbeats(uri);
  return mongoose;
}

export async function disconnectDatabase(): Promise<void> {
  closing = true;
  clearInterval(watchdog);
  await mongoose.disconnect();
}
