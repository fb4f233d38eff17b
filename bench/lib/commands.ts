/**
 * Counts the database commands (MongoDB wire-protocol commands: find, insert, getMore, …) a
 * product request issues, from the MongoDB driver's command monitoring on mongoose's client: every
 * `commandStarted` between sending a request and receiving its reply, with no other request in
 * flight, belongs to that request.
 *
 * The driver emits `commandStarted` only when the client was created with `monitorCommands: true`;
 * server/src/db.ts (connectDatabase) sets it.
 */
import mongoose from 'mongoose';
import type { CommandStartedEvent, MongoClient } from 'mongodb';

/** Handshakes of a new pooled connection (pool growth), not commands of the request. */
const HANDSHAKES = new Set(['hello', 'ismaster', 'isMaster']);

export interface CommandCount {
  /** commands the request issued (handshakes excluded) */
  count: number;
  /** the same, by command and collection, e.g. "find users" */
  byName: Record<string, number>;
  /** connection handshakes seen in the window (a new pooled connection), not counted */
  handshakes: number;
}

export interface CommandCounter {
  /** Runs one request alone and counts the commands started until it answered (and `settleMs` after). */
  count<T>(request: () => Promise<T>, settleMs?: number): Promise<{ value: T } & CommandCount>;
  stop(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts counting on mongoose's current client (call after the server has connected). */
export function commandCounter(): CommandCounter {
  const client = mongoose.connection.getClient() as unknown as MongoClient & { options: { monitorCommands?: boolean } };
  if (client.options.monitorCommands !== true)
    throw new Error(
      'the database client was created without monitorCommands: true (server/src/db.ts OPTIONS), so no command can be counted',
    );
  let window: CommandCount | null = null;
  const listener = (event: CommandStartedEvent) => {
    if (!window) return;
    if (HANDSHAKES.has(event.commandName)) {
      window.handshakes += 1;
      return;
    }
    window.count += 1;
    // find/insert/update/delete/count… name their collection as the command's value; getMore as `collection`
    const command = event.command as Record<string, unknown>;
    const target = event.commandName === 'getMore' ? command.collection : command[event.commandName];
    const key = typeof target === 'string' ? `${event.commandName} ${target}` : event.commandName;
    window.byName[key] = (window.byName[key] ?? 0) + 1;
  };
  client.on('commandStarted', listener);
  return {
    async count(request, settleMs = 25) {
      if (window) throw new Error('one request at a time');
      window = { count: 0, byName: {}, handshakes: 0 };
      try {
        const value = await request();
        // anything the server still sends right after answering belongs to this request too
        await sleep(settleMs);
        return { value, ...window };
      } finally {
        window = null;
      }
    },
    stop() {
      client.off('commandStarted', listener);
    },
  };
}
