/**
 * The legal-education feed over real HTTP on the embedded database (issue 17 item 2): where each
 * may publish, a village's feed (never another village's or township's items), reads counted once
 * and shown only to the publisher and staff above, risky text refused with nothing written,
 * withdrawal, pictures behind WeChat's check, and a legal-literate resident's share to the group.
 */
import mongoose from 'mongoose';
import sharp from 'sharp';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const COUNTY = '210921';
const TOWNSHIP = '210921001'; // 城区街道, 王志强's
const OTHER_TOWNSHIP = '210921100'; // 阜新镇, 李志强's
const VILLAGE = '210921001001'; // 林红霞's, 吴秀英 its legal-literate resident, served by 王建国
const SIBLING = '210921001002'; // a village of the same township
const OTHER_VILLAGE = '210921100202';

let keyCounter = 0;
const key = () => `art-${Date.now().toString(36)}-${keyCounter++}`;
const errorOf = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const count = (name: string, filter: Record<string, unknown> = {}) => mongoose.connection.collection(name).countDocuments(filter);

const TEXT = '签订土地流转合同时，要写明面积、期限、价款和用途，并由双方签字按手印。';
const publish = (who: string, scopeCode: string, extra: Record<string, unknown> = {}) =>
  call('publishArticle', {
    token: tokens[who],
    body: { clientKey: key(), title: `普法 ${keyCounter}`, text: TEXT, category: 'land_contract', scopeCode, ...extra },
  });
async function published(who: string, scopeCode: string, extra: Record<string, unknown> = {}) {
  const res = await publish(who, scopeCode, extra);
  expect(`${res.status} ${JSON.stringify(res.body).slice(0, 160)}`).toMatch(/^201 /);
  return res.body as { id: string; title: string; reads: number | null };
}
const feed = (who: string, villageCode = VILLAGE, query: Record<string, string | number> = {}) =>
  call('villageFeed', { token: tokens[who], params: { villageCode }, query });
const open = (who: string, articleId: string) => call('article', { token: tokens[who], params: { articleId } });
const feedIds = async (who: string, villageCode = VILLAGE) => {
  const res = await feed(who, villageCode, { limit: 50 });
  expect(res.status).toBe(200);
  return res.body.items.map((i: { id: string }) => i.id) as string[];
};

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '吴秀英', '王建国', '王志强', '李志强', '赵振华'])
    tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

describe('publishing', () => {
  it('county staff publish anywhere in the county; township staff in their township; counsel to a village they serve', async () => {
    for (const [who, scope] of [
      ['赵振华', COUNTY],
      ['赵振华', OTHER_TOWNSHIP],
      ['赵振华', OTHER_VILLAGE],
      ['王志强', TOWNSHIP],
      ['王志强', SIBLING],
      ['王建国', VILLAGE],
    ] as const) {
      const article = await published(who, scope);
      expect(article).toMatchObject({ status: 'published', reads: 0, canWithdraw: true });
    }
  });

  it.each([
    ['a counsel to a village they do not serve', '王建国', OTHER_VILLAGE, '403 ARTICLE_SCOPE_NOT_ALLOWED'],
    ['a counsel to the township', '王建国', TOWNSHIP, '403 ARTICLE_SCOPE_NOT_ALLOWED'],
    ['township staff to the county', '王志强', COUNTY, '403 ARTICLE_SCOPE_NOT_ALLOWED'],
    ['township staff to another township’s village', '王志强', OTHER_VILLAGE, '403 ARTICLE_SCOPE_NOT_ALLOWED'],
    ['county staff to another county', '赵振华', '210922', '403 ARTICLE_SCOPE_NOT_ALLOWED'],
    ['county staff to a village that does not exist', '赵振华', '210921001999', '404 PLACE_NOT_FOUND'],
    ['a villager', '林红霞', VILLAGE, '403 FORBIDDEN'],
    ['a legal-literate resident', '吴秀英', VILLAGE, '403 FORBIDDEN'],
  ])('refuses %s, writing nothing', async (_, who, scope, expected) => {
    const before = await count('articles');
    expect(errorOf(await publish(who, scope))).toBe(expected);
    expect(await count('articles')).toBe(before);
  });

  it('refuses text WeChat finds risky (422, a stable code), and writes nothing', async () => {
    const before = await count('articles');
    const res = await publish('赵振华', COUNTY, { text: '有人以诈骗集资的名义拉人入股，这里介绍一下具体做法和收益。' });
    expect(errorOf(res)).toBe('422 ARTICLE_TEXT_RISKY');
    expect(res.body.error.message).toContain('内容安全');
    expect(await count('articles')).toBe(before);
  });

  it('refuses bad input (an unknown category, a short text, four pictures) with 400 and writes nothing', async () => {
    const before = await count('articles');
    for (const extra of [
      { category: 'tax' },
      { text: '太短' },
      { photoIds: Array.from({ length: 4 }, () => new mongoose.Types.ObjectId().toHexString()) },
      { scopeCode: '21092100100' },
    ])
      expect(errorOf(await publish('赵振华', COUNTY, extra))).toBe('400 VALIDATION_FAILED');
    expect(await count('articles')).toBe(before);
  });

  it('a resend with the same key answers the first article (200); other text under it is refused', async () => {
    const body = { clientKey: key(), title: '重发测试', text: TEXT, category: 'other', scopeCode: TOWNSHIP };
    const first = await call('publishArticle', { token: tokens['王志强'], body });
    const again = await call('publishArticle', { token: tokens['王志强'], body });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const other = await call('publishArticle', { token: tokens['王志强'], body: { ...body, text: `${TEXT}（改）` } });
    expect(errorOf(other)).toBe('409 ARTICLE_KEY_REUSED');
  });
});

