/**
 * Calls the village-counsel server from a cloud function with an HMAC-signed request.
 * Cloud functions hold no business data: they add what only WeChat's cloud can give
 * (the trusted OPENID, timer triggers) and hand it to the server.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { SIGNATURE_HEADERS, signCloudRequest } from '../../../types/src/cloud-signing';

export interface ServerSettings {
  baseUrl: string;
  secret: string;
}

/** Read from the cloud function's environment variables (set in the cloud console). */
export function serverSettings(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const baseUrl = env.VC_SERVER_URL;
  const secret = env.VC_CLOUD_SHARED_SECRET;
  if (!baseUrl || !secret) throw new Error('云函数未配置 VC_SERVER_URL 或 VC_CLOUD_SHARED_SECRET');
  return { baseUrl: baseUrl.replace(/\/$/, ''), secret };
}

export interface ServerReply {
  status: number;
  body: unknown;
}

/** POST with node:http(s), not fetch: cloud function runtimes include Node versions without fetch. */
function post(url: string, headers: Record<string, string>, body: string): Promise<ServerReply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: 10000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

export async function signedPost(settings: ServerSettings, path: string, payload: unknown): Promise<ServerReply> {
  const rawBody = JSON.stringify(payload);
  const timestamp = String(Date.now());
  const nonce = randomBytes(16).toString('hex');
  return post(
    `${settings.baseUrl}${path}`,
    {
      'content-type': 'application/json',
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.signature]: signCloudRequest(settings.secret, timestamp, nonce, rawBody),
    },
    rawBody,
  );
}
