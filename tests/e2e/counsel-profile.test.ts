/**
 * A counsel's profile with a photo on the H5 build in headless Chromium: 王建国 opens 我的顾问资料
 * from home, picks a photo (H5's chooseImage opens a file chooser; uploadFile sends it as
 * multipart), fills in his title and saves; the server keeps the photo resized to 480 px wide,
 * the page shows it, and the village's notice board shows it too.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { CounselProfile } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import type { Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { openEntry } from './support/page';

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

it('a counsel uploads a photo and saves the profile; the photo is resized and shown on the board', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'vc-profile-')), 'me.jpg');
  writeFileSync(
    file,
    await sharp({ create: { width: 1200, height: 1600, channels: 3, background: { r: 30, g: 90, b: 160 } } })
      .jpeg()
      .toBuffer(),
  );
  const counsel = await findIdentity(stack.baseUrl, '王建国', 'counsel');
  browser = await openAs(stack.baseUrl, counsel);
  const page = browser.page;
  await openEntry(browser, 'link-counsel-profile');
  await page.locator('#profile-title input:visible').waitFor({ timeout: 20000 });

  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 20000 }), page.click('#profile-photo')]);
  await chooser.setFiles(file);
  await page.waitForFunction(
    () => {
      const img = document.querySelector<HTMLImageElement>('#profile-photo-image img');
      return !!img && img.complete && img.naturalWidth === 480;
    },
    undefined,
    { timeout: 30000 },
  );
  await page.fill('#profile-title input', '专职律师');
  await page.click('#profile-save');
  await page.waitForSelector('#ok-message', { timeout: 20000 });

  const session = await demoLogin(stack.baseUrl, counsel.id);
  const saved = await api<CounselProfile>(stack.baseUrl, 'GET', '/api/counsel/me/profile', session.token);
  expect(saved.title).toBe('专职律师');
  expect(saved.photoUrl).toMatch(/^\/api\/counsel\/[a-f0-9]{24}\/photos\/[a-f0-9]{24}$/);

  // his village's notice board shows the photo
  await page.goto(`${stack.baseUrl}/#/pages/board/index?villageCode=${saved.villages[0]!.code}`);
  await page.waitForFunction(
    (id) => {
      const img = document.querySelector<HTMLImageElement>(`#counsel-photo-${id} img`);
      return !!img && img.complete && img.naturalWidth === 480;
    },
    saved.counselId,
    { timeout: 30000 },
  );
});
