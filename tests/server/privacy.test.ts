/**
 * Privacy (issue 13, items 2, 3 and 7) over real HTTP on the real stack: the policy and consent
 * records (asked again when the version in force changes), the data copy, account cancellation
 * (what is erased, what stays and how it reads, no way back in, repeats and concurrent repeats,
 * duties to hand over first) and the retention purge (in process and as the operator's command).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { RETENTION } from '@vc/types';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';
import { loadConfig } from '../../server/src/config';
import { createApp } from '../../server/src/app';
import { createLogger } from '../../server/src/shared/log';
import { createWechatClient } from '../../server/src/modules/wechat/client';
import { purgeExpired } from '../../server/src/modules/privacy/purge';

const COUNTY = '210921';
const VILLAGE = '210921001001'; // served by the demo counsel 王建国
const OTHER_VILLAGE = '210921001002';
const VERSION = 'test-2026-v1';

let stack: Stack;
let call: ReturnType<typeof api>;
let counsel: string;
let countyStaff: string;
let people = 0;

const db = () => mongoose.connection;
const oid = (id: string) => new mongoose.Types.ObjectId(id);
const key = () => `k-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

/** A new person logged in through the (fake) WeChat, bound to the village, with a name and phone. */
async function newVillager(): Promise<{ token: string; id: string; openid: string }> {
  people += 1;
  const openid = `privacy-openid-${people}`;
  stack.wechat!.issueCode(`privacy-code-${people}`, { openid });
  const login = await call('wechatLogin', { body: { code: `privacy-code-${people}` } });
  expect(login.status).toBe(200);
  const token = login.body.token as string;
  expect((await call('bindVillage', { token, body: { villageCode: VILLAGE } })).status).toBe(200);
  const named = await call('updateProfile', {
    token,
    body: { name: `村民甲${people}`, phone: `1390000${String(people).padStart(4, '0')}` },
  });
  expect(named.status).toBe(200);
  return { token, id: login.body.user.id as string, openid };
}

const photo = (ownerId: string, consultationId: mongoose.Types.ObjectId | null, hoursAgo: number) => ({
  ownerId: oid(ownerId),
  consultationId,
  contentType: 'image/png',
  size: 4,
  data: Buffer.from([1, 2, 3, 4]),
  createdAt: new Date(Date.now() - hoursAgo * 3600 * 1000),
});

beforeAll(async () => {
  stack = await startStack({ env: { PRIVACY_POLICY_VERSION: VERSION } });
  call = api(stack.baseUrl);
  counsel = (await demoLogin(stack.baseUrl, '王建国')).token;
  countyStaff = (await demoLogin(stack.baseUrl, '赵振华')).token;
});
afterAll(() => stack?.stop());

