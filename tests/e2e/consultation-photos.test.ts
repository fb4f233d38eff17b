/**
 * A question with a photo on the H5 build in headless Chromium: 林红霞 picks a photo on the ask
 * page (H5's chooseImage opens a file chooser), submits; the photo is uploaded (multipart), the
 * consultation carries it, the thread page shows it, and the server returns the same bytes to
 * her counsel and nothing to a villager of another village.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Consultation, ConsultationListReply } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import { openBrowser, type Browser } from './support/browser';
import { findIdentity } from './support/demo';
import { openEntry } from './support/page';

// a real 1×1 PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

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

async function photoBytes(id: string, photoId: string, token: string) {
  const res = await fetch(`${stack.baseUrl}/api/consultations/${id}/photos/${photoId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** On the ask page (one tap from home): types the question, picks the photo file, submits, waits for the thread. */
async function askWithPhoto(b: Browser, question: string, file: string): Promise<void> {
  const page = b.page;
  await openEntry(b, 'link-ask');
  await page.locator('#ask-question textarea:visible').waitFor({ timeout: 20000 });
  await page.fill('#ask-question textarea', question);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 20000 }), page.click('#photo-add')]);
  await chooser.setFiles(file);
  await page.locator('#photo-0:visible').waitFor({ timeout: 20000 });
  await page.click('#ask-submit');
  await page.waitForFunction(
    (text) => Array.from(document.querySelectorAll('#thread-question')).some((e) => (e.textContent ?? '').includes(text)),
    question,
    { timeout: 30000 },
  );
}

it('a villager asks with a photo; the thread shows it and only those who may see the question get it', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'vc-photo-')), 'wall.png');
  writeFileSync(file, PNG);
  const villager = await findIdentity(stack.baseUrl, '林红霞', 'villager');
  const question = `邻居砌墙占了我家的地，照片在这里（e2e ${Date.now()}）`;

  browser = await openBrowser();
  const page = browser.page;
  await page.goto(`${stack.baseUrl}/`);
  await page.waitForSelector('#demo-identities', { timeout: 20000 });
  await page.click(`#demo-${villager.id}`);
  // the thread shows the question and the photo, loaded through the session
  await askWithPhoto(browser, question, file);
  await page.waitForFunction(
    () => {
      const img = document.querySelector<HTMLImageElement>('#consult-photo-0 img');
      return !!img && img.complete && img.naturalWidth === 1;
    },
    undefined,
    { timeout: 30000 },
  );

  const session = await demoLogin(stack.baseUrl, villager.id);
  const mine = await api<ConsultationListReply>(stack.baseUrl, 'GET', '/api/consultations/mine', session.token);
  const asked = mine.items.filter((c) => c.preview === question.slice(0, 60));
  expect(asked).toHaveLength(1);
  const detail = await api<Consultation>(stack.baseUrl, 'GET', `/api/consultations/${asked[0]!.id}`, session.token);
  expect(detail.photoIds).toHaveLength(1);

  const counsel = await demoLogin(stack.baseUrl, (await findIdentity(stack.baseUrl, '王建国', 'counsel')).id);
  // others get the photo once WeChat's "pass" arrives by its push (a while on a loaded machine: up to 30 s)
  let seen = await photoBytes(detail.id, detail.photoIds[0]!, counsel.token);
  for (let i = 0; i < 300 && seen.status !== 200; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await photoBytes(detail.id, detail.photoIds[0]!, counsel.token);
  }
  expect(seen.status).toBe(200);
  expect(seen.bytes.equals(PNG)).toBe(true);
  const stranger = await demoLogin(stack.baseUrl, (await findIdentity(stack.baseUrl, '李志强', 'township_staff')).id);
  expect((await photoBytes(detail.id, detail.photoIds[0]!, stranger.token)).status).toBe(404);
});

it('a photo WeChat finds risky is withdrawn: the asker reads why, her counsel is never given it', async () => {
  // the fake WeChat judges a mostly pure red image risky (tests/support/fake-wechat.ts riskyImage)
  const red = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 230, g: 20, b: 20 } } })
    .png()
    .toBuffer();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'vc-photo-')), 'red.png');
  writeFileSync(file, red);
  const villager = await findIdentity(stack.baseUrl, '林红霞', 'villager');
  const question = `这张照片能不能作为证据？（e2e 撤下 ${Date.now()}）`;
  const session = await demoLogin(stack.baseUrl, villager.id);
  const page = browser!.page;
  await page.goto(`${stack.baseUrl}/`);
  await askWithPhoto(browser!, question, file);

  // WeChat's verdict arrives by its push; the server then reads the photo as withdrawn
  const mine = await api<ConsultationListReply>(stack.baseUrl, 'GET', '/api/consultations/mine', session.token);
  const id = mine.items.find((c) => c.preview === question.slice(0, 60))!.id;
  let detail = await api<Consultation>(stack.baseUrl, 'GET', `/api/consultations/${id}`, session.token);
  // WeChat's push may take a while on a loaded machine: up to 30 s
  for (let i = 0; i < 300 && detail.photoChecks[0]?.check !== 'withdrawn'; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    detail = await api<Consultation>(stack.baseUrl, 'GET', `/api/consultations/${id}`, session.token);
  }
  expect(detail.photoChecks).toEqual([{ photoId: detail.photoIds[0], check: 'withdrawn' }]);

  // the asker's thread says so
  await page.reload();
  const note = page.locator('#consult-photos-withdrawn:visible');
  await note.waitFor({ timeout: 30000 });
  expect((await note.textContent())?.trim()).toBe('1 张照片未通过微信内容安全检测，已撤下，法律顾问看不到');

  // her counsel is neither listed nor served the photo
  const counsel = await demoLogin(stack.baseUrl, (await findIdentity(stack.baseUrl, '王建国', 'counsel')).id);
  const seen = await api<Consultation>(stack.baseUrl, 'GET', `/api/consultations/${id}`, counsel.token);
  expect(seen.photoIds).toEqual([]);
  expect((await photoBytes(id, detail.photoIds[0]!, counsel.token)).status).toBe(404);
}, 120000);
