/**
 * A counsel's profile (issue 12) in the COMPILED weapp build, run in miniprogram-simulate against a
 * real running server (tests/support/stack.ts). Needs `npm run build:weapp -w miniprogram`.
 *
 * 1. 王建国 opens 我的顾问资料 from home, fills in title, certificate number, specialties and his
 *    hours in 富民社区, saves; the server holds them, the history lists the change, and the village's
 *    notice board shows them. WeChat's phone button with a code WeChat does not know shows the
 *    server's Chinese refusal.
 * County staff correcting a profile: ./counsel-profile-county.test.ts (a compiled page loads once per file).
 */
import type { CounselProfile, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import {
  SESSION_KEY,
  bootWeapp,
  tap,
  textOf,
  waitFor,
  type SimComponent,
  type WeappRuntime,
  typeInto,
} from './support/taro-weapp';

const VILLAGE = '210921001001';
const tag = Date.now().toString(36).slice(-4);

let stack: TestStack;
let runtime: WeappRuntime;
let counsel: Session;
let villager: Session;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

const as = (session: Session) => runtime.wx.storage.set(SESSION_KEY, session);

beforeAll(async () => {
  stack = await startUiStack();
  counsel = await loginAs('王建国');
  villager = await loginAs('林红霞');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: counsel } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('我的顾问资料 (weapp build)', () => {
  let page: SimComponent;

  it('is an entry of the counsel’s 办事 tab', async () => {
    const home = runtime.openPage('pages/work/index');
    await waitFor(() => home.querySelector('#link-counsel-profile'), 15000, 'the profile entry');
    tap(home, 'link-counsel-profile');
    const nav = await waitFor(
      () => runtime.wx.navigations.find((n) => n.url.startsWith('/counsel/profile/index')),
      5000,
      'navigation',
    );
    expect(nav.api).toBe('navigateTo');
  });

  it('the counsel fills in the profile and saves; the server, the history and the board show it', async () => {
    page = runtime.openPage('counsel/profile/index');
    await waitFor(() => page.querySelector(`#profile-hours-${VILLAGE}`), 15000, 'the profile form');
    expect(textOf(page, 'profile-phone-masked')).toMatch(/^1\d{2}\*{4}\d{4}/);
    expect(page.querySelector('#profile-phone-wechat')).toBeTruthy(); // the weapp offers WeChat's phone button
    typeInto(page, 'profile-title', '专职律师');
    typeInto(page, 'profile-certificate', `1210920211${tag}999`.slice(0, 17));
    typeInto(page, 'profile-specialties', '婚姻家庭、劳动争议');
    typeInto(page, `profile-hours-${VILLAGE}`, `每周三上午 9:00–12:00（${tag}）`);
    tap(page, 'profile-save');
    await waitFor(() => textOf(page, 'ok-message'), 15000, 'the saved message');

    const saved = await api<CounselProfile>(stack.baseUrl, 'GET', '/api/counsel/me/profile', counsel.token);
    expect(saved).toMatchObject({ title: '专职律师', specialties: ['婚姻家庭', '劳动争议'] });
    expect(saved.villages.find((v) => v.code === VILLAGE)?.onSiteHours).toBe(`每周三上午 9:00–12:00（${tag}）`);
    const history = await waitFor(() => textOf(page, 'profile-change-0'), 10000, 'the history');
    expect(history).toContain('职称或身份');
    expect(history).toContain('（本人）');

    as(villager);
    const board = runtime.openPage('pages/board/index', { villageCode: VILLAGE });
    await waitFor(() => textOf(board, `counsel-hours-${saved.counselId}`), 15000, 'the board');
    expect(textOf(board, `counsel-hours-${saved.counselId}`)).toBe(`每周三上午 9:00–12:00（${tag}）`);
    expect(textOf(board, `counsel-specialties-${saved.counselId}`)).toContain('劳动争议');
    expect(textOf(board, `counsel-certificate-${saved.counselId}`)).toContain(saved.certificateNumber);
    as(counsel);
  });

  it("WeChat's phone button with a code WeChat does not know shows the server's Chinese refusal", async () => {
    const node = page.querySelector('#profile-phone-wechat')!;
    node.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'not-issued-by-wechat' } });
    const message = await waitFor(() => textOf(page, 'error-message'), 10000, 'the refusal');
    expect(message).toContain('手机号授权已失效');
  });
});
