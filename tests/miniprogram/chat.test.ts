/**
 * The work-group chat (工作群, docs/domain.md R6/R7) in the COMPILED weapp build, run in miniprogram-simulate
 * against a real running server (tests/support/stack.ts). Needs `npm run build:weapp -w miniprogram`.
 *
 * 林红霞 (villager of 富民社区 210921001001, a member of its group) opens the group chat:
 * 1. she sees the welcome of her counsel (seq 1) with his name and role;
 * 2. what she posts through the composer shows in the chat; when the reply is lost on the way, the
 *    resend carries the same clientKey and the server holds exactly one message for it (also when
 *    the same post is sent once more);
 * 3. a message another member posts through the API appears after a poll, once, in seq order, and
 *    the poll asks only for what came after the last seq held;
 * 4. a post with a resident ID number (valid GB 11643 check digit) is refused with the Chinese
 *    message and a 私下咨询法律顾问 button that opens the ask page without the number; nothing is
 *    stored, not even as a held post;
 * 5. a post the content check holds shows "已提交，需经管理员审核后显示" and does not show in the chat;
 * 6. a message removed by a moderator (王志强) or taken private by the counsel (王建国) shows as such
 *    after the next poll, and its text is gone from the page and the cache;
 * 7. polling stops while the page is hidden and catches up when it shows again;
 * 8. once muted by a moderator, her composer is disabled with 您已被禁言.
 */
import type { GroupMessage, GroupMessagesReply, HeldPost, PostGroupMessageReply, Session } from '@vc/types';
import { HttpError, api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const VILLAGE = '210921001001';
const TOWNSHIP = '210921001';
const POLL_WAIT = 15000;

let stack: TestStack;
let villager: Session;
let moderator: Session;
let counsel: Session;
let runtime: WeappRuntime;
let page: SimComponent;
/** seq of the message 林红霞 posted through the composer */
let ownSeq = 0;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

/** Everything the server holds in the group, as the villager sees it. */
async function serverMessages(): Promise<GroupMessage[]> {
  const all: GroupMessage[] = [];
  for (;;) {
    const after = all.length ? all[all.length - 1]!.seq : 0;
    const r = await api<GroupMessagesReply>(
      stack.baseUrl,
      'GET',
      `/api/groups/${VILLAGE}/messages?after=${after}&limit=200`,
      villager.token,
    );
    all.push(...r.items);
    if (!r.hasMore) return all;
  }
}

function post(session: Session, clientKey: string, text: string): Promise<PostGroupMessageReply> {
  return api<PostGroupMessageReply>(stack.baseUrl, 'POST', `/api/groups/${VILLAGE}/messages`, session.token, { clientKey, text });
}

/** A resident ID number with a valid GB 11643-1999 check digit. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}

/**
 * The seqs of the message rows (#msg-<seq>) in the order the page shows them, for the seqs the
 * server holds (the compiled page's DOM has no id attributes: find each row, then sort by position).
 * Throws when a row shows twice or the list holds rows the server does not know.
 */
function shownSeqs(serverSeqs: number[]): number[] {
  const rows: { seq: number; dom: HTMLElement }[] = [];
  for (const seq of serverSeqs) {
    const found = page.querySelectorAll(`#msg-${seq}`);
    if (found.length > 1) throw new Error(`message ${seq} shows ${found.length} times`);
    if (found[0]) rows.push({ seq, dom: found[0].dom });
  }
  const list = page.querySelector('#chat-messages');
  if (!list) throw new Error('#chat-messages not found');
  if (list.dom.children.length !== rows.length) {
    throw new Error(`the chat shows ${list.dom.children.length} rows for ${rows.length} known messages`);
  }
  rows.sort((a, b) => (a.dom.compareDocumentPosition(b.dom) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return rows.map((r) => r.seq);
}

function type(id: string, value: string): Promise<void> {
  const node = page.querySelector(`#${id}`);
  if (!node) throw new Error(`#${id} not found`);
  node.dispatchEvent('input', { detail: { value } });
  return new Promise((r) => setTimeout(r, 50));
}

const messagePolls = () =>
  runtime.wx.requests
    .filter((r) => r.method === 'GET' && r.url.includes(`/api/groups/${VILLAGE}/messages?`) && r.url.includes('limit=100'))
    .map((r) => Number(new URL(r.url).searchParams.get('after')));

const posts = () => runtime.wx.requests.filter((r) => r.method === 'POST' && r.url.endsWith(`/api/groups/${VILLAGE}/messages`));

beforeAll(async () => {
  stack = await startUiStack();
  villager = await loginAs('林红霞');
  moderator = await loginAs('王志强');
  counsel = await loginAs('王建国');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: villager } });
  page = runtime.openPage('groups/chat/index', { code: VILLAGE });
});

