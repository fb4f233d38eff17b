/**
 * WeChat's privacy guide in the COMPILED weapp build, refuse path (issue 13 item 1): 拒绝 on our
 * pop-up makes the held interface fail as WeChat does ("…:fail privacy permission is not
 * authorized", errno 104). The interface never runs, the page says what the feature needs and the
 * rest stays usable (the check-in goes on without a location; the question can be sent without a
 * photo), and the next attempt asks again. (Agreeing: privacy-guide.test.ts.)
 *
 * Needs `npm run build:weapp -w miniprogram`.
 */
import type { Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type WeappRuntime, typeInto } from './support/taro-weapp';

let stack: TestStack;
let runtime: WeappRuntime;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: await loginAs('王建国') } });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the privacy pop-up, refused', () => {
  it('check-in: getLocation never runs, the check-in goes on without a location and says so; the next one asks again', async () => {
    const page = runtime.openPage('ledger/entry/index');
    await waitFor(() => page.querySelector('#timer-start'), 15000, 'the entry form');
    tap(page, 'timer-start');
    await waitFor(() => page.querySelector('#privacy-popup'), 5000, 'the privacy pop-up');
    tap(page, 'privacy-popup-refuse');
    const message = await waitFor(() => textOf(page, 'error-message'), 5000, 'the explanation');
    expect(message).toContain('未同意《隐私保护指引》');
    expect(message).toContain('不记录签到位置');
    expect(runtime.wx.privateCalls).toEqual([]);
    expect(runtime.wx.privacy.authorized).toBe(false);
    expect(page.querySelector('#privacy-popup')).toBeFalsy();
    expect(textOf(page, 'timer-status')).toContain('正在驻点');
    expect(textOf(page, 'timer-status')).not.toContain('已记录位置');

    // the rest of the page works: the check-in ends and fills the form
    tap(page, 'timer-stop');
    await waitFor(() => textOf(page, 'ok-message')?.includes('已结束驻点'), 5000, 'the check-in ended');
    expect(textOf(page, 'entry-duration')).toContain('驻点计时');

    // the next check-in asks again
    tap(page, 'timer-start');
    await waitFor(() => page.querySelector('#privacy-popup'), 5000, 'asked again');
    expect(runtime.wx.privacy.asked).toEqual(['getLocation', 'getLocation']);
    tap(page, 'privacy-popup-refuse');
    await waitFor(() => !page.querySelector('#privacy-popup'), 5000, 'the pop-up closed');
    expect(runtime.wx.privateCalls).toEqual([]);
    expect(runtime.wx.privacy.mistakes).toEqual([]);
    page.detach();
  });

  it('photos: chooseImage never runs, the page explains, and the question is still sent without a photo', async () => {
    const villager = await loginAs('林红霞');
    runtime.wx.storage.set(SESSION_KEY, villager);
    const page = runtime.openPage('consult/ask/index');
    await waitFor(() => page.querySelector('#photo-add'), 15000, 'the ask page');
    tap(page, 'photo-add');
    await waitFor(() => page.querySelector('#privacy-popup'), 5000, 'the privacy pop-up');
    expect(textOf(page, 'privacy-popup-use')).toContain('照片');
    tap(page, 'privacy-popup-refuse');
    const why = await waitFor(() => textOf(page, 'photo-refused'), 5000, 'the explanation');
    expect(why).toContain('不带照片也可以提交咨询');
    expect(page.querySelector('#photo-0')).toBeFalsy();
    expect(runtime.wx.privateCalls).toEqual([]);

    // asked again on the next tap
    tap(page, 'photo-add');
    await waitFor(() => page.querySelector('#privacy-popup'), 5000, 'asked again');
    expect(runtime.wx.privacy.asked.filter((a) => a === 'chooseImage')).toHaveLength(2);
    tap(page, 'privacy-popup-refuse');
    await waitFor(() => !page.querySelector('#privacy-popup'), 5000, 'the pop-up closed');

    // the question goes without a photo
    const question = `拒绝隐私保护指引后仍可咨询：邻居占用宅基地怎么办 ${Date.now().toString(36)}`;
    typeInto(page, 'ask-question', question);
    tap(page, 'ask-submit');
    await waitFor(
      () => runtime.wx.navigations.some((n) => n.url.startsWith('/consult/thread/index')),
      15000,
      'the question sent',
    );
    const mine = await api<{ items: { preview: string }[] }>(stack.baseUrl, 'GET', '/api/consultations/mine', villager.token);
    expect(mine.items.some((c) => question.startsWith(c.preview))).toBe(true);
    expect(runtime.wx.privateCalls).toEqual([]);
  });
});