describe('the privacy policy and consent', () => {
  it('the policy in force is public, versioned, and states the retention periods of one configuration place', async () => {
    const policy = await call('privacyPolicy');
    expect(policy.status).toBe(200);
    expect(policy.body.version).toBe(VERSION);
    expect(policy.body.retention).toEqual(RETENTION);
    const text = JSON.stringify(policy.body.sections);
    expect(text).toContain(`${RETENTION.unattachedPhotoHours} 小时后删除`);
    expect(text).toContain(`保存 ${RETENTION.contactRevealDays} 天`);
    expect(text).toContain('注销');
  });

  it('a new person must agree; agreeing records who, when, which version and how, once', async () => {
    const person = await newVillager();
    const me = await call('me', { token: person.token });
    expect(me.body.privacyVersion).toBeNull();
    const before = await call('privacyStatus', { token: person.token });
    expect(before.body).toMatchObject({ currentVersion: VERSION, consentedVersion: null, consentNeeded: true, consents: [] });

    const stale = await call('privacyConsent', { token: person.token, body: { version: '2020-01-01', via: 'miniprogram' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('PRIVACY_VERSION_OUTDATED');

    const agreed = await call('privacyConsent', { token: person.token, body: { version: VERSION, via: 'miniprogram' } });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ consentedVersion: VERSION, consentNeeded: false });
    const again = await call('privacyConsent', { token: person.token, body: { version: VERSION, via: 'miniprogram' } });
    expect(again.status).toBe(200);
    expect(
      await db()
        .collection('privacy_consents')
        .countDocuments({ userId: oid(person.id) }),
    ).toBe(1);
    expect((await call('me', { token: person.token })).body.privacyVersion).toBe(VERSION);
  });

  it('a new version in force asks again, and both agreements are kept', async () => {
    const person = await newVillager();
    await call('privacyConsent', { token: person.token, body: { version: VERSION, via: 'h5' } });
    // the same database served by a server whose configuration names a newer version
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      WECHAT_API_BASE: stack.config.wechat.apiBase,
      PRIVACY_POLICY_VERSION: 'test-2027-v2',
    });
    const app = createApp({
      config,
      wechat: createWechatClient(config.wechat),
      log: createLogger({ level: 'error', destination: { write: () => undefined } }),
    });
    const server: Server = await new Promise((resolve) => {
      const handle = app.callback();
      const s = createServer((req, res) => void handle(req, res));
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const v2 = api(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect((await v2('privacyPolicy')).body.version).toBe('test-2027-v2');
      const status = await v2('privacyStatus', { token: person.token });
      expect(status.body).toMatchObject({ currentVersion: 'test-2027-v2', consentedVersion: VERSION, consentNeeded: true });
      const agreed = await v2('privacyConsent', { token: person.token, body: { version: 'test-2027-v2', via: 'miniprogram' } });
      expect(agreed.body.consentNeeded).toBe(false);
      expect(agreed.body.consents.map((c: { version: string }) => c.version)).toEqual(['test-2027-v2', VERSION]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the data copy', () => {
  it("is the person's own data, as a JSON download, in the same number of commands however much there is", async () => {
    const person = await newVillager();
    await call('privacyConsent', { token: person.token, body: { version: VERSION, via: 'miniprogram' } });
    const ask = (question: string) => call('askConsultation', { token: person.token, body: { clientKey: key(), question } });
    expect((await ask('我家的宅基地被邻居占用了怎么办？')).status).toBe(201);

    const first = await call('myDataCopy', { token: person.token });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(first.body.profile).toMatchObject({ id: person.id, name: `村民甲${people}`, villageCode: VILLAGE });
    expect(first.body.profile.phone).toMatch(/^1390000\d{4}$/); // their own number, in full
    expect(first.body.consents).toHaveLength(1);
    expect(first.body.consultations.map((c: { question: string }) => c.question)).toEqual(['我家的宅基地被邻居占用了怎么办？']);
    expect(first.body.villageHistory).toHaveLength(1);

    const one = await stack.commandsDuring(() => call('myDataCopy', { token: person.token }));
    for (let i = 0; i < 3; i += 1) await ask(`第${i + 1}个问题：土地承包合同到期怎么办？`);
    const four = await stack.commandsDuring(() => call('myDataCopy', { token: person.token }));
    expect((await call('myDataCopy', { token: person.token })).body.consultations).toHaveLength(4);
    expect(four.length).toBe(one.length);
  });

  it("a counsel's copy has their ledger entries and who viewed their phone", async () => {
    const villager = await newVillager();
    const me = await call('me', { token: counsel });
    expect(
      (await call('counselContact', { token: villager.token, params: { villageCode: VILLAGE, counselId: me.body.id } })).status,
    ).toBe(200);
    const startAt = new Date(Date.now() - 3 * 3600 * 1000).toISOString();
    const endAt = new Date(Date.now() - 3600 * 1000).toISOString();
    const summary = '在村委会值班，接待村民咨询 3 人次';
    const entry = await call('submitLedgerEntry', {
      token: counsel,
      body: { clientKey: key(), villageCode: VILLAGE, kind: 'on_site_duty', startAt, endAt, summary },
    });
    expect(entry.status).toBe(201);
    const copy = await call('myDataCopy', { token: counsel });
    expect(copy.status).toBe(200);
    expect(copy.body.contactReveals).toContainEqual({ villageCode: VILLAGE, at: expect.any(String) });
    expect(copy.body.ledgerEntries).toContainEqual(expect.objectContaining({ id: entry.body.id, summary }));
  });
});

describe('account cancellation (注销)', () => {
  it('erases the person, keeps what others rely on under 已注销用户, and leaves no way back in', async () => {
    const person = await newVillager();
    await call('privacyConsent', { token: person.token, body: { version: VERSION, via: 'miniprogram' } });
    const asked = await call('askConsultation', {
      token: person.token,
      body: { clientKey: key(), question: '邻居家的狗咬伤了我的孩子，怎么赔偿？' },
    });
    expect(asked.status).toBe(201);
    const consultationId = asked.body.id as string;
    const loose = await db()
      .collection('consultation_photos')
      .insertOne(photo(person.id, null, 1));
    const attached = await db()
      .collection('consultation_photos')
      .insertOne(photo(person.id, oid(consultationId), 1));

    const unconfirmed = await call('cancelAccount', { token: person.token, body: { confirm: '确定' } });
    expect(unconfirmed.status).toBe(400);
    expect(
      await db()
        .collection('users')
        .countDocuments({ _id: oid(person.id), name: `村民甲${people}` }),
    ).toBe(1);

    const cancelled = await call('cancelAccount', { token: person.token, body: { confirm: '注销' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.erased.join()).toContain('手机号');
    expect(cancelled.body.kept.join()).toContain('已注销用户');

    const stored = await db()
      .collection('users')
      .findOne({ _id: oid(person.id) });
    expect(stored).toMatchObject({
      name: '已注销用户',
      phone: null,
      avatarUrl: null,
      unionid: null,
      villageCode: null,
      roles: [],
    });
    expect(stored!.openid).not.toBe(person.openid);
    expect(await db().collection('consultation_photos').countDocuments({ _id: loose.insertedId })).toBe(0);
    expect(await db().collection('consultation_photos').countDocuments({ _id: attached.insertedId })).toBe(1);
    expect(
      await db()
        .collection('privacy_consents')
        .countDocuments({ userId: oid(person.id) }),
    ).toBe(1);
    expect(
      await db()
        .collection('privacy_cancellations')
        .countDocuments({ _id: person.id as never }),
    ).toBe(1);

    // the counsel still sees the consultation, asked by 已注销用户
    const seen = await call('consultation', { token: counsel, params: { consultationId } });
    expect(seen.status).toBe(200);
    expect(seen.body.askerName).toBe('已注销用户');
    expect(seen.body.question).toBe('邻居家的狗咬伤了我的孩子，怎么赔偿？');

    // the session is over; the same WeChat account logs in to a new, empty person
    expect((await call('me', { token: person.token })).status).toBe(401);
    stack.wechat!.issueCode('privacy-again', { openid: person.openid });
    const again = await call('wechatLogin', { body: { code: 'privacy-again' } });
    expect(again.status).toBe(200);
    expect(again.body.user.id).not.toBe(person.id);
    expect(again.body.user).toMatchObject({ name: '微信用户', village: null, phoneMasked: null, privacyVersion: null });

    // nobody finds the cancelled person in the village's residents
    const residents = await call('listResidents', { token: countyStaff, params: { villageCode: VILLAGE } });
    expect(residents.status).toBe(200);
    expect(residents.body.items.map((r: { userId: string }) => r.userId)).not.toContain(person.id);
    expect(stack.errors).toEqual([]);
  });

  it('repeated at once gives one cancellation record and no server error; afterwards the old session is refused', async () => {
    const person = await newVillager();
    const replies = await Promise.all(
      [1, 2, 3].map(() => call('cancelAccount', { token: person.token, body: { confirm: '注销' } })),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses).toContain(200);
    for (const s of statuses) expect([200, 401]).toContain(s);
    const at = new Set(replies.filter((r) => r.status === 200).map((r) => r.body.cancelledAt));
    expect(at.size).toBe(1);
    expect(
      await db()
        .collection('privacy_cancellations')
        .countDocuments({ _id: person.id as never }),
    ).toBe(1);
    expect((await call('cancelAccount', { token: person.token, body: { confirm: '注销' } })).status).toBe(401);
    expect(stack.errors).toEqual([]);
  });

  it('a counsel serving villages is told what to hand over first, and nothing changes', async () => {
    const person = await newVillager();
    await db()
      .collection('users')
      .updateOne(
        { _id: oid(person.id) },
        { $set: { roles: [{ role: 'counsel', placeCode: COUNTY }], countyCodes: [COUNTY], staffCountyCodes: [COUNTY] } },
      );
    const assigned = await call('assignCounsel', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      body: { counselId: person.id, villageCode: OTHER_VILLAGE },
    });
    expect(assigned.status).toBe(201);
    const refused = await call('cancelAccount', { token: person.token, body: { confirm: '注销' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ACCOUNT_HAS_DUTIES');
    const paths = refused.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining([`roles.counsel.${COUNTY}`, `assignments.${OTHER_VILLAGE}`]));
    expect((await call('me', { token: person.token })).status).toBe(200);
    expect(
      await db()
        .collection('privacy_cancellations')
        .countDocuments({ _id: person.id as never }),
    ).toBe(0);
  });

  it('a demo identity cannot be cancelled (everyone uses it)', async () => {
    const refused = await call('cancelAccount', { token: counsel, body: { confirm: '注销' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DEMO_ACCOUNT_NOT_CANCELLABLE');
  });
});

describe('retention purge', () => {
  const hours = (n: number) => new Date(Date.now() - n * 3600 * 1000);
  async function seedOld() {
    const owner = new mongoose.Types.ObjectId().toHexString();
    const photos = db().collection('consultation_photos');
    const oldLoose = await photos.insertOne(photo(owner, null, RETENTION.unattachedPhotoHours + 1));
    const newLoose = await photos.insertOne(photo(owner, null, 1));
    const oldAttached = await photos.insertOne(photo(owner, new mongoose.Types.ObjectId(), RETENTION.unattachedPhotoHours + 100));
    const reveals = db().collection('contact_reveals');
    const base = { userId: new mongoose.Types.ObjectId(), counselId: new mongoose.Types.ObjectId(), villageCode: VILLAGE };
    const oldReveal = await reveals.insertOne({ ...base, at: hours(24 * (RETENTION.contactRevealDays + 1)) });
    const newReveal = await reveals.insertOne({ ...base, at: hours(24) });
    const sessions = db().collection('sessions');
    const session = (id: string, expiresHoursAgo: number) => ({
      _id: id as never,
      tokenHash: id,
      userId: new mongoose.Types.ObjectId(),
      via: 'demo',
      createdAt: hours(expiresHoursAgo + 24),
      expiresAt: hours(expiresHoursAgo),
      revokedAt: null,
    });
    const oldSession = `old-${key()}`;
    const newSession = `new-${key()}`;
    await sessions.insertMany([session(oldSession, 24 * (RETENTION.loginLogDays + 1)), session(newSession, 24)]);
    return async () => ({
      photos: await Promise.all([oldLoose, newLoose, oldAttached].map((p) => photos.countDocuments({ _id: p.insertedId }))),
      reveals: await Promise.all([oldReveal, newReveal].map((r) => reveals.countDocuments({ _id: r.insertedId }))),
      sessions: await Promise.all([oldSession, newSession].map((s) => sessions.countDocuments({ _id: s as never }))),
    });
  }

  it('deletes only what is older than the stated periods', async () => {
    const counts = await seedOld();
    const result = await purgeExpired();
    expect(result.unattachedPhotos).toBeGreaterThanOrEqual(1);
    expect(await counts()).toEqual({ photos: [0, 1, 1], reveals: [0, 1], sessions: [0, 1] });
    // a second run finds nothing more of these
    await purgeExpired();
    expect(await counts()).toEqual({ photos: [0, 1, 1], reveals: [0, 1], sessions: [0, 1] });
  });

  it("runs as the operator's command `npm run admin -- purge`", async () => {
    const counts = await seedOld();
    const root = path.resolve(__dirname, '..', '..');
    const child = spawn(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      [path.join(root, 'server', 'src', 'cli', 'admin.ts'), 'purge'],
      {
        cwd: root,
        env: { ...process.env, MONGODB_URI: stack.db.uri },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/清理完成.*unattached photos 1.*contact reveals 1.*login records 1/);
    expect(await counts()).toEqual({ photos: [0, 1, 1], reveals: [0, 1], sessions: [0, 1] });
  }, 60000);
});
