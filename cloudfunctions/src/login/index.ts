/**
 * Cloud function `login`: the OPENID (and UNIONID) from the cloud context is trusted — WeChat
 * sets it, the mini-program cannot forge it — so no app secret is needed. It asks the server
 * for a session with a signed request and returns the session to the mini-program.
 */
import cloud from 'wx-server-sdk';
import { serverSettings, signedPost } from '../common/server';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

type LoginResult = { ok: true; session: unknown } | { ok: false; error: { code: string; message: string } };

export async function main(event: { action?: string }): Promise<LoginResult> {
  const action = event?.action ?? 'login';
  if (action !== 'login') return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的操作' } };
  const { OPENID, UNIONID } = cloud.getWXContext();
  if (!OPENID) return { ok: false, error: { code: 'NO_OPENID', message: '无法获取微信身份，请在小程序中调用' } };
  try {
    const reply = await signedPost(serverSettings(), '/api/auth/cloud', {
      openid: OPENID,
      ...(UNIONID ? { unionid: UNIONID } : {}),
    });
    if (reply.status === 200) return { ok: true, session: reply.body };
    const error = (reply.body as { error?: { code: string; message: string } })?.error;
    return { ok: false, error: error ?? { code: 'SERVER_ERROR', message: '服务器暂时不可用，请稍后重试' } };
  } catch {
    return { ok: false, error: { code: 'SERVER_UNREACHABLE', message: '无法连接服务器，请稍后重试' } };
  }
}
