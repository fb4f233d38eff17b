/** Direct API calls from tests (node fetch), to log in and to check what the server holds. */
import http from 'node:http';
import type { DemoIdentity, Session } from '@vc/types';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}: ${JSON.stringify(body)}`);
  }
}

/** JSON over node http (the jsdom test environment has no fetch). */
export function api<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const payload = body !== undefined ? JSON.stringify(body) : undefined;
  return new Promise<T>((resolve, reject) => {
    const req = http.request(
      new URL(baseUrl + path),
      {
        method,
        headers: {
          accept: 'application/json',
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let data: unknown = text;
          try {
            data = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) reject(new HttpError(status, data));
          else resolve(data as T);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export async function demoIdentities(baseUrl: string): Promise<DemoIdentity[]> {
  return (await api<{ items: DemoIdentity[] }>(baseUrl, 'GET', '/api/auth/demo-identities')).items;
}

export async function demoLogin(baseUrl: string, userId: string): Promise<Session> {
  return api<Session>(baseUrl, 'POST', '/api/auth/demo', undefined, { userId });
}
