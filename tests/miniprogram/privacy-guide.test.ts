/**
 * WeChat's privacy guide (用户隐私保护指引) in the COMPILED weapp build, agree path (issue 13 item 1):
 * the fake wx holds a privacy interface until the app's wx.onNeedPrivacyAuthorization listener
 * resolves, as the base library does. Our pop-up shows what the interface is for, opens the full
 * guide (wx.openPrivacyContract), and its 同意 (open-type="agreePrivacyAuthorization") lets the
 * interface run: the counsel's check-in gets its location, the villager's question its photo.
 * Refusing: privacy-guide-refuse.test.ts (a page loads once per test file).
 *
 * Needs `npm run build:weapp -w miniprogram`.
 */
import type { Session } from '@vc/types';
import { demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { tapAgreeButton } from './support/fake-wx';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

let stack: TestStack;
let runtime: WeappRuntime;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

const agree = (page: SimComponent) => tapAgreeButton(runtime.wx, page, 'privacy-popup-agree');

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: await loginAs('王建国') } });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the privacy pop-up, agreed', () => {
  it('the first check-in asks first; the full guide opens; 同意 lets getLocation run and the check-in keeps its location', async () => {
    const page = runtime.openPage('ledger/entry/index');
    await waitFor(() => page.querySelector('#timer-start'), 15000, 'the entry form');
    expect(runtime.wx.privacy.listener).not.toBeNull(); // the page registered the listener
    tap(page, 'timer-start');
    await waitFor(() => page.querySelector('#privacy-popup'), 5000, 'the privacy pop-up');
    expect(runtime.wx.privacy.asked).toEqual(['getLocation']);
    expect(textOf(page, 'privacy-popup-use')).toContain('位置信息');
    expect(textOf(page, 'privacy-popup-use')).toContain('签到位置');
    expect(runtime.wx.privateCalls).toEqual([]); // WeChat holds the call
    expect(runtime.wx.privacy.exposures).toBe(1); // the pop-up told WeChat it is shown
    await waitFor(() => textOf(page, 'timer-status'), 5000, 'the check-in started meanwhile');
    expect(textOf(page, 'timer-status')).not.toContain('已记录位置');

    tap(page, 'privacy-popup-contract');
    await waitFor(() => runtime.wx.privacy.contractOpened === 1, 5000, 'the full guide');

    agree(page);
    await waitFor(() => textOf(page, 'timer-status')?.includes('已记录位置'), 5000, 'the location recorded');
    expect(runtime.wx.privateCalls).toEqual(['getLocation']);
    expect(runtime.wx.privacy.authorized).toBe(true);
    expect(page.querySelector('#privacy-popup')).toBeFalsy();
    expect(runtime.wx.privacy.mistakes).toEqual([]);
    expect(page.querySelector('#error-message')).toBeFalsy();

    // agreed once: the next check-in is not asked again
    tap(page, 'timer-stop');
    await waitFor(() => page.querySelector('#timer-start'), 5000, 'the check-in ended');
    tap(page, 'timer-start');
    await waitFor(() => textOf(page, 'timer-status')?.includes('已记录位置'), 5000, 'the second check-in located');
    expect(runtime.wx.privacy.asked).toEqual(['getLocation']);
    expect(runtime.wx.privateCalls).toEqual(['getLocation', 'getLocation']);
    page.detach();
  });

  it('choosing a photo for a question asks first (a person who has not agreed yet); 同意 and the photo is there', async () => {
    runtime.wx.storage.set(SESSION_KEY, await loginAs('林红霞'));
    runtime.wx.privacy.authorized = false; // another person on another phone: not agreed yet
    const page = runtime.openPage('consult/ask/index');
    await waitFor(() => page.querySelector('#photo-add'), 15000, 'the ask page');
    tap(page, 'photo-add');
    await waitFor(() => page.querySelector('#privacy-popup'), 5000, 'the privacy pop-up');
    expect(runtime.wx.privacy.asked.at(-1)).toBe('chooseImage');
    expect(textOf(page, 'privacy-popup-use')).toContain('照片');
    expect(page.querySelector('#photo-0')).toBeFalsy();

    agree(page);
    await waitFor(() => page.querySelector('#photo-0'), 5000, 'the chosen photo');
    expect(runtime.wx.privateCalls.at(-1)).toBe('chooseImage');
    expect(page.querySelector('#privacy-popup')).toBeFalsy();
    expect(page.querySelector('#photo-refused')).toBeFalsy();
    expect(runtime.wx.privacy.mistakes).toEqual([]);
  });
});
