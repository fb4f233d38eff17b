/**
 * A township's locked ledger months (issue 14 item 5), in the COMPILED weapp build run in
 * miniprogram-simulate against a real running server. Needs `npm run build:weapp`. 王志强 (城区街道)
 * sees on the review page which months are locked, by whom and when; locking last month asks first
 * (action.run's confirmation, saying it cannot be undone), then the server holds the lock and the
 * list shows it.
 */
import type { Session, TownshipLedgerLocksReply } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { tapDialogButton } from './support/dialogs';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const TOWNSHIP = '210921001';
const WAIT = 15000;

let stack: TestStack;
let runtime: WeappRuntime;
let staff: Session;
let page: SimComponent;

/** YYYY-MM of the Beijing month `back` months before this one. */
function monthsAgo(back: number): string {
  const sh = new Date(Date.now() + 8 * 3600 * 1000);
  const d = new Date(Date.UTC(sh.getUTCFullYear(), sh.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}
/** How the page writes a time: Beijing, YYYY-MM-DD HH:mm. */
const beijing = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

const locks = () => api<TownshipLedgerLocksReply>(stack.baseUrl, 'GET', `/api/townships/${TOWNSHIP}/ledger-locks`, staff.token);

beforeAll(async () => {
  stack = await startUiStack();
  staff = await demoLoginByName(stack.baseUrl, '王志强');
  // a month locked earlier, by the same staff, through the API
  await api(stack.baseUrl, 'POST', `/api/townships/${TOWNSHIP}/ledger-months/${monthsAgo(2)}/lock`, staff.token);
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: staff } });
  page = runtime.openPage('ledger/review/index', { townshipCode: TOWNSHIP });
});

afterAll(async () => {
  page?.detach();
  await stack?.stop();
});

describe('locked ledger months of a township (weapp build)', () => {
  it('lists the locked months with who locked them and when', async () => {
    const held = await locks();
    expect(held.items.map((l) => l.month)).toEqual([monthsAgo(2)]);
    const line = await waitFor(() => textOf(page, `lock-${monthsAgo(2)}`), WAIT, 'the locked month');
    expect(line).toContain(monthsAgo(2));
    expect(line).toContain(`王志强 锁定于 ${beijing(held.items[0]!.lockedAt)}`);
    expect(textOf(page, 'ledger-locks')).toContain('城区街道已锁定的月份');
  });

  it('locks last month after a confirmation, and lists it first', async () => {
    const month = monthsAgo(1);
    const picker = page.querySelector('#lock-month-picker');
    if (!picker) throw new Error('#lock-month-picker not found');
    picker.dispatchEvent('change', { detail: { value: `${month}-01` } });
    await waitFor(() => textOf(page, 'lock-month') === `${month} ▾`, WAIT, 'the month picked');
    expect(textOf(page, 'lock-button')).toBe(`锁定 ${month} 台账`);

    tap(page, 'lock-button');
    const asked = await waitFor(() => textOf(page, 'confirm-message'), WAIT, 'the confirmation');
    expect(asked).toContain(`锁定后 城区街道${month} 的台账不能再直接登记`);
    expect(asked).toContain('锁定不能撤销');
    expect((await locks()).items.map((l) => l.month)).not.toContain(month); // not before confirming

    tapDialogButton(page, '锁定');
    expect(await waitFor(() => textOf(page, 'ok-message'), WAIT, 'the success toast')).toBe(`已锁定 ${month} 的台账`);
    const held = await locks();
    expect(held.items.map((l) => l.month)).toEqual([month, monthsAgo(2)]);
    expect(held.items[0]!.lockedByName).toBe('王志强');
    const line = await waitFor(() => textOf(page, `lock-${month}`), WAIT, 'the new lock in the list');
    expect(line).toContain(`王志强 锁定于 ${beijing(held.items[0]!.lockedAt)}`);
  });
});
