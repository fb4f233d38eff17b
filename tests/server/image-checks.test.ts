/**
 * Every user image is checked by WeChat asynchronously (issue 13 item 4): media_check_async, then
 * WeChat downloads the image by an expiring link and pushes its verdict (wxa_media_check) to our
 * message-push route, signed with the push token. Over real HTTP with the fake WeChat doing both
 * the download and the signed push: until 'pass' nobody else sees the image; 'risky' withdraws it
 * for good and the township's moderators see why; forged pushes are refused and change nothing.
 */
import mongoose from 'mongoose';
import sharp from 'sharp';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, request, type Reply } from '../support/http';
import { pushQuery, signPush } from '../support/fake-wechat';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const TOWNSHIP = '210921001';
const OTHER_TOWNSHIP = '210921100';
let keyCounter = 0;
const key = () => `img-${Date.now().toString(36)}-${keyCounter++}`;
const errorOf = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const db = () => mongoose.connection.db!;

const pngOf = (rgb: { r: number; g: number; b: number }) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: rgb } })
    .png()
    .toBuffer();
const GREEN = { r: 40, g: 160, b: 60 };
const RED = { r: 255, g: 0, b: 0 };

async function upload(path: string, who: string, data: Buffer): Promise<Reply> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}` },
    body: form,
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}
const get = (path: string, who?: string) =>
  fetch(`${stack.baseUrl}${path}`, { headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
const view = (who: string, consultationId: string) => call('consultation', { token: tokens[who], params: { consultationId } });
const photoPath = (consultationId: string, photoId: string) => `/api/consultations/${consultationId}/photos/${photoId}`;
const checkOf = (imageId: string) =>
  db()
    .collection('image_checks')
    .findOne({ imageId: new mongoose.Types.ObjectId(imageId) });
const push = (query: string, body: unknown) => request(stack.baseUrl, 'post', `/api/wechat/push?${query}`, { body });
const verdict = (traceId: string, suggest: 'pass' | 'risky' | 'review') => ({
  ToUserName: 'gh_fake',
  FromUserName: 'openid',
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: 'wx-test-appid',
  trace_id: traceId,
  version: 2,
  result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
});

/** A villager's photo, uploaded with WeChat's verdict held, attached to a new question. */
async function askWithHeldPhoto(color: { r: number; g: number; b: number }) {
  const wechat = stack.wechat!;
  const before = wechat.mediaChecks.length;
  wechat.holdMediaChecks = true;
  const up = await upload('/api/consultations/photos', '林红霞', await pngOf(color));
  expect(up.status).toBe(201);
  await wechat.mediaChecksSettled();
  const record = wechat.mediaChecks[before]!;
  const asked = await call('askConsultation', {
    token: tokens['林红霞'],
    body: { clientKey: key(), question: '邻居的围墙占了我家的地，照片附上', photoIds: [up.body.photoId] },
  });
  expect(asked.status).toBe(201);
  return { photoId: up.body.photoId as string, consultationId: asked.body.id as string, record };
}

async function release() {
  stack.wechat!.holdMediaChecks = false;
  await stack.wechat!.releaseMediaChecks();
  await stack.wechat!.mediaChecksSettled();
}

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '王志强', '李志强', '赵振华']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    ids[name] = session.user.id;
  }
});
afterEach(() => release());
afterAll(() => stack?.stop());

describe('the message-push URL', () => {
  it("answers WeChat's server check with echostr when signed with the push token, and nothing otherwise", async () => {
    const ok = await request(stack.baseUrl, 'get', `/api/wechat/push?${pushQuery('test-push-token')}&echostr=4716985623190`);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('4716985623190');
    const forged = await request(stack.baseUrl, 'get', `/api/wechat/push?${pushQuery('wrong-token')}&echostr=4716985623190`);
    expect(errorOf(forged)).toBe('401 BAD_SIGNATURE');
    const unsigned = await request(stack.baseUrl, 'get', '/api/wechat/push?echostr=4716985623190');
    expect(errorOf(unsigned)).toBe('401 BAD_SIGNATURE');
  });
});

describe('consultation photos', () => {
  it('stay with the asker (审核中) until WeChat passes them, then the counsel sees them; the link WeChat used then stops', async () => {
    const { photoId, consultationId, record } = await askWithHeldPhoto(GREEN);
    // WeChat was asked with the uploader's openid and downloaded the very image over our public link
    expect(record).toMatchObject({ fetchStatus: 200, held: true, openid: 'demo:villager-bound' });
    expect(record.mediaUrl).toMatch(new RegExp(`^${stack.baseUrl}/api/media/[A-Za-z0-9_-]{43}$`));

    const asAsker = await view('林红霞', consultationId);
    expect(asAsker.body.photoChecks).toEqual([{ photoId, check: 'pending' }]);
    expect(asAsker.body.photoIds).toEqual([photoId]);
    expect((await get(photoPath(consultationId, photoId), '林红霞')).status).toBe(200);
    const asCounsel = await view('王建国', consultationId);
    expect(asCounsel.status).toBe(200);
    expect(asCounsel.body).toMatchObject({ photoIds: [], photoChecks: [] });
    expect((await get(photoPath(consultationId, photoId), '王建国')).status).toBe(404);

    await release();
    expect(record.pushStatuses).toEqual([200]);
    expect(await checkOf(photoId)).toMatchObject({ status: 'pass', suggest: 'pass' });
    expect((await view('王建国', consultationId)).body).toMatchObject({
      photoIds: [photoId],
      photoChecks: [{ photoId, check: 'pass' }],
    });
    const served = await get(photoPath(consultationId, photoId), '王建国');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    // the link WeChat downloaded by works only while the check is pending
    const after = await request(stack.baseUrl, 'get', new URL(record.mediaUrl).pathname);
    expect(errorOf(after)).toBe('404 MEDIA_NOT_FOUND');
  });

  it("are withdrawn when WeChat finds them risky: never listed or served to others, the township's moderators see why", async () => {
    const { photoId, consultationId, record } = await askWithHeldPhoto(RED);
    await release();
    expect(record.suggest).toBe('risky');
    expect(await checkOf(photoId)).toMatchObject({ status: 'withdrawn', suggest: 'risky', townshipCode: TOWNSHIP });

    expect((await view('王建国', consultationId)).body).toMatchObject({ photoIds: [], photoChecks: [] });
    expect((await get(photoPath(consultationId, photoId), '王建国')).status).toBe(404);
    expect((await view('林红霞', consultationId)).body.photoChecks).toEqual([{ photoId, check: 'withdrawn' }]);
    expect((await request(stack.baseUrl, 'get', new URL(record.mediaUrl).pathname)).status).toBe(404);

    const check = await checkOf(photoId);
    const listed = await call('withdrawnImages', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        id: String(check!._id),
        kind: 'consultation_photo',
        ownerName: '林红霞',
        villageCode: '210921001001',
        suggest: 'risky',
        reason: expect.stringMatching(/违规/),
      }),
    );
    // another township's staff see neither this list nor this photo in their own
    const other = await call('withdrawnImages', { token: tokens['李志强'], params: { townshipCode: TOWNSHIP } });
    expect(errorOf(other)).toBe('403 OUT_OF_JURISDICTION');
    const theirs = await call('withdrawnImages', { token: tokens['李志强'], params: { townshipCode: OTHER_TOWNSHIP } });
    expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(String(check!._id));
    expect(errorOf(await call('withdrawnImages', { token: tokens['林红霞'], params: { townshipCode: TOWNSHIP } }))).toBe(
      '403 FORBIDDEN',
    );
  });

  it('refuses forged pushes (bad or missing signature, unknown trace_id) and changes nothing; a repeated push is harmless', async () => {
    const { photoId, consultationId, record } = await askWithHeldPhoto(RED);
    const before = await checkOf(photoId);
    expect(before).toMatchObject({ status: 'pending', traceId: record.traceId });

    // someone who knows the trace_id but not the token tries to pass a risky photo
    const ts = String(Math.floor(Date.now() / 1000));
    const badSignature = await push(
      `signature=${signPush('guessed', ts, '42')}&timestamp=${ts}&nonce=42`,
      verdict(record.traceId, 'pass'),
    );
    expect(errorOf(badSignature)).toBe('401 BAD_SIGNATURE');
    const tampered = await push(
      `signature=${signPush('test-push-token', ts, '42')}&timestamp=${ts}&nonce=43`,
      verdict(record.traceId, 'pass'),
    );
    expect(errorOf(tampered)).toBe('401 BAD_SIGNATURE');
    const unsigned = await push('', verdict(record.traceId, 'pass'));
    expect(errorOf(unsigned)).toBe('401 BAD_SIGNATURE');
    // a correctly signed query an hour old (the signature covers no body): not reusable
    const stale = await push(
      pushQuery('test-push-token', String(Math.floor(Date.now() / 1000) - 3600)),
      verdict(record.traceId, 'pass'),
    );
    expect(errorOf(stale)).toBe('401 BAD_SIGNATURE');
    const unknown = await push(pushQuery('test-push-token'), verdict('0000-unknown-trace', 'pass'));
    expect(errorOf(unknown)).toBe('404 IMAGE_CHECK_NOT_FOUND');
    expect(await checkOf(photoId)).toEqual(before);
    expect((await view('王建国', consultationId)).body.photoIds).toEqual([]);
    expect((await get(photoPath(consultationId, photoId), '王建国')).status).toBe(404);

    // WeChat's own verdict decides; a repeat of a decided push (WeChat retries) changes nothing
    await release();
    expect(await checkOf(photoId)).toMatchObject({ status: 'withdrawn' });
    const repeat = await push(pushQuery('test-push-token'), verdict(record.traceId, 'pass'));
    expect(repeat.status).toBe(200);
    expect(repeat.body).toBe('success');
    expect(await checkOf(photoId)).toMatchObject({ status: 'withdrawn' });
    expect((await get(photoPath(consultationId, photoId), '王建国')).status).toBe(404);
    // other events are acknowledged and ignored
    const other = await push(pushQuery('test-push-token'), { MsgType: 'event', Event: 'user_enter_tempsession' });
    expect(other.status).toBe(200);
  });

  it('the download link expires after an hour even while pending', async () => {
    const { photoId, record } = await askWithHeldPhoto(GREEN);
    const path = new URL(record.mediaUrl).pathname;
    expect((await get(path)).status).toBe(200);
    await db()
      .collection('image_checks')
      .updateOne({ imageId: new mongoose.Types.ObjectId(photoId) }, { $set: { createdAt: new Date(Date.now() - 3601_000) } });
    expect((await get(path)).status).toBe(404);
  });
});

describe('avatars', () => {
  it('the uploader sees a pending avatar at once; others only once WeChat passed it', async () => {
    const me = await call('me', { token: tokens['林红霞'] });
    const previous = me.body.avatarUrl ?? null;
    stack.wechat!.holdMediaChecks = true;
    const up = await upload('/api/me/avatar', '林红霞', await pngOf(GREEN));
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ avatar: { url: expect.stringMatching(/^\/api\/avatars\/[A-Za-z0-9_-]{43}$/), check: 'pending' } });
    await stack.wechat!.mediaChecksSettled();
    // the uploader's own link shows it (not cached while pending); the avatar others see is unchanged
    const own = await get(up.body.avatar.url);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect((await call('me', { token: tokens['林红霞'] })).body.avatarUrl ?? null).toBe(previous);

    await release();
    expect((await call('me', { token: tokens['林红霞'] })).body.avatarUrl).toBe(up.body.avatar.url);
    const stored = await db()
      .collection('users')
      .findOne({ _id: new mongoose.Types.ObjectId(ids['林红霞']) });
    expect(stored?.avatarUrl).toBe(up.body.avatar.url);
  });

  it('a risky avatar is withdrawn: its link stops, the passed avatar stays', async () => {
    const current = (await call('me', { token: tokens['林红霞'] })).body.avatarUrl;
    const up = await upload('/api/me/avatar', '林红霞', await pngOf(RED));
    expect(up.body.avatar.check).toBe('pending');
    await stack.wechat!.mediaChecksSettled();
    expect((await get(up.body.avatar.url)).status).toBe(404);
    expect((await call('me', { token: tokens['林红霞'] })).body.avatarUrl).toBe(current);
    const listed = await call('withdrawnImages', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
    expect(listed.body.items).toContainEqual(expect.objectContaining({ kind: 'avatar', ownerName: '林红霞', suggest: 'risky' }));
  });

  it('refuses what is not an image, and a check WeChat cannot start; nothing is stored', async () => {
    const avatars = () => db().collection('avatars').countDocuments();
    const before = await avatars();
    const text = await upload('/api/me/avatar', '林红霞', Buffer.from('这不是图片'));
    expect(errorOf(text)).toBe('415 PHOTO_TYPE_UNSUPPORTED');
    stack.wechat!.mediaCheckErrcode = -1;
    try {
      expect(errorOf(await upload('/api/me/avatar', '林红霞', await pngOf(GREEN)))).toBe('503 CONTENT_CHECK_UNAVAILABLE');
      expect(errorOf(await upload('/api/consultations/photos', '林红霞', await pngOf(GREEN)))).toBe(
        '503 CONTENT_CHECK_UNAVAILABLE',
      );
    } finally {
      stack.wechat!.mediaCheckErrcode = null;
    }
    expect(await avatars()).toBe(before);
    expect(stack.errors).toEqual([]);
  });
});

describe('account cancellation', () => {
  it("erases the person's avatars, passed and pending; the link WeChat would fetch stops", async () => {
    stack.wechat!.issueCode('image-checks-cancel', { openid: 'image-checks-openid' });
    const login = await call('wechatLogin', { body: { code: 'image-checks-cancel' } });
    expect(login.status).toBe(200);
    tokens.cancelling = login.body.token;
    const passed = await upload('/api/me/avatar', 'cancelling', await pngOf(GREEN));
    await stack.wechat!.mediaChecksSettled();
    expect((await call('me', { token: tokens.cancelling })).body.avatarUrl).toBe(passed.body.avatar.url);
    stack.wechat!.holdMediaChecks = true;
    const pending = await upload('/api/me/avatar', 'cancelling', await pngOf(GREEN));
    await stack.wechat!.mediaChecksSettled();
    const record = stack.wechat!.mediaChecks.at(-1)!;

    const cancelled = await call('cancelAccount', { token: tokens.cancelling, body: { confirm: '注销' } });
    expect(cancelled.status).toBe(200);
    const owner = new mongoose.Types.ObjectId(login.body.user.id as string);
    expect(await db().collection('avatars').countDocuments({ ownerId: owner })).toBe(0);
    expect((await db().collection('users').findOne({ _id: owner }))?.avatarUrl).toBeNull();
    for (const url of [passed.body.avatar.url, pending.body.avatar.url]) expect((await get(url)).status).toBe(404);
    expect((await get(new URL(record.mediaUrl).pathname)).status).toBe(404);
    // WeChat's late verdict on it finds nothing to show
    await release();
    expect((await db().collection('users').findOne({ _id: owner }))?.avatarUrl).toBeNull();
  });
});
