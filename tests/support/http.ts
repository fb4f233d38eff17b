/** A small typed HTTP client for tests: real requests, JSON in and out, no exceptions on 4xx. */
import { fillPath, PATHS, type RouteId } from '../../types/src';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  /** raw body text, sent as is (malformed JSON tests) */
  raw?: string;
  headers?: Record<string, string>;
}

export async function request(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const url = new URL(path, baseUrl);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method: method.toUpperCase(), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : null;
  return { status: res.status, body: parsed, headers: res.headers };
}

export function api(baseUrl: string) {
  return (id: RouteId, options: CallOptions = {}) => {
    const route = PATHS[id];
    return request(baseUrl, route.method, fillPath(route.path, options.params), options);
  };
}

/** Logs in as the demo identity whose name matches; returns the session token and user. */
export async function demoLogin(baseUrl: string, name: string): Promise<{ token: string; user: any }> {
  const call = api(baseUrl);
  const identities = await call('demoIdentities');
  const identity = identities.body.items.find((i: { name: string }) => i.name === name);
  if (!identity) throw new Error(`no demo identity ${name}`);
  const session = await call('demoLogin', { body: { userId: identity.id } });
  if (session.status !== 200) throw new Error(`demo login failed: ${JSON.stringify(session.body)}`);
  return { token: session.body.token, user: session.body.user };
}
