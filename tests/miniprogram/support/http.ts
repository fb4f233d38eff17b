/** Direct API calls from tests (node fetch), to log in and to check what the server holds. */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { DemoIdentity, Session } from '@vc/types';
import { signCloudRequest } from '../../../types/src/cloud-signing';
import { SIGNATURE_HEADERS } from '../../../types/src/signing-headers';

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

/** A demo identity's session, found by its shown name. */
export async function demoLoginByName(baseUrl: string, name: string): Promise<Session> {
  const who = (await demoIdentities(baseUrl)).find((d) => d.name === name);
  if (!who) throw new Error(`no demo identity named ${name}`);
  return demoLogin(baseUrl, who.id);
}

/** A person's first login as the login cloud function makes it: /api/auth/cloud, signed with the shared secret. */
export function cloudLogin(baseUrl: string, secret: string, openid: string): Promise<Session> {
  const body = JSON.stringify({ openid });
  const timestamp = String(Date.now());
  const nonce = randomBytes(12).toString('hex');
  return new Promise<Session>((resolve, reject) => {
    const req = http.request(
      new URL(`${baseUrl}/api/auth/cloud`),
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADERS.timestamp]: timestamp,
          [SIGNATURE_HEADERS.nonce]: nonce,
          [SIGNATURE_HEADERS.signature]: signCloudRequest(secret, timestamp, nonce, body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text) as Session) : reject(new Error(text))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A multipart/form-data body with one file (field `name`) after any plain fields, as wx.uploadFile sends it. */
export function multipartBody(
  file: { name: string; fileName: string; type: string; bytes: Buffer },
  fields: Record<string, string> = {},
): { body: Buffer; contentType: string } {
  const boundary = `----vc${Date.now().toString(16)}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const body = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs one file as multipart/form-data; resolves with the reply's status and text, whatever the status. */
export function postFile(
  baseUrl: string,
  path: string,
  token: string,
  file: { name: string; fileName: string; type: string; bytes: Buffer },
): Promise<{ status: number; text: string }> {
  const { body, contentType } = multipartBody(file);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(baseUrl + path),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': String(body.length) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
