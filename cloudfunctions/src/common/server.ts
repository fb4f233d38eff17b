/**
 * Calls the village-counsel server from a cloud function with an HMAC-signed request.
 * Cloud functions hold no business data: they add what only WeChat's cloud can give
 * (the trusted OPENID, timer triggers) and hand it to the server.
 */
import { randomBytes } from 'node:crypto';
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

export async function signedPost(settings: ServerSettings, path: string, payload: unknown): Promise<ServerReply> {
  const rawBody = JSON.stringify(payload);
  const timestamp = String(Date.now());
  const nonce = randomBytes(16).toString('hex');
  const res = await fetch(`${settings.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.signature]: signCloudRequest(settings.secret, timestamp, nonce, rawBody),
    },
    body: rawBody,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body };
}
