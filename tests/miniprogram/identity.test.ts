/**
 * Identity without getUserProfile (issue 13 item 6) in the COMPILED weapp build: 我的资料
 * (privacy/profile) for a village cadre. The name from WeChat's nickname input is saved through
 * PUT /api/me (WeChat's msg_sec_check on the server: a risky name is refused with the Chinese
 * reason); the avatar from the chooseAvatar button (a privacy component: our pop-up first) is
 * uploaded as multipart field `file` to POST /api/me/avatar; the phone-number button is offered
 * because a village cadre's work needs a phone (a villager's 我的 does not mention one).
 *
 * Needs `npm run build:weapp -w miniprogram`.
 */
import type { Me, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { pressPrivacyButton, tapAgreeButton } from './support/fake-wx';
import { nativeAttribute } from './support/native-attrs';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

let stack: TestStack;
let runtime: WeappRuntime;
let cadre: Session;
let page: SimComponent;
const tag = Date.now().toString(36).slice(-4);

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

/** Types into the input and waits for the page to show it (a person cannot tap 保存 in the same tick). */
async function input(id: string, value: string) {
  const node = page.querySelector(`#${id}`);
  if (!node) throw new Error(`#${id} not found`);
  node.dispatchEvent('input', { detail: { value } });
  await waitFor(() => nativeAttribute(page, 'input', id, 'value') === value, 5000, 'the typed value');
}

const serverName = async () => (await api<Me>(stack.baseUrl, 'GET', '/api/me', cadre.token)).name;

beforeAll(async () => {
  stack = await startUiStack();
  cadre = await loginAs('周桂兰');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: cadre } });
});
afterAll(async () => {
  await stack?.stop();
});

describe('我的资料 (weapp build)', () => {
  it('the nickname input saves the name', async () => {
    page = runtime.openPage('privacy/profile/index');
    await waitFor(() => page.querySelector('#profile-nickname'), 15000, 'the page');
    expect(nativeAttribute(page, 'input', 'profile-nickname', 'type')).toBe('nickname'); // WeChat's nickname input
    await input('profile-nickname', `周桂兰${tag}`);
    tap(page, 'profile-name-save');
    await waitFor(() => textOf(page, 'ok-message'), 15000, 'saved');
    expect(textOf(page, 'ok-message')).toBe('名字已保存');
    expect(await serverName()).toBe(`周桂兰${tag}`);
  });

  it('a risky name is refused with the Chinese reason and not saved', async () => {
    await input('profile-nickname', '赌博大师');
    tap(page, 'profile-name-save');
    const message = await waitFor(() => textOf(page, 'error-message'), 15000, 'the refusal');
    expect(message).toContain('不适宜公示');
    expect(await serverName()).toBe(`周桂兰${tag}`);
  });

  it('the chosen avatar asks the privacy guide first, then is uploaded as field `file` to POST /api/me/avatar', async () => {
    runtime.wx.tempFiles.set('wxfile://tmp/avatar-chosen.png', runtime.wx.tempFiles.get('wxfile://tmp/photo-1.png')!);
    const pressed = pressPrivacyButton(runtime.wx, page, 'profile-avatar', 'chooseAvatar', {
      avatarUrl: 'wxfile://tmp/avatar-chosen.png',
    });
    await waitFor(() => page.querySelector('#privacy-popup'), 5000, 'the privacy pop-up');
    expect(textOf(page, 'privacy-popup-use')).toContain('头像');
    expect(runtime.wx.uploads).toHaveLength(0);
    tapAgreeButton(runtime.wx, page, 'privacy-popup-agree');
    await pressed;
    const upload = await waitFor(() => runtime.wx.uploads[0], 15000, 'the upload');
    expect(upload).toMatchObject({
      url: `${stack.baseUrl}/api/me/avatar`,
      name: 'file',
      filePath: 'wxfile://tmp/avatar-chosen.png',
    });
    await waitFor(() => runtime.wx.uploads[0]!.status > 0, 15000, 'the reply');
    expect(runtime.wx.uploads[0]!.status).toBe(200);
    await waitFor(() => page.querySelector('#profile-avatar-image'), 15000, 'the new avatar shown');
    expect(runtime.wx.privacy.mistakes).toEqual([]);
  });

  it("the phone button is offered to a village cadre; a code WeChat does not know shows the server's refusal", async () => {
    expect(page.querySelector('#profile-phone-wechat')).toBeTruthy();
    const asked = runtime.wx.privacy.asked.length;
    await pressPrivacyButton(runtime.wx, page, 'profile-phone-wechat', 'getPhoneNumber', { code: 'not-issued-by-wechat' });
    expect(runtime.wx.privacy.asked).toHaveLength(asked); // agreed once already (avatar): not asked again
    await waitFor(() => textOf(page, 'error-message')?.includes('手机号授权已失效'), 15000, 'the refusal');
    expect(runtime.wx.requests.some((r) => r.url.endsWith('/api/me/phone') && r.status === 400)).toBe(true);
  });

  it("a villager's 我的 offers 我的资料 without a phone", async () => {
    runtime.wx.storage.set(SESSION_KEY, await loginAs('林红霞'));
    const me = runtime.openPage('pages/me/index');
    await waitFor(() => textOf(me, 'me-profile'), 15000, 'the entry');
    expect(textOf(me, 'me-profile')).toBe('我的资料（头像、名字）');
    tap(me, 'me-profile');
    await waitFor(() => runtime.wx.navigations.some((n) => n.url === '/privacy/profile/index'), 5000, 'navigation');
  });
});
