/**
 * The embedded database alone in a given (kept) data folder, for benchmark data that takes minutes
 * to build; the product server on such a folder is tests/support/stack.ts startStack({ dataDir }).
 */
import { startEmbeddedDb, type EmbeddedDb } from '../../tools/db/embedded';
import { connectDatabase, disconnectDatabase } from '../../server/src/db';

/** Database only (data setup), connected through mongoose like the server. */
export async function startDatabase(dataDir: string): Promise<{ db: EmbeddedDb; stop: () => Promise<void> }> {
  const db = await startEmbeddedDb({ dataDir, durable: false, readyTimeoutMs: 120000 });
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