describe('the village feed', () => {
  let village: string, township: string, county: string, sibling: string, otherTownship: string, otherVillage: string;
  beforeAll(async () => {
    county = (await published('赵振华', COUNTY)).id;
    otherTownship = (await published('赵振华', OTHER_TOWNSHIP)).id;
    otherVillage = (await published('赵振华', OTHER_VILLAGE)).id;
    township = (await published('王志强', TOWNSHIP)).id;
    sibling = (await published('王志强', SIBLING)).id;
    village = (await published('王建国', VILLAGE)).id;
  });

  it('holds the village’s, its township’s and its county’s articles, newest first, never another village’s or township’s', async () => {
    const ids = await feedIds('林红霞');
    expect(ids.slice(0, 3)).toEqual([village, township, county]);
    for (const id of [sibling, otherTownship, otherVillage]) expect(ids).not.toContain(id);
    // and the other village's feed has its own, not this village's
    const other = await feedIds('赵振华', SIBLING);
    expect(other).toContain(sibling);
    expect(other).not.toContain(village);
  });

  it('a villager cannot read another village’s feed, nor open its village-level article', async () => {
    expect(errorOf(await feed('林红霞', SIBLING))).toBe('403 OUT_OF_JURISDICTION');
    expect(errorOf(await open('林红霞', sibling))).toBe('404 ARTICLE_NOT_FOUND');
    expect(errorOf(await open('林红霞', otherTownship))).toBe('404 ARTICLE_NOT_FOUND');
  });

  it('pages by cursor without repeats or gaps, and a villager sees no read counts', async () => {
    const all = await feedIds('林红霞');
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 20; n++) {
      const res = await feed('林红霞', VILLAGE, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) expect(item.reads).toBeNull();
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual(all);
    expect(errorOf(await feed('林红霞', VILLAGE, { cursor: 'not-a-cursor' }))).toBe('400 VALIDATION_FAILED');
  });

  it('records a read once per person, not the publisher’s; the publisher and staff above see the count, a villager never', async () => {
    const first = await open('林红霞', village);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: village, text: TEXT, reads: null, canWithdraw: false, shareVillageCode: null });
    await open('林红霞', village);
    await Promise.all([open('吴秀英', village), open('吴秀英', village)]);
    const byPublisher = await open('王建国', village);
    expect(byPublisher.body.reads).toBe(2);
    expect((await open('王志强', village)).body.reads).toBe(3); // staff above open it too: a person who read it
    expect((await open('赵振华', village)).body.reads).toBe(4);
    expect((await open('林红霞', village)).body.reads).toBeNull();
    expect(await count('article_reads', { articleId: new mongoose.Types.ObjectId(village) })).toBe(4);
    // the publisher's list shows the count
    const mine = await call('myArticles', { token: tokens['王建国'] });
    expect(mine.body.items.find((i: { id: string }) => i.id === village)).toMatchObject({ reads: 4, status: 'published' });
  });
});

