/**
 * Which database queries the server issues while it answers HTTP requests, and whether the
 * database serves each from an index (server/src/store/README.md, rule 1).
 *
 * Requests run inside an AsyncLocalStorage context (set where the test server accepts them), and
 * the MongoDB driver's command monitoring emits `commandStarted` in the async context of the
 * operation, so the test's own queries are not counted. Each distinct query shape (collection,
 * command, filter keys and operators) is kept with one real example, then explained:
 * - on the embedded engine (FerretDB on PostgreSQL, started with `enable_seqscan=off` so that a
 *   sequential scan in the plan means no index could serve it), any `Seq Scan` of a collection's table;
 * - on MongoDB, any `COLLSCAN` stage.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CommandStartedEvent, Db, Document, MongoClient } from 'mongodb';

export const requestContext = new AsyncLocalStorage<{ route: string }>();

export interface IssuedQuery {
  route: string;
  command: string;
  collection: string;
  filter: Document;
  shape: string;
}

/** A filter's shape: its keys and operators, values replaced by their types. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value && typeof value === 'object' && value.constructor === Object)
    return Object.fromEntries(Object.entries(value as Document).map(([k, v]) => [k, shapeOf(v)]));
  return value === null ? 'null' : typeof value === 'object' ? value.constructor.name : typeof value;
}

function filtersOf(event: CommandStartedEvent): { collection: string; filter: Document }[] {
  const c = event.command;
  switch (event.commandName) {
    case 'find':
      return [{ collection: c.find, filter: c.filter ?? {} }];
    case 'count':
      return [{ collection: c.count, filter: c.query ?? {} }];
    case 'distinct':
      return [{ collection: c.distinct, filter: c.query ?? {} }];
    case 'findAndModify':
      return [{ collection: c.findAndModify, filter: c.query ?? {} }];
    case 'update':
      return (c.updates as Document[]).map((u) => ({ collection: c.update, filter: u.q ?? {} }));
    case 'delete':
      return (c.deletes as Document[]).map((d) => ({ collection: c.delete, filter: d.q ?? {} }));
    case 'aggregate': {
      const first = (c.pipeline as Document[])[0];
      return [{ collection: c.aggregate, filter: first?.$match ?? {} }];
    }
    default:
      return [];
  }
}

/** Commands the server sent while answering requests, by command name (for command counts). */
export const commandLog: string[] = [];

/** Starts recording the request-path queries of this client; returns them as they accumulate. */
export function recordRequestQueries(client: MongoClient): IssuedQuery[] {
  const issued: IssuedQuery[] = [];
  const seen = new Set<string>();
  client.on('commandStarted', (event) => {
    const context = requestContext.getStore();
    if (!context) return;
    commandLog.push(`${event.commandName} ${filtersOf(event)[0]?.collection ?? ''}`.trim());
    for (const { collection, filter } of filtersOf(event)) {
      const shape = `${event.commandName} ${collection} ${JSON.stringify(shapeOf(filter))}`;
      if (seen.has(shape)) continue;
      seen.add(shape);
      issued.push({ route: context.route, command: event.commandName, collection, filter, shape });
    }
  });
  return issued;
}

function scansIn(plan: unknown, found: string[] = []): string[] {
  if (Array.isArray(plan)) for (const p of plan) scansIn(p, found);
  else if (plan && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    // FerretDB's PostgreSQL plan: its own metadata tables are not collections
    if (node['Node Type'] === 'Seq Scan' && !String(node['Relation Name']).startsWith('_ferretdb_'))
      found.push(`Seq Scan on ${String(node['Relation Name'])}`);
    // MongoDB's plan
    if (node.stage === 'COLLSCAN') found.push('COLLSCAN');
    for (const v of Object.values(node)) if (v && typeof v === 'object') scansIn(v, found);
  }
  return found;
}

/** The issued queries the database cannot serve from an index, each with the route that issued it. */
export async function unindexed(db: Db, issued: readonly IssuedQuery[]): Promise<string[]> {
  const problems: string[] = [];
  for (const q of issued) {
    const explained = await db.command({ explain: { find: q.collection, filter: q.filter }, verbosity: 'queryPlanner' });
    const scans = scansIn(explained.queryPlanner ?? explained);
    if (scans.length) problems.push(`${q.route}: ${q.shape} → ${[...new Set(scans)].join(', ')}`);
  }
  return problems;
}
