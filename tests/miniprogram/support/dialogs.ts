/**
 * The NutUI dialogs and sheets of a compiled page (shared/components/Feedback.tsx, NutUI ActionSheet),
 * found by what a person reads: the compiled DOM carries classes, not the ids set in JSX, on
 * NutUI's own parts.
 */
import { textOf, waitFor, type SimNode } from './taro-weapp';

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

/**
 * Answers the confirmation an irreversible action asks first (useAction's `confirm`; the dialog is
 * mounted only while it asks): returns what it said, then taps its confirming button (or 取消).
 */
export async function answerConfirm(page: SimNode, yes = true): Promise<string> {
  const said = await waitFor(() => textOf(page, 'confirm-message'), 10000, 'the confirmation dialog');
  const button = page.querySelector(yes ? '.nut-dialog-footer-ok' : '.nut-dialog-footer-cancel');
  if (!button) throw new Error('the confirmation dialog has no button');
  button.dispatchEvent('tap');
  await waitFor(() => !textOf(page, 'confirm-message'), 10000, 'the confirmation dialog to close');
  return said;
}
