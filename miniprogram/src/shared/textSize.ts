/**
 * Large-text mode for older eyes (适老化, issue 14 item 7): one number, the CSS variable --vc-scale,
 * multiplies every font size and control height in app.css (1, or LARGE_SCALE in large mode). The
 * person chooses in 我的 (kept on the phone under TEXT_SIZE_KEY); until they do, the app follows the
 * system's font size where the platform tells it:
 * - weapp: WeChat's own font setting (我-设置-通用-字体大小), getAppBaseInfo().fontSizeSetting
 *   (getSystemInfoSync() on older base libraries); larger than the standard 17 px → large mode.
 * - H5: browsers do not report the phone's font setting to scripts (Taro's getSystemInfoSync gives
 *   fontSizeSetting NaN). We read the browser's default font size (`font-size: medium`, 16 px
 *   unless the person enlarged it in the browser's settings) and, in Safari, the Dynamic Type size
 *   (`font: -apple-system-body`, 17 px standard); larger than standard → large mode. WeChat's
 *   Android browser scales page text by itself (text zoom), without telling the page.
 * Where the mode is applied: shared/components/Screen.tsx gives every page's root the class
 * `text-large` (weapp has no document root to set it on); in H5 the class also goes on <html>, so
 * what is drawn outside a page (Taro's title and tab bars, pop-ups) scales too.
 */
import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { readText, writeStored } from './storage';

export type TextSizeChoice = 'system' | 'standard' | 'large';
export const TEXT_SIZE_CHOICES: readonly TextSizeChoice[] = ['system', 'standard', 'large'];
export const TEXT_SIZE_KEY = 'vc.textSize';
/** the class that turns large text on (app.css sets --vc-scale under it) */
export const LARGE_CLASS = 'text-large';

/** WeChat's standard font size (fontSizeSetting at 标准); the browser's default is 16 px */
const WECHAT_STANDARD_PX = 17;
const BROWSER_STANDARD_PX = 16;
const SAFARI_BODY_STANDARD_PX = 17;

/** The person's choice, 'system' when they made none (or the stored value is not one we know). */
export function textSizeChoice(): TextSizeChoice {
  const v = readText(TEXT_SIZE_KEY);
  return (TEXT_SIZE_CHOICES as readonly string[]).includes(v) ? (v as TextSizeChoice) : 'system';
}

function measuredPx(font: string): number {
  const probe = document.createElement('div');
  probe.style.cssText = `position:absolute;visibility:hidden;font:${font}`;
  document.body.appendChild(probe);
  const px = parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return px;
}

/** Whether the platform says the person set their phone's (or browser's) text larger than standard. */
export function systemWantsLargeText(): boolean {
  try {
    if (process.env.TARO_ENV === 'h5') {
      if (typeof document === 'undefined' || !document.body) return false;
      if (measuredPx('medium sans-serif') > BROWSER_STANDARD_PX) return true;
      return typeof CSS !== 'undefined' && CSS.supports('font', '-apple-system-body')
        ? measuredPx('-apple-system-body') > SAFARI_BODY_STANDARD_PX
        : false;
    }
    const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync();
    const px = Number((info as { fontSizeSetting?: number }).fontSizeSetting);
    return Number.isFinite(px) && px > WECHAT_STANDARD_PX;
  } catch {
    return false;
  }
}

/** Whether pages draw large text now: the person's choice, or the system's when they made none. */
export function isLargeText(): boolean {
  const choice = textSizeChoice();
  return choice === 'large' || (choice === 'system' && systemWantsLargeText());
}

const listeners = new Set<() => void>();

/** H5: the class on <html> too, for what Taro draws outside the page (title bar, tab bar, pop-ups). */
function applyToDocument(large: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.classList.toggle(LARGE_CLASS, large);
  }
}

/** Keeps the choice on the phone and redraws every open page. False when the storage refused it. */
export function setTextSizeChoice(choice: TextSizeChoice): boolean {
  const kept = writeStored(TEXT_SIZE_KEY, choice === 'system' ? null : choice);
  applyToDocument(isLargeText());
  listeners.forEach((l) => l());
  return kept;
}

/**
 * Whether this page draws large text; follows a change made on another page (all pages share this
 * module) and a change of the system's size while the app was in the background (on show).
 */
export function useLargeText(): boolean {
  const [large, setLarge] = useState(isLargeText);
  useEffect(() => {
    const update = () => setLarge(isLargeText());
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  useDidShow(() => setLarge(isLargeText()));
  useEffect(() => applyToDocument(large), [large]);
  return large;
}
