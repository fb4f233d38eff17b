/**
 * The languages (issue 17) over real HTTP on the demo data: a translation's resource files are
 * downloaded by language (with the error catalogue's translation), the account keeps the language a
 * villager chooses and the server answers that person's failures in it (the X-VC-Language header,
 * sent by the phone, wins), a county may switch a translation off, and the translations' fonts are
 * served by their public names only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { ERRORS } from '../../types/src/errors';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, request, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const COUNTY = '210921';
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const errorOf = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const LOCALES = path.resolve(__dirname, '..', '..', 'types', 'src', 'i18n', 'locales');
const boErrors = JSON.parse(readFileSync(path.join(LOCALES, 'bo', 'errors.json'), 'utf8')) as Record<string, string>;
const HAN = /\p{Script=Han}/u;
/** An id no consultation has: the consultation route answers 404 CONSULTATION_NOT_FOUND for it. */
const MISSING_ID = new mongoose.Types.ObjectId().toHexString();
const stored = (name: string) => mongoose.connection.collection('users').findOne({ _id: new mongoose.Types.ObjectId(ids[name]) });

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '赵振华']) {
    const s = await demoLogin(stack.baseUrl, name);
    tokens[name] = s.token;
    ids[name] = s.user.id;
  }
});
afterAll(() => stack?.stop());

describe('GET /api/i18n/:language', () => {
  it("returns a translation's bundles, the common namespace and the error catalogue each saying who translated them", async () => {
    const res = await call('languageResources', { params: { language: 'mn-Mong' } });
    expect(res.status).toBe(200);
    expect(res.body.language).toBe('mn-Mong');
    expect(Object.keys(res.body.bundles)).toEqual(expect.arrayContaining(['common', 'errors', 'labels']));
    for (const ns of ['common', 'errors', 'labels']) {
      expect(res.body.bundles[ns]._meta).toMatchObject({
        translator: expect.any(String),
        review: expect.stringMatching(/native speaker/),
      });
    }
    // the Mongolian script, no Chinese left in
    expect(res.body.bundles.errors.CONSULTATION_NOT_FOUND).toMatch(/[\u1820-\u1878]/);
    expect(JSON.stringify(res.body.bundles)).not.toMatch(HAN);
  });

  it('an unknown language is a 400 VALIDATION_FAILED', async () => {
    const res = await call('languageResources', { params: { language: 'xx' } });
    expect(errorOf(res)).toBe('400 VALIDATION_FAILED');
  });
});

describe("a villager's language", () => {
  it('PUT /api/me {language: bo} is kept: GET /api/me says bo', async () => {
    const put = await call('updateProfile', { token: tokens['林红霞'], body: { language: 'bo' } });
    expect(put.status).toBe(200);
    expect(put.body.language).toBe('bo');
    const me = await call('me', { token: tokens['林红霞'] });
    expect(me.body).toMatchObject({ language: 'bo', languages: expect.arrayContaining(['zh-Hans', 'mn-Mong', 'bo']) });
  });

  it("a failure is answered in the account's language without a header, in Chinese when the phone says zh-Hans", async () => {
    const missing = await call('consultation', { token: tokens['林红霞'], params: { consultationId: MISSING_ID } });
    expect(errorOf(missing)).toBe('404 CONSULTATION_NOT_FOUND');
    expect(missing.body.error.message).toBe(boErrors.CONSULTATION_NOT_FOUND);
    expect(missing.body.error.message).toMatch(/[\u0f00-\u0fff]/);

    const chinese = await call('consultation', {
      token: tokens['林红霞'],
      params: { consultationId: MISSING_ID },
      headers: { 'X-VC-Language': 'zh-Hans' },
    });
    expect(errorOf(chinese)).toBe('404 CONSULTATION_NOT_FOUND');
    expect(chinese.body.error.message).toBe(ERRORS.CONSULTATION_NOT_FOUND[1]);
  });

  it('a validation failure is answered in Tibetan too (the general message of the code)', async () => {
    const bad = await call('updateProfile', { token: tokens['林红霞'], body: { language: 'xx' } });
    expect(errorOf(bad)).toBe('400 VALIDATION_FAILED');
    expect(bad.body.error.message).toBe(boErrors.VALIDATION_FAILED);
    expect((await call('me', { token: tokens['林红霞'] })).body.language).toBe('bo');
  });

  it('county staff switch Tibetan off: the villager reads Chinese, may not choose Tibetan, and nothing changes', async () => {
    const policy = await call('updateCountyPolicy', {
      token: tokens['赵振华'],
      params: { countyCode: COUNTY },
      body: { languagesOff: ['bo'] },
    });
    expect(policy.status).toBe(200);
    expect(policy.body.languagesOff).toEqual(['bo']);

    const me = await call('me', { token: tokens['林红霞'] });
    expect(me.body.language).toBe('zh-Hans');
    expect(me.body.languages).not.toContain('bo');
    expect(me.body.languages).toContain('zh-Hans');

    const before = await stored('林红霞');
    const refused = await call('updateProfile', { token: tokens['林红霞'], body: { language: 'bo' } });
    expect(errorOf(refused)).toBe('409 LANGUAGE_SWITCHED_OFF');
    // without a header the server reads the language she may read now: no longer Tibetan
    expect(refused.body.error.message).toBe(ERRORS.LANGUAGE_SWITCHED_OFF[1]);
    expect(await stored('林红霞')).toEqual(before);
    expect((await call('me', { token: tokens['林红霞'] })).body).toMatchObject({ language: 'zh-Hans' });
    // the phone, told zh-Hans by GET /api/me, sends it: the refusal reads in Chinese
    const asChinese = await call('updateProfile', {
      token: tokens['林红霞'],
      body: { language: 'bo' },
      headers: { 'X-VC-Language': 'zh-Hans' },
    });
    expect(errorOf(asChinese)).toBe('409 LANGUAGE_SWITCHED_OFF');
    expect(asChinese.body.error.message).toBe(ERRORS.LANGUAGE_SWITCHED_OFF[1]);
    expect(await stored('林红霞')).toEqual(before);
  });
});

describe('/fonts', () => {
  it('serves the Mongolian font as woff2, and nothing for another name', async () => {
    const font = await fetch(new URL('/fonts/noto-sans-mongolian.woff2', stack.baseUrl));
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    const bytes = Buffer.from(await font.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('wOF2');

    const other = await request(stack.baseUrl, 'get', '/fonts/other.woff2');
    // no font: a 404, or the H5 app's page when the H5 build is there (its fallback for unknown paths)
    const type = other.headers.get('content-type') ?? '';
    expect(other.status === 404 || /html/.test(type)).toBe(true);
    expect(type).not.toMatch(/font/);
  });
});
