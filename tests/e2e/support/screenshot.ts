import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from './browser';

/**
 * A screenshot of the whole page. Taro's H5 pages scroll inside their own container, not the
 * document, so Playwright's fullPage sees one screen: the window is made as tall as the content
 * for the picture (after the checks, which ran at the phone's height), then put back.
 */
export async function screenshot(b: Browser, file: string): Promise<void> {
  const viewport = b.page.viewportSize() ?? { width: 375, height: 740 };
  const height = await b.page.evaluate(() => {
    let extra = 0;
    for (const e of Array.from(document.querySelectorAll('*'))) {
      const s = getComputedStyle(e);
      if (/(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1) {
        extra = Math.max(extra, e.scrollHeight - e.clientHeight);
      }
    }
    return window.innerHeight + extra;
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await b.page.setViewportSize({ width: viewport.width, height: Math.min(height, 16000) });
  try {
    // one layout at the new height
    await b.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await b.page.screenshot({ path: file, fullPage: true });
  } finally {
    await b.page.setViewportSize(viewport);
  }
}
