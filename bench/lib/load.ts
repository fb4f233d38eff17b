/** Starts the client process (load-client.ts) once and sends it load plans, one at a time. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface LoadStep {
  kind: 'post' | 'sync';
  /** what the latency is reported as, e.g. "post" or "sync" */
  label: string;
  path: string;
  body?: unknown;
}

export interface LoadPlan {
  baseUrl: string;
  clients: { token: string; after?: number; steps: LoadStep[] }[];
}

export interface LoadResult {
  latencies: Record<string, number[]>;
  /** "<label> <status>" → count */
  statuses: Record<string, number>;
  wallMs: number;
  errorSample: unknown;
}

export interface LoadClient {
  run(plan: LoadPlan): Promise<LoadResult>;
  stop(): void;
}

export function startLoadClient(): LoadClient {
  const child: ChildProcess = fork(path.join(__dirname, 'load-client.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    run: (plan) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load client exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (message: LoadResult | { error: string }) => {
          child.off('exit', onExit);
          if ('error' in message) reject(new Error(message.error));
          else resolve(message);
        });
        child.send(plan);
      }),
    stop: () => {
      child.kill();
    },
  };
}

/**
 * Every client POSTs `per` bodies to its own path, one after another, all clients at once; every
 * reply must have `expect` status. Returns the latencies of those posts and the wall time.
 */
export async function runPosts(
  client: LoadClient,
  baseUrl: string,
  clients: readonly { token: string; path: string }[],
  per: number,
  bodyOf: (client: number, k: number) => unknown,
  expect: number,
  label: string,
): Promise<{ latencies: number[]; requests: number; wallMs: number }> {
  const r = await client.run({
    baseUrl,
    clients: clients.map((c, ci) => ({
      token: c.token,
      steps: Array.from({ length: per }, (_, k) => ({ kind: 'post' as const, label, path: c.path, body: bodyOf(ci, k) })),
    })),
  });
  const requests = clients.length * per;
  if (r.statuses[`${label} ${expect}`] !== requests)
    throw new Error(`${label}: ${JSON.stringify(r.statuses)} ${JSON.stringify(r.errorSample)}`);
  return { latencies: r.latencies[label]!, requests, wallMs: r.wallMs };
}
