/**
 * What a person's tap on wx.requestSubscribeMessage does, for server tests: the phone posts the
 * results to our server (POST /api/me/notices) and WeChat records the same accepts on its side
 * (the fake's grantSubscription). Tests that expect a notice to be delivered call this first.
 */
import type { NoticeKey } from '../../types/src';
import { api } from './http';
import type { Stack } from './stack';

let taps = 0;

/** A session for the person with this openid, as wx.login would give (through the fake WeChat). */
export async function sessionByOpenid(stack: Stack, openid: string): Promise<string> {
  const code = `notice-login-${Date.now().toString(36)}-${taps++}`;
  stack.wechat!.issueCode(code, { openid });
  const res = await api(stack.baseUrl)('wechatLogin', { body: { code } });
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** The person accepts `key`'s template `sends` times (one tap each). */
export async function acceptNotice(
  stack: Stack,
  who: { token: string; openid: string },
  key: NoticeKey,
  sends = 1,
): Promise<void> {
  const templateId = stack.config.noticeTemplates[key];
  for (let i = 0; i < sends; i += 1) {
    const res = await api(stack.baseUrl)('recordNotices', {
      token: who.token,
      body: { clientKey: `tap-${Date.now().toString(36)}-${taps++}`, results: { [templateId]: 'accept' } },
    });
    if (res.status !== 200) throw new Error(`recording the accept failed: ${JSON.stringify(res.body)}`);
    stack.wechat!.grantSubscription(who.openid, templateId);
  }
}

/** Each of these people (by openid) logs in and accepts `key` once; a few at a time. */
export async function acceptEach(stack: Stack, openids: readonly string[], key: NoticeKey = 'monthEndReminder'): Promise<void> {
  const AT_ONCE = 8;
  for (let i = 0; i < openids.length; i += AT_ONCE) {
    await Promise.all(
      openids
        .slice(i, i + AT_ONCE)
        .map(async (openid) => acceptNotice(stack, { token: await sessionByOpenid(stack, openid), openid }, key)),
    );
  }
}
