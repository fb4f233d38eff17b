/**
 * 说话输入 on the ask page of the H5 build in headless Chromium (issue 14 item 7).
 *
 * The browser's speech recogniser is what is faked, not our code: an init script replaces
 * window.SpeechRecognition / webkitSpeechRecognition before the app loads with a constructor that
 * behaves as the Web Speech API documents (start → onresult with a final result → onend), and records
 * how it was set up. Chromium's own recogniser needs Google's servers and a microphone, neither here.
 * 1. With a recogniser: 说话输入 shows; tapped, it listens in Mandarin and the words land in the
 *    question box after what was typed, and the counter counts them.
 * 2. Without one (as in WeChat's browser and many phone browsers): no button, the line about the
 *    keyboard's microphone key instead.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import type { DemoIdentity } from '@vc/types';
import { uiSuite } from './support/suite';
import { openBrowser, type Browser } from './support/browser';
import { findIdentity } from './support/demo';
import { UI_TIMEOUT, openEntry, textOf, visible, waitForShown } from './support/page';

const SPOKEN = '村里修路占了我家的承包地';

/** A stand-in for the browser's recogniser: hears SPOKEN once, as a final result, then ends. */
const FAKE_RECOGNITION = `(() => {
  class FakeRecognition {
    constructor() {
      this.lang = ''; this.interimResults = true; this.continuous = true; this.maxAlternatives = 0;
      this.onresult = null; this.onerror = null; this.onend = null;
      window.__speech = { created: (window.__speech?.created ?? 0) + 1, started: window.__speech?.started ?? [] };
    }
    start() {
      window.__speech.started.push({ lang: this.lang, interimResults: this.interimResults, continuous: this.continuous });
      setTimeout(() => {
        const alternative = { transcript: ${JSON.stringify(SPOKEN)}, confidence: 0.9 };
        const result = Object.assign([alternative], { isFinal: true });
        this.onresult && this.onresult({ resultIndex: 0, results: [result] });
        this.onend && this.onend();
      }, 300);
    }
    stop() { this.onend && this.onend(); }
    abort() { this.onend && this.onend(); }
  }
  window.SpeechRecognition = FakeRecognition;
  window.webkitSpeechRecognition = FakeRecognition;
})();`;

/** No recogniser at all, whatever this Chromium defines. */
const NO_RECOGNITION = `(() => { delete window.SpeechRecognition; delete window.webkitSpeechRecognition;
  window.SpeechRecognition = undefined; window.webkitSpeechRecognition = undefined; })();`;

const suite = uiSuite();
let villager: DemoIdentity;

beforeAll(async () => {
  villager = await findIdentity(suite.stack.baseUrl, '林红霞', 'villager');
});

/** A browser with `script` run before the app, logged in as 林红霞, on the ask page. */
async function askPageWith(script: string): Promise<Browser> {
  const b = await openBrowser();
  suite.keep(b);
  await b.context.addInitScript({ content: script });
  await b.page.goto(`${suite.stack.baseUrl}/`);
  await waitForShown(b, '#demo-identities');
  await b.page.click(`#demo-${villager.id}`);
  await waitForShown(b, '#home-user-name');
  await openEntry(b, 'link-ask');
  await visible(b, 'ask-question').waitFor({ timeout: UI_TIMEOUT });
  return b;
}

it('with a speech recogniser, the words spoken land in the question box', async () => {
  const b = await askPageWith(FAKE_RECOGNITION);
  await b.page.fill('#ask-question textarea', '您好，');
  expect(await visible(b, 'ask-voice-hint').count()).toBe(0);
  expect(await textOf(b, 'ask-voice')).toBe('说话输入（普通话）');

  await visible(b, 'ask-voice').click();
  await b.page.waitForFunction(
    (text) => (document.querySelector<HTMLTextAreaElement>('#ask-question textarea')?.value ?? '').includes(text),
    SPOKEN,
    { timeout: UI_TIMEOUT },
  );
  expect(await b.page.inputValue('#ask-question textarea')).toBe(`您好，${SPOKEN}`);
  expect(await textOf(b, 'ask-counter')).toBe(`${3 + SPOKEN.length} / 2000`);
  const speech = await b.page.evaluate(() => (window as unknown as { __speech: { started: unknown[] } }).__speech);
  expect(speech.started).toEqual([{ lang: 'zh-CN', interimResults: false, continuous: false }]);
  // listening ended: the button offers to listen again
  expect(await textOf(b, 'ask-voice')).toBe('说话输入（普通话）');
}, 180000);

it('without one, the page points to the keyboard’s microphone key', async () => {
  const b = await askPageWith(NO_RECOGNITION);
  expect(await textOf(b, 'ask-voice-hint')).toContain('用手机键盘上的话筒按钮说话');
  expect(await b.page.locator('#ask-voice').count()).toBe(0);
}, 180000);
