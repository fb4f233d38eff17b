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
