import { connectDatabase } from './db';
import { finishInterruptedReviews } from './modules/ledger/reviews';
import { stampOlderMessages } from './modules/groups/log';

/**
 * What every server process does before it listens: connect, then finish what a stopped process
 * left half-done (there are no transactions to roll it back).
 */
export async function connectAndRepair(uri: string): Promise<{ reviewsFinished: number; messagesStamped: number }> {
  await connectDatabase(uri);
  return { reviewsFinished: await finishInterruptedReviews(), messagesStamped: await stampOlderMessages() };
}
