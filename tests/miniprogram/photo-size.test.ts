/**
 * Photos for a question are compressed on the phone and checked when chosen (issue 14 item 6), in the
 * COMPILED weapp build under miniprogram-simulate against a real server. The fake wx
 * (support/fake-wx.ts) decodes and encodes images for real (sharp) as wx.getImageInfo /
 * wx.compressImage / wx.getFileInfo are documented.
 *
 * The phone holds two photos, both over the server's 2 MB as taken:
 * 1. a 4000×3000 JPEG (quality 95): compressed to 1920×1440 at quality 80 it fits, and is added;
 * 2. a 1600×1600 PNG of noise: compressImage's quality applies to JPEG only, so it stays far over
 *    2 MB and is left out, named (第2张) the moment it is chosen, before anything is sent.
 * 提交 then uploads the COMPRESSED file (its temp path, its bytes are what the server keeps).
 * Also: the ask page in weapp offers no voice button (consult/services/speech.ts: no WechatSI plugin
 * is declared) and says the keyboard's microphone key works instead.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { Consultation, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, typeInto, waitFor, type WeappRuntime } from './support/taro-weapp';

const MAX = 2 * 1024 * 1024;
const PHOTO_JPG = 'wxfile://tmp/photo-1.jpg';
const PHOTO_PNG = 'wxfile://tmp/photo-2.png';

let stack: TestStack;
let runtime: WeappRuntime;
let villager: Session;

/** A 4000×3000 photo-like JPEG: smooth gradients with a pattern, over 2 MB at quality 95. */
async function largeJpeg(): Promise<Buffer> {
  const w = 4000;
  const h = 3000;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      raw[i] = x % 256;
      raw[i + 1] = y % 256;
      raw[i + 2] = (x * y) % 256;
    }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** A 1600×1600 PNG of noise: PNG cannot shrink it, nor can a JPEG quality setting. */
const noisyPng = () =>
  sharp(randomBytes(1600 * 1600 * 3), { raw: { width: 1600, height: 1600, channels: 3 } })
    .png()
    .toBuffer();

/** The photo's bytes as the server returns them to its owner. */
function photoBytes(consultationId: string, photoId: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(
        new URL(`${stack.baseUrl}/api/consultations/${consultationId}/photos/${photoId}`),
        { headers: { authorization: `Bearer ${villager.token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      )
      .on('error', reject);
  });
}

beforeAll(async () => {
  stack = await startUiStack();
  villager = await demoLoginByName(stack.baseUrl, '林红霞');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: villager } });
  runtime.wx.privacy.authorized = true; // agreed to the privacy guide before (privacy-guide.test.ts covers asking)
  runtime.wx.tempFiles.clear();
  runtime.wx.tempFiles.set(PHOTO_JPG, await largeJpeg());
  runtime.wx.tempFiles.set(PHOTO_PNG, await noisyPng());
}, 60000);

afterAll(async () => {
  await stack?.stop();
});

it('names the photo still over 2 MB when chosen, and uploads the compressed one', async () => {
  const originalJpg = runtime.wx.tempFiles.get(PHOTO_JPG)!.length;
  expect(originalJpg).toBeGreaterThan(MAX);
  expect(runtime.wx.tempFiles.get(PHOTO_PNG)!.length).toBeGreaterThan(MAX);

  const page = runtime.openPage('consult/ask/index');
  await waitFor(() => page.querySelector('#photo-add'), 15000, 'the ask page');
  // no speech recogniser in weapp: no voice button, the keyboard's microphone key instead
  expect(textOf(page, 'ask-voice-hint')).toContain('用手机键盘上的话筒按钮说话');
  expect(page.querySelector('#ask-voice')).toBeFalsy();
  tap(page, 'photo-add');

  const said = await waitFor(() => textOf(page, 'photo-too-large'), 30000, 'the too-large message');
  expect(said).toContain('第2张');
  expect(said).toContain('超过2MB');
  expect(said).not.toContain('第1张');
  expect(page.querySelector('#photo-0')).toBeTruthy();
  expect(page.querySelector('#photo-1')).toBeFalsy();
  expect(runtime.wx.uploads).toHaveLength(0); // nothing was sent to find that out

  // the JPEG was brought down to 1920 px on its long side, at quality 80
  const jpg = runtime.wx.compressions.find((c) => c.src === PHOTO_JPG)!;
  expect(jpg).toMatchObject({ quality: 80, compressedWidth: 1920, compressedHeight: 1440 });
  const compressed = runtime.wx.tempFiles.get(jpg.tempFilePath)!;
  expect(compressed.length).toBeLessThan(MAX);
  expect(compressed.length).toBeLessThan(originalJpg / 4);

  const question = `村里修路占了我家的承包地，没有补偿怎么办？（${Date.now().toString(36)}）`;
  typeInto(page, 'ask-question', question);
  const navigations = runtime.wx.navigations.length;
  tap(page, 'ask-submit');
  const nav = await waitFor(() => runtime.wx.navigations[navigations], 30000, 'the thread to open');
  expect(runtime.wx.uploads.map((u) => [u.filePath, u.status])).toEqual([[jpg.tempFilePath, 201]]);

  const id = new URL(nav.url, 'http://x').searchParams.get('id')!;
  const detail = () => api<Consultation>(stack.baseUrl, 'GET', `/api/consultations/${id}`, villager.token);
  let consultation = await detail();
  expect(consultation.photoIds).toHaveLength(1);
  // the photo is served once WeChat's content check (the fake's push) has passed it: up to 30 s on a loaded machine
  for (let i = 0; i < 300 && consultation.photoChecks[0]?.check !== 'pass'; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    consultation = await detail();
  }
  const stored = await photoBytes(id, consultation.photoIds[0]!);
  expect(stored.equals(compressed)).toBe(true);
}, 120000);
