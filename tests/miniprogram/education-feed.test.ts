/**
 * The legal-education feed (issue 17 item 2) in the COMPILED weapp build, run in
 * miniprogram-simulate against a real running server. Needs `npm run build:weapp -w miniprogram`.
 *
 * 林红霞 opens 普法栏目: her village's, township's and county's articles newest first, never
 * another village's; a page at a time (加载更多 fetches the next by the server's cursor); no read
 * counts shown to her. Opening one records her read, which its publisher sees.
 */
import type { Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const VILLAGE = '210921001001';
const SIBLING = '210921001002';
const WAIT = 15000;

let stack: TestStack;
let runtime: WeappRuntime;
let villager: Session;
let township: Session;
const pages: SimComponent[] = [];
let keys = 0;

const publish = (scopeCode: string, title: string) =>
  api<{ id: string }>(stack.baseUrl, 'POST', '/api/articles', township.token, {
    clientKey: `sim-feed-${Date.now().toString(36)}-${keys++}`,
    title,
    text: '邻里之间发生纠纷，可以先请村调委会调解，调解不成再到法院起诉。',
    category: 'neighbour_disputes',
    scopeCode,
  });

beforeAll(async () => {
  stack = await startUiStack();
  villager = await demoLoginByName(stack.baseUrl, '林红霞');
  township = await demoLoginByName(stack.baseUrl, '王志强');
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});

afterAll(async () => {
  for (const p of pages) p.detach();
  await stack?.stop();
});

it('shows the village’s feed newest first, pages by cursor, never another village’s items, and counts her read', async () => {
  const elsewhere = await publish(SIBLING, '隔壁村的通知');
  // more than a page (20): the demo's three and 21 of the township's
  const published: { id: string }[] = [];
  for (let i = 0; i < 21; i++) published.push(await publish(i % 2 ? VILLAGE : '210921001', `邻里纠纷怎么办 ${i}`));
  const newest = published[published.length - 1]!;

  runtime.wx.storage.set(SESSION_KEY, villager);
  const page = runtime.openPage('education/feed/index');
  pages.push(page);
  const first = await waitFor(() => textOf(page, `article-${newest.id}`), WAIT, 'the newest article');
  expect(first).toContain('邻里纠纷怎么办 20');
  expect(first).toContain('邻里纠纷');
  expect(first).not.toContain('人阅读');
  expect(page.querySelector(`#article-${elsewhere.id}`)).toBeFalsy();
  // the first page holds 20; the demo's county article is on the next
  expect(page.querySelector('#feed-end')).toBeFalsy();
  const feed = await api<{ items: { id: string; title: string }[] }>(
    stack.baseUrl,
    'GET',
    `/api/villages/${VILLAGE}/articles?limit=50`,
    villager.token,
  );
  const last = feed.items[feed.items.length - 1]!;
  expect(page.querySelector(`#article-${last.id}`)).toBeFalsy();
  tap(page, 'feed-more');
  await waitFor(() => page.querySelector('#feed-end'), WAIT, 'the last page');
  expect(textOf(page, `article-${last.id}`)).toContain(last.title);
  expect(page.querySelector(`#article-${elsewhere.id}`)).toBeFalsy();

  // opening one: the article page, and her read counted for the publisher
  const article = runtime.openPage('education/article/index', { articleId: newest.id });
  pages.push(article);
  expect(await waitFor(() => textOf(article, 'article-text'), WAIT, 'the article')).toContain('村调委会调解');
  expect(article.querySelector('#article-reads')).toBeFalsy();
  const seen = await api<{ reads: number }>(stack.baseUrl, 'GET', `/api/articles/${newest.id}`, township.token);
  expect(seen.reads).toBe(1);
});

it('a legal-literate resident’s share shows in the village group as a message that opens the article', async () => {
  const sharer = await demoLoginByName(stack.baseUrl, '吴秀英');
  const article = await publish(VILLAGE, '分享测试：宅基地纠纷怎么办');
  const shared = await api<{ groupCode: string; seq: number }>(
    stack.baseUrl,
    'POST',
    `/api/articles/${article.id}/share`,
    sharer.token,
    { clientKey: `sim-share-${Date.now().toString(36)}` },
  );
  expect(shared.groupCode).toBe(VILLAGE);

  runtime.wx.storage.set(SESSION_KEY, villager);
  const chat = runtime.openPage('groups/chat/index', { code: VILLAGE });
  pages.push(chat);
  const text = await waitFor(() => textOf(chat, `msg-text-${shared.seq}`), WAIT, 'the shared message');
  expect(text).toContain('分享测试：宅基地纠纷怎么办');
  expect(textOf(chat, `msg-author-${shared.seq}`)).toContain('吴秀英');
  const before = runtime.wx.navigations.length;
  tap(chat, `msg-article-${shared.seq}`);
  await waitFor(() => runtime.wx.navigations.length > before || undefined, WAIT, 'the article opened');
  expect(runtime.wx.navigations[runtime.wx.navigations.length - 1]!.url).toContain(
    `education/article/index?articleId=${article.id}`,
  );
});
