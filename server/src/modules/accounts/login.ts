import { SIGNATURE_HEADERS, verifyCloudSignature } from '@vc/types/src/cloud-signing';
import type { Session } from '@vc/types';
import { AppError } from '../../shared/errors';
import { isDuplicateKey } from '../../store/duplicates';
import { windowPurger } from '../../store/window-count';
import type { WechatClient } from '../wechat/client';
import { CloudNonceModel } from './model';
import { CLOUD_SIGNATURE_WINDOW_MS, isFreshTimestamp } from './policy';
import { adoptMiniProgramOpenid, findOrCreateWechatUser } from '../users/queries';
import { createSession, demoUser } from './service';

/** errcodes of jscode2session that mean the code itself is bad (WeChat docs) */
const BAD_CODE_ERRCODES = new Set([40029, 40163, 40226, 45011]);

export async function wechatLogin(wechat: WechatClient, code: string, ttlMs: number): Promise<Session> {
  let reply;
  try {
    reply = await wechat.code2Session(code);
  } catch (err) {
    const errcode = (err as { code?: number }).code;
    if (typeof errcode === 'number' && BAD_CODE_ERRCODES.has(errcode)) throw new AppError('WECHAT_CODE_INVALID');
    throw new AppError('WECHAT_UNAVAILABLE');
  }
  if (!reply.openid) throw new AppError('WECHAT_UNAVAILABLE');
  return createSession(await miniProgramUser(reply.openid, reply.unionid), 'wechat', ttlMs);
}

/** The person behind a mini-program openid; one who first came by the web (same unionid) gets this openid. */
async function miniProgramUser(openid: string, unionid: string | undefined) {
  return adoptMiniProgramOpenid(await findOrCreateWechatUser(openid, unionid), openid);
}

export interface SignedRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

/**
 * Verifies an HMAC-signed call from cloudfunctions/login: a valid signature over timestamp,
 * nonce and the exact body, a timestamp inside the window, and a nonce never seen before.
 */
export async function verifySignedRequest(secret: string, request: SignedRequest, now = Date.now()): Promise<void> {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : '';
  };
  const timestamp = header(SIGNATURE_HEADERS.timestamp);
  const nonce = header(SIGNATURE_HEADERS.nonce);
  const signature = header(SIGNATURE_HEADERS.signature);
  if (!/^\d{10,16}$/.test(timestamp) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !/^[a-f0-9]{64}$/.test(signature)) {
    throw new AppError('BAD_SIGNATURE');
  }
  if (!verifyCloudSignature(secret, timestamp, nonce, request.rawBody, signature)) throw new AppError('BAD_SIGNATURE');
  if (!isFreshTimestamp(Number(timestamp), now)) throw new AppError('BAD_SIGNATURE', '签名已过期，请重新发起');
  const window = Math.floor(now / CLOUD_SIGNATURE_WINDOW_MS);
  try {
    await CloudNonceModel.create({ nonce, at: new Date(now), window });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('REPLAYED_REQUEST');
    throw err;
  }
  await forgetOldNonces(window);
}

/**
 * A replay is accepted only within the signature window of its timestamp, which was itself within
 * the window of the first use: at most two windows after it. So nonces are kept by window (5
 * minutes) for the current window and the three before it.
 */
const forgetOldNonces = windowPurger((window) => CloudNonceModel.deleteMany({ window }), 4);

export async function cloudLogin(openid: string, unionid: string | undefined, ttlMs: number): Promise<Session> {
  return createSession(await miniProgramUser(openid, unionid), 'cloud', ttlMs);
}

export async function demoLogin(userId: string, ttlMs: number): Promise<Session> {
  return createSession(await demoUser(userId), 'demo', ttlMs);
}
