/**
 * The benchmark's clients, in their own process (forked by bench/lib/load.ts) so that sending
 * requests does not compete with the server for its event loop. Each client runs its requests
 * one after another; all clients run at once. Replies are checked (status codes are counted and
 * returned), latencies are measured per request.
 */
import { send } from './http';
import type { LoadPlan, LoadResult } from './load';

const now = () => Number(process.hrtime.bigint()) / 1e6;

async function run(plan: LoadPlan): Promise<LoadResult> {
  const latencies: Record<string, number[]> = {};
  const statuses: Record<string, number> = {};
  let sample: unknown = null;
  const record = (label: string, ms: number, status: number, json: unknown) => {
    (latencies[label] ??= []).push(ms);
    const key = `${label} ${status}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (status >= 400 && sample === null) sample = json;
  };
  const start = now();
  await Promise.all(
    plan.clients.map(async (client) => {
      let after = client.after ?? 0;
      for (const step of client.steps) {
        if (step.kind === 'post') {
          const t = now();
          const res = await send(plan.baseUrl, 'POST', step.path, client.token, step.body);
          record(step.label, now() - t, res.status, res.json);
        } else {
          // sync: everything after the last seq this phone has seen
          const t = now();
          const res = await send(plan.baseUrl, 'GET', `${step.path}?after=${after}&limit=50`, client.token);
          record(step.label, now() - t, res.status, res.json);
          const items = (res.json?.items ?? []) as { seq: number }[];
          for (const item of items) after = Math.max(after, item.seq);
        }
      }
    }),
  );
  return { latencies, statuses, wallMs: now() - start, errorSample: sample };
}

process.on('message', (plan: LoadPlan) => {
  run(plan).then(
    (result) => process.send!(result),
    (err: unknown) => process.send!({ error: String(err) }),
  );
});
