/** Filling the H5 app's forms as a person does: Taro's inputs and pickers. */
import type { Browser } from './browser';
import { UI_TIMEOUT, visible } from './page';

/**
 * Sets a Taro picker as choosing row (or date) `value` does: its wheel is not something a test can
 * turn, so the picker's own change event is sent with the value the wheel would give.
 */
export async function pick(b: Browser, id: string, value: number | string): Promise<void> {
  await visible(b, id).waitFor({ timeout: UI_TIMEOUT });
  await b.page.evaluate(
    ({ sel, v }) => {
      const el = Array.from(document.querySelectorAll(sel)).find((e) => e.getClientRects().length > 0);
      el?.dispatchEvent(new CustomEvent('change', { detail: { value: v }, bubbles: true }));
    },
    { sel: `#${id}`, v: value },
  );
}

/** Types into the visible Taro Input or Textarea with this id (its inner input or textarea element). */
export async function fill(b: Browser, id: string, text: string, tag: 'input' | 'textarea' = 'textarea'): Promise<void> {
  const l = b.page.locator(`#${id}:visible ${tag}`);
  await l.waitFor({ timeout: UI_TIMEOUT });
  await l.fill(text);
}