afterAll(async () => {
  // unloading the page stops its polling
  page?.detach();
  await stack?.stop();
});

describe('工作群聊天 (weapp build)', () => {
  it('林红霞 opens the 富民社区 group and sees the welcome of her counsel (seq 1)', async () => {
    const welcome = await waitFor(() => textOf(page, 'msg-text-1'), POLL_WAIT, 'the welcome message');
    expect(welcome).toContain('大家好，我是本村法律顾问');
    expect(textOf(page, 'chat-title')).toBe('富民社区工作群');
    expect(textOf(page, 'msg-author-1')).toContain('王建国');
    expect(textOf(page, 'msg-author-1')).toContain('村（居）法律顾问');
    expect(textOf(page, 'chat-standing')).toContain('成员');
    expect(messagePolls()[0]).toBe(0);
  });

  it('shows her post and the server holds exactly one message for its key, also when the reply was lost and the post resent', async () => {
    const text = `请问土地承包合同到期后怎么续签？${Date.now()}`;
    await type('composer-input', text);

    // the server stores the post but the reply never reaches the phone
    const realRequest = runtime.wx.api.request as (o: Record<string, unknown>) => unknown;
    let lost = 0;
    runtime.wx.api.request = (o: Record<string, unknown> & { fail?: (e: unknown) => void; complete?: (e: unknown) => void }) => {
      if (o.method === 'POST' && String(o.url).endsWith(`/api/groups/${VILLAGE}/messages`) && lost === 0) {
        lost++;
        const err = { errMsg: 'request:fail timeout' };
        return realRequest({ ...o, success: () => (o.fail?.(err), o.complete?.(err)), complete: undefined });
      }
      return realRequest(o);
    };
    try {
      tap(page, 'composer-send');
      const error = await waitFor(() => textOf(page, 'error-message'), POLL_WAIT, 'the network error');
      expect(error).toContain('重新发送');
    } finally {
      runtime.wx.api.request = realRequest;
    }
    expect(textOf(page, 'composer-send')).toBe('重新发送');
    const outbox = runtime.wx.storage.get(`vc.groupOutbox.${villager.user.id}.${VILLAGE}`) as { clientKey: string; text: string };
    expect(outbox.text).toBe(text);
    const key = outbox.clientKey;
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    // it did arrive
    expect((await serverMessages()).filter((m) => m.clientKey === key)).toHaveLength(1);

    tap(page, 'composer-send');
    const stored = (await serverMessages()).find((m) => m.clientKey === key)!;
    ownSeq = stored.seq;
    await waitFor(() => textOf(page, `msg-text-${ownSeq}`) === text, POLL_WAIT, 'her message in the chat');
    expect(textOf(page, `msg-author-${ownSeq}`)).toContain('林红霞');
    expect(posts().map((r) => r.status)).toEqual([201, 200]);
    expect(runtime.wx.storage.has(`vc.groupOutbox.${villager.user.id}.${VILLAGE}`)).toBe(false);
    await waitFor(() => textOf(page, 'composer-send') === '发送', 5000, 'the composer to clear');

    // the same post once more (same key, same text): still one message
    const again = await post(villager, key, text);
    expect(again.message?.seq).toBe(ownSeq);
    const all = await serverMessages();
    expect(all.filter((m) => m.clientKey === key)).toHaveLength(1);
    expect(all.filter((m) => m.text === text)).toHaveLength(1);
    expect(shownSeqs(all.map((m) => m.seq))).toContain(ownSeq);
  });

  it("shows another member's message after a poll, once and in seq order, polling after the last seq held", async () => {
    const text = `顾问提醒：续签前请先核对原合同期限。${Date.now()}`;
    const r = await post(counsel, `test-counsel-${Date.now().toString(36)}`, text);
    expect(r.status).toBe('visible');
    const seq = r.message!.seq;
    await waitFor(() => textOf(page, `msg-text-${seq}`) === text, POLL_WAIT, "the counsel's message after a poll");
    expect(textOf(page, `msg-author-${seq}`)).toContain('王建国');

    const server = (await serverMessages()).map((m) => m.seq);
    expect(server).toEqual(server.map((_, i) => i + 1));
    // every message once, in seq order
    expect(shownSeqs(server)).toEqual(server);
    // the polls ask only for what is new: `after` never goes back and reaches the newest seq held
    await waitFor(() => messagePolls().includes(seq), POLL_WAIT, 'a poll after the newest seq');
    const afters = messagePolls();
    expect(afters).toEqual([...afters].sort((a, b) => a - b));
  });

  it('refuses a post with a resident ID number in Chinese, offers 私下咨询 without the number, and stores nothing', async () => {
    const id = residentId('21092119800101123');
    expect(id).toMatch(/^\d{17}[\dX]$/);
    const text = `我的身份证号是${id}，请帮我查一下社保`;
    const before = await serverMessages();
    const postsBefore = posts().length;
    await type('composer-input', text);
    tap(page, 'composer-send');
    const refusal = await waitFor(() => textOf(page, 'private-refusal'), POLL_WAIT, 'the refusal');
    expect(refusal).toContain('身份证号码');
    expect(refusal).toContain('不能发到群里');
    expect(
      posts()
        .slice(postsBefore)
        .map((r) => r.status),
    ).toEqual([422]);

    // nothing stored: no message, no held post, and the page shows no such message
    const after = await serverMessages();
    expect(after.length).toBe(before.length);
    expect(after.some((m) => (m.text ?? '').includes(id))).toBe(false);
    const held = await api<{ items: HeldPost[] }>(stack.baseUrl, 'GET', `/api/places/${TOWNSHIP}/held-posts`, moderator.token);
    expect(held.items.some((h) => h.text.includes(id))).toBe(false);
    expect(textOf(page, 'chat-messages')).not.toContain(id);

    // 私下咨询法律顾问 opens the ask page, and the number does not go along
    tap(page, 'ask-privately');
    const nav = await waitFor(() => runtime.wx.navigations.find((n) => n.url.includes('/consult/ask/index')), 5000, 'navigation');
    expect(nav.url).not.toContain(id);
    expect(decodeURIComponent(nav.url)).not.toMatch(/\d{17}/);
    await type('composer-input', '');
  });

  it('shows a post the content check holds as waiting for a moderator, not in the chat', async () => {
    const text = `村里有人组织集体上访，怎么办？${Date.now()}`;
    await type('composer-input', text);
    tap(page, 'composer-send');
    const ok = await waitFor(() => textOf(page, 'ok-message'), POLL_WAIT, 'the held message');
    expect(ok).toBe('已提交，需经管理员审核后显示');
    expect(posts()[posts().length - 1]!.status).toBe(202);
    expect((await serverMessages()).some((m) => m.text === text)).toBe(false);
    expect(textOf(page, 'chat-messages')).not.toContain(text);
  });

  it('shows a message removed by a moderator, or taken private by the counsel, as such after the next poll', async () => {
    expect(ownSeq).toBeGreaterThan(0);
    const removedText = textOf(page, `msg-text-${ownSeq}`)!;
    await api(stack.baseUrl, 'POST', `/api/groups/${VILLAGE}/messages/${ownSeq}/remove`, moderator.token, {
      reason: '与本群无关',
    });
    await waitFor(() => textOf(page, `msg-text-${ownSeq}`) === '该消息已被管理员删除', POLL_WAIT, 'the removed message');
    expect(textOf(page, 'chat-messages')).not.toContain(removedText);
    expect(textOf(page, 'chat-messages')).toContain('一条消息已被管理员删除');

    // a villager's message taken private by the village's counsel
    const text = `我家和邻居因为宅基地边界吵起来了${Date.now()}`;
    const mine = await post(villager, `test-private-${Date.now().toString(36)}`, text);
    const seq = mine.message!.seq;
    await waitFor(() => textOf(page, `msg-text-${seq}`) === text, POLL_WAIT, 'the message to take private');
    await api(stack.baseUrl, 'POST', `/api/groups/${VILLAGE}/messages/${seq}/take-private`, counsel.token);
    await waitFor(() => textOf(page, `msg-text-${seq}`) === '该消息已转为私下咨询', POLL_WAIT, 'the message taken private');
    expect(textOf(page, 'chat-messages')).not.toContain(text);

    // the cache on the phone no longer holds either text
    await waitFor(
      () => {
        const cached = JSON.stringify(runtime.wx.storage.get(`vc.groupChat.${villager.user.id}.${VILLAGE}`) ?? '');
        return cached.includes('"seq":' + seq) && !cached.includes(text) && !cached.includes(removedText);
      },
      POLL_WAIT,
      'the cache without the hidden texts',
    );
    const server = (await serverMessages()).map((m) => m.seq);
    expect(shownSeqs(server)).toEqual(server);
  });

  it('stops polling while the page is hidden and catches up when it shows again', async () => {
    const instance = page.instance as Record<string, (...a: unknown[]) => void>;
    instance.onHide!.call(instance);
    // a poll under way may still finish
    await new Promise((r) => setTimeout(r, 500));
    const hiddenAt = messagePolls().length;
    const text = `隐藏期间的消息${Date.now()}`;
    const r = await post(counsel, `test-hidden-${Date.now().toString(36)}`, text);
    await new Promise((res) => setTimeout(res, 6500));
    expect(messagePolls().length).toBe(hiddenAt);
    expect(textOf(page, `msg-text-${r.message!.seq}`)).toBeFalsy();

    instance.onShow!.call(instance);
    await waitFor(() => textOf(page, `msg-text-${r.message!.seq}`) === text, 3000, 'the message after showing again');
  });

  it('disables the composer with 您已被禁言 once she is muted', async () => {
    expect(page.querySelector('#composer-muted')).toBeFalsy();
    await api(stack.baseUrl, 'POST', `/api/groups/${VILLAGE}/members/${villager.user.id}/moderate`, moderator.token, {
      action: 'mute',
      reason: '多次发布无关内容',
    });
    try {
      expect(await waitFor(() => textOf(page, 'composer-muted'), POLL_WAIT, '您已被禁言')).toBe('您已被禁言');
      // the send button does nothing now
      const before = posts().length;
      await type('composer-input', '还能发吗');
      tap(page, 'composer-send');
      await new Promise((r) => setTimeout(r, 300));
      expect(posts().length).toBe(before);
      // and the server refuses her posts
      await expect(post(villager, `test-muted-${Date.now().toString(36)}`, '还能发吗')).rejects.toMatchObject({ status: 403 });
    } finally {
      await api(stack.baseUrl, 'POST', `/api/groups/${VILLAGE}/members/${villager.user.id}/moderate`, moderator.token, {
        action: 'unmute',
        reason: '解除禁言',
      }).catch((e: unknown) => {
        if (!(e instanceof HttpError)) throw e;
      });
    }
  });
});