describe('withdrawing', () => {
  it('the staff above withdraw a counsel’s village article with a reason: it leaves the feed; a second time is refused', async () => {
    const article = await published('王建国', VILLAGE);
    expect(await feedIds('林红霞')).toContain(article.id);
    // another township's staff are told it does not exist; a villager may not withdraw at all
    const withdraw = (who: string) =>
      call('withdrawArticle', { token: tokens[who], params: { articleId: article.id }, body: { reason: '内容需要更新' } });
    expect(errorOf(await withdraw('李志强'))).toBe('404 ARTICLE_NOT_FOUND');
    expect(errorOf(await withdraw('林红霞'))).toBe('403 FORBIDDEN');
    const done = await withdraw('王志强');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'withdrawn', withdrawReason: '内容需要更新', canWithdraw: false });
    expect(await feedIds('林红霞')).not.toContain(article.id);
    expect(errorOf(await open('林红霞', article.id))).toBe('404 ARTICLE_NOT_FOUND');
    expect(errorOf(await withdraw('王建国'))).toBe('409 ARTICLE_WITHDRAWN');
    // the publisher still sees it in their list, withdrawn
    const mine = await call('myArticles', { token: tokens['王建国'], query: { limit: 50 } });
    expect(mine.body.items.find((i: { id: string }) => i.id === article.id)).toMatchObject({ status: 'withdrawn' });
  });

  it('a counsel may not withdraw county staff’s article (403), a reason is required (400)', async () => {
    const article = await published('赵振华', VILLAGE);
    const res = await call('withdrawArticle', {
      token: tokens['王建国'],
      params: { articleId: article.id },
      body: { reason: '不合适' },
    });
    expect(errorOf(res)).toBe('403 ARTICLE_WITHDRAW_NOT_ALLOWED');
    const empty = await call('withdrawArticle', {
      token: tokens['赵振华'],
      params: { articleId: article.id },
      body: { reason: ' ' },
    });
    expect(errorOf(empty)).toBe('400 VALIDATION_FAILED');
    expect((await open('林红霞', article.id)).body.status).toBe('published');
  });
});

describe('pictures', () => {
  it('a picture is the publisher’s to see at once and the villagers’ once WeChat passed it', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 160, b: 60 } } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png');
    const up = await fetch(`${stack.baseUrl}/api/articles/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['赵振华']}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const { photoId } = (await up.json()) as { photoId: string };
    const article = await published('赵振华', COUNTY, { photoIds: [photoId] });
    expect((await open('赵振华', article.id)).body.photos).toEqual([{ id: photoId, check: expect.any(String) }]);
    let photos: unknown[] = [];
    for (let i = 0; i < 50 && photos.length === 0; i++) {
      photos = (await open('林红霞', article.id)).body.photos;
      if (!photos.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(photos).toEqual([{ id: photoId, check: 'pass' }]);
    const image = await fetch(`${stack.baseUrl}/api/articles/${article.id}/photos/${photoId}`, {
      headers: { authorization: `Bearer ${tokens['林红霞']}` },
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    // another township's villager-facing people do not see a village article's pictures
    const villageArticle = await published('王志强', SIBLING);
    expect(
      errorOf(await call('articlePhoto', { token: tokens['林红霞'], params: { articleId: villageArticle.id, photoId } })),
    ).toBe('404 ARTICLE_NOT_FOUND');
  });
});

describe('sharing to the village group', () => {
  it('a legal-literate resident shares an article of their feed: one message linking it, once per key', async () => {
    const article = await published('赵振华', COUNTY, { title: '防范养老诈骗' });
    const opened = await open('吴秀英', article.id);
    expect(opened.body.shareVillageCode).toBe(VILLAGE);
    const clientKey = key();
    const share = () => call('shareArticle', { token: tokens['吴秀英'], params: { articleId: article.id }, body: { clientKey } });
    const first = await share();
    expect(first.status).toBe(201);
    expect(first.body.groupCode).toBe(VILLAGE);
    const again = await share();
    expect(again.status).toBe(200);
    expect(again.body.seq).toBe(first.body.seq);
    const messages = await call('groupMessages', {
      token: tokens['林红霞'],
      params: { groupCode: VILLAGE },
      query: { limit: 200 },
    });
    const shared = messages.body.items.filter((m: { articleId?: string }) => m.articleId === article.id);
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ seq: first.body.seq, authorName: '吴秀英', text: '【普法】防范养老诈骗' });
  });

  it('refuses a villager (403), and an article outside the resident’s feed (404), writing no message', async () => {
    const mine = await published('王建国', VILLAGE);
    const elsewhere = await published('王志强', SIBLING);
    const before = await count('group_messages', { groupCode: VILLAGE });
    const share = (who: string, articleId: string) =>
      call('shareArticle', { token: tokens[who], params: { articleId }, body: { clientKey: key() } });
    expect(errorOf(await share('林红霞', mine.id))).toBe('403 FORBIDDEN');
    expect(errorOf(await share('吴秀英', elsewhere.id))).toBe('404 ARTICLE_NOT_FOUND');
    expect(await count('group_messages', { groupCode: VILLAGE })).toBe(before);
  });
});

describe('the demo', () => {
  it('seeds county- and village-level articles that the demo villager sees', async () => {
    const res = await feed('林红霞', VILLAGE, { limit: 50 });
    const titles = res.body.items.map((i: { title: string }) => i.title);
    expect(titles).toContain('防范电信网络诈骗“六个一律”');
    expect(titles).toContain('土地承包经营权流转要签书面合同');
  });
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('logged no server error and served every query from an index', async () => {
    expect(stack.errors).toEqual([]);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
