/**
 * Reads what one Schemathesis run recorded (its NDJSON event stream, `--report ndjson`) into counts
 * — operations, requests, failures by check — and its distinct failures, each with a curl line to
 * reproduce it. The stream is Schemathesis' own: every request it sent is an interaction of a
 * finished scenario, every check result sits beside it (secrets already replaced by `[Filtered]`).
 */
import { readFileSync } from 'node:fs';

export interface Failure {
  check: string;
  /** Schemathesis' failure code and title, e.g. ST101 Server error */
  code: string;
  title: string;
  /** the documented operation, e.g. `GET /api/me` */
  operation: string;
  /** the method actually sent (the unsupported-method checks send others) */
  method: string;
  status: number | null;
  /** first line of Schemathesis' message */
  message: string;
  /** the start of the reply's body */
  reply: string;
  /** the stable error code the reply names, if any */
  errorCode: string;
  curl: string;
}

export interface RunSummary {
  operations: number;
  requests: number;
  /** requests by response status */
  statuses: Record<string, number>;
  /** the same by operation (`POST /api/auth/cloud`), for the unit phases (a stateful scenario spans several) */
  statusesByOperation: Record<string, Record<string, number>>;
  /** failed check results by check name (every failing request counts) */
  failuresByCheck: Record<string, number>;
  /** check results by check name, passed or failed: which checks ran at all (our own hook's included) */
  checksRun: Record<string, number>;
  /** distinct failures: one per check, operation, method sent, status, error code and message */
  failures: Failure[];
  /** errors Schemathesis met itself (could not generate, connection refused, timeout, ...) */
  errors: string[];
}

interface Recorded {
  request: { method: string; uri: string; headers?: Record<string, string[]>; body?: { $base64: string } | null };
  response?: { status_code: number; content?: { $base64: string } | null } | null;
}
interface CheckResult {
  name: string;
  status: string;
  failure_info?: { failure: { code?: string; title: string; message: string; operation: string } };
}
interface ScenarioFinished {
  status: string;
  recorder: { label: string; interactions?: Record<string, Recorded>; checks?: Record<string, CheckResult[]> };
}

const decode = (body: { $base64: string } | null | undefined) =>
  body?.$base64 ? Buffer.from(body.$base64, 'base64').toString('utf8') : '';
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function curl(recorded: Recorded | undefined): string {
  if (!recorded) return '';
  const { method, uri, headers = {}, body } = recorded.request;
  const parts = ['curl', '-X', method];
  for (const [name, values] of Object.entries(headers)) {
    if (['user-agent', 'accept', 'accept-encoding', 'connection', 'content-length'].includes(name.toLowerCase())) continue;
    for (const value of values) parts.push('-H', quote(`${name}: ${value}`));
  }
  if (body?.$base64) parts.push('-d', quote(decode(body)));
  parts.push(quote(uri));
  return parts.join(' ');
}

export function summariseNdjson(file: string): RunSummary {
  const operations = new Set<string>();
  const requests = new Set<string>();
  const statuses: Record<string, number> = {};
  const statusesByOperation: Record<string, Record<string, number>> = {};
  const failuresByCheck: Record<string, number> = {};
  const checksRun: Record<string, number> = {};
  const failures = new Map<string, Failure>();
  const errors: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as Record<string, Record<string, unknown>>;
    const [kind, body] = Object.entries(event)[0]!;
    if (kind === 'NonFatalError' || kind === 'FatalError') {
      errors.push(`${kind} ${JSON.stringify(body.label ?? '')}: ${JSON.stringify(body.info ?? body).slice(0, 300)}`);
      continue;
    }
    if (kind !== 'ScenarioFinished') continue;
    const { recorder, status } = body as unknown as ScenarioFinished;
    if (status === 'error') errors.push(`${recorder.label}: scenario errored`);
    const interactions = recorder.interactions ?? {};
    if (Object.keys(interactions).length > 0 && recorder.label !== 'Stateful tests') operations.add(recorder.label);
    for (const [caseId, recorded] of Object.entries(interactions)) {
      if (requests.has(caseId)) continue;
      requests.add(caseId);
      const code = String(recorded.response?.status_code ?? 'none');
      statuses[code] = (statuses[code] ?? 0) + 1;
      if (recorder.label !== 'Stateful tests') {
        const byStatus = (statusesByOperation[recorder.label] ??= {});
        byStatus[code] = (byStatus[code] ?? 0) + 1;
      }
    }
    for (const [caseId, results] of Object.entries(recorder.checks ?? {})) {
      for (const result of results) {
        checksRun[result.name] = (checksRun[result.name] ?? 0) + 1;
        if (result.status !== 'failure' || !result.failure_info) continue;
        failuresByCheck[result.name] = (failuresByCheck[result.name] ?? 0) + 1;
        const { failure } = result.failure_info;
        const recorded = interactions[caseId];
        const failed: Failure = {
          check: result.name,
          code: failure.code ?? '',
          title: failure.title,
          operation: failure.operation,
          method: recorded?.request.method ?? '',
          status: recorded?.response?.status_code ?? null,
          message: failure.message.split('\n')[0] ?? '',
          reply: decode(recorded?.response?.content).slice(0, 300),
          errorCode: /^\{"error":\{"code":"([A-Z0-9_]+)"/.exec(decode(recorded?.response?.content))?.[1] ?? '',
          curl: curl(recorded),
        };
        const key = [failed.check, failed.operation, failed.method, failed.status, failed.errorCode, failed.message].join('|');
        if (!failures.has(key)) failures.set(key, failed);
      }
    }
  }
  return {
    operations: operations.size,
    requests: requests.size,
    statuses,
    statusesByOperation,
    failuresByCheck,
    checksRun,
    failures: [...failures.values()],
    errors,
  };
}
