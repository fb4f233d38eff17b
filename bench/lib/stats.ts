/** Small statistics for noisy machines: medians and spread, never a single run. */

export interface Spread {
  n: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1),
  };
}

export const median = (samples: readonly number[]) => spread(samples).p50;

/** Milliseconds of one awaited call. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Runs `work` `times` times (after `warmup` untimed runs) and returns every duration in ms. */
export async function repeat(times: number, work: () => Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push((await timed(work)).ms);
  return out;
}

/** Runs `total` jobs with `concurrency` workers; returns each job's latency (ms) and the wall time. */
export async function concurrently(
  total: number,
  concurrency: number,
  job: (index: number, worker: number) => Promise<unknown>,
): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < total) {
        const index = next++;
        latencies.push((await timed(() => job(index, worker))).ms);
      }
    }),
  );
  return { latencies, wallMs: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Runs `jobs` with at most `width` at once. */
export async function pooled<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out = new Array<T>(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, jobs.length) }, async () => {
      while (next < jobs.length) {
        const index = next++;
        out[index] = await jobs[index]!();
      }
    }),
  );
  return out;
}

export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
