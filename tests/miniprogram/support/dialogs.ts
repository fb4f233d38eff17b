/**
 * The NutUI dialogs and sheets of a compiled page (shared/components/Feedback.tsx, NutUI ActionSheet),
 * found by what a person reads: the compiled DOM carries classes, not the ids set in JSX, on
 * NutUI's own parts.
 */
import type { SimNode } from './taro-weapp';

/** Taps the dialog footer button that reads `label` (e.g. the confirmation's 禁言, the error's 知道了). */
export function tapDialogButton(page: SimNode, label: string): void {
  const buttons = page
    .querySelectorAll('.nut-dialog-footer-ok')
    .concat(page.querySelectorAll('.nut-dialog-footer-cancel'))
    .filter((b) => (b.dom.textContent ?? '').trim() === label);
  if (buttons.length !== 1) throw new Error(`${buttons.length} dialog buttons read ${label}`);
  buttons[0]!.dispatchEvent('tap');
}

/** The dialog buttons a person can read now (visible dialogs' footers). */
export function dialogButtons(page: SimNode): string[] {
  return page
    .querySelectorAll('.nut-dialog-footer-ok')
    .map((b) => (b.dom.textContent ?? '').trim())
    .filter(Boolean);
}
