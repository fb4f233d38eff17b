/**
 * The H5 path of compressing a photo before upload (miniprogram/src/shared/photos.ts): Taro's H5
 * build has no compressImage, so the chosen file is drawn on a canvas at most 1920 px long and
 * encoded as JPEG. A 4000×3000 photo of 6 MB, which the server would refuse (over 2 MB), is
 * accepted when chosen and arrives at the server as a 1920×1440 JPEG under 2 MB.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Consultation, ConsultationListReply } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import { openBrowser, type Browser } from './support/browser';
import { findIdentity } from './support/demo';
import { UI_TIMEOUT, openEntry, visible, waitForShown } from './support/page';

const MAX = 2 * 1024 * 1024;

let stack: TestStack;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startUiStack();
});
afterAll(async () => {
  if (browser?.errors.length) console.warn('browser errors:\n' + browser.errors.join('\n'));
  await browser?.close();
  await stack?.stop();
});

/** A 4000×3000 photo-like JPEG at quality 95 (gradients and a pattern): about 6 MB. */
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

it('a 6 MB photo is compressed in the browser and uploaded as a 1920×1440 JPEG under 2 MB', async () => {
  const original = await largeJpeg();
  expect(original.length).toBeGreaterThan(MAX);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'vc-photo-')), 'IMG_0001.jpg');
  writeFileSync(file, original);
  const villager = await findIdentity(stack.baseUrl, '林红霞', 'villager');
  const question = `墙上的裂缝是邻居施工造成的，照片在这里（e2e ${Date.now()}）`;

  browser = await openBrowser();
  const page = browser.page;
  await page.goto(`${stack.baseUrl}/`);
  await waitForShown(browser, '#demo-identities');
  await page.click(`#demo-${villager.id}`);
  await waitForShown(browser, '#home-user-name');
  await openEntry(browser, 'link-ask');
  await visible(browser, 'ask-question').waitFor({ timeout: UI_TIMEOUT });
  await page.fill('#ask-question textarea', question);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: UI_TIMEOUT }), page.click('#photo-add')]);
  await chooser.setFiles(file);
  await visible(browser, 'photo-0').waitFor({ timeout: UI_TIMEOUT });
  expect(await page.locator('#photo-too-large').count()).toBe(0);
  await page.click('#ask-submit');
  await page.waitForFunction(
    (text) => Array.from(document.querySelectorAll('#thread-question')).some((e) => (e.textContent ?? '').includes(text)),
    question,
    { timeout: 60000 },
  );

  const session = await demoLogin(stack.baseUrl, villager.id);
  const mine = await api<ConsultationListReply>(stack.baseUrl, 'GET', '/api/consultations/mine', session.token);
  const id = mine.items.find((c) => c.preview === question.slice(0, 60))!.id;
  const read = () => api<Consultation>(stack.baseUrl, 'GET', `/api/consultations/${id}`, session.token);
  let detail = await read();
  expect(detail.photoIds).toHaveLength(1);
  // served once WeChat's content check (the fake's push) has passed it: up to 30 s on a loaded machine
  for (let i = 0; i < 300 && detail.photoChecks[0]?.check !== 'pass'; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    detail = await read();
  }
  const res = await fetch(`${stack.baseUrl}/api/consultations/${id}/photos/${detail.photoIds[0]}`, {
    headers: { authorization: `Bearer ${session.token}` },
  });
  expect(res.status).toBe(200);
  const stored = Buffer.from(await res.arrayBuffer());
  expect(stored.length).toBeLessThan(MAX);
  const meta = await sharp(stored).metadata();
  expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', width: 1920, height: 1440 });
}, 180000);
