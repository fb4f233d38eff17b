/** One JSON request with a bearer token, for the benchmark's clients; the reply's status and parsed body. */
export interface Reply {
  status: number;
  json: Record<string, unknown> | null;
}

export async function send(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<Reply> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
