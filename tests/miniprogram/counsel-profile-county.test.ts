/**
 * County staff correct a counsel's profile (issue 12) in the COMPILED weapp build, run in
 * miniprogram-simulate against a real running server. Needs `npm run build:weapp -w miniprogram`.
 * 赵振华 (county staff) opens the profile from the assignment screen (更正资料) and corrects the
 * organisation; the page does not offer WeChat's phone button (it is the counsel's own), and the
 * history names him as county staff. (The counsel's own edits: ./counsel-profile.test.ts.)
 */
import type { CounselProfile, CounselProfileHistoryReply, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type WeappRuntime, typeInto } from './support/taro-weapp';

const tag = Date.now().toString(36).slice(-4);

let stack: TestStack;
let runtime: WeappRuntime;
let counsel: Session;
let countyStaff: Session;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

beforeAll(async () => {
  stack = await startUiStack();
  counsel = await loginAs('王建国');
  countyStaff = await loginAs('赵振华');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: countyStaff } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('更正资料 by county staff (weapp build)', () => {
  it("opens from the assignment screen and records the correction as the county's", async () => {
    const me = await api<CounselProfile>(stack.baseUrl, 'GET', '/api/counsel/me/profile', counsel.token);
    const assign = runtime.openPage('counsel/assign/index', { countyCode: '210921' });
    // the county's ~130 counsel come ten at a time: found by name
    await waitFor(() => assign.querySelector('#counsel-query'), 15000, 'the search box');
    typeInto(assign, 'counsel-query', '王建国');
    tap(assign, 'counsel-search');
    await waitFor(() => assign.querySelector(`#counsel-profile-${me.counselId}`), 15000, 'the counsel found');
    tap(assign, `counsel-profile-${me.counselId}`);
    const nav = await waitFor(
      () => runtime.wx.navigations.find((n) => n.url.includes(`counselId=${me.counselId}`)),
      5000,
      'navigation to the profile',
    );
    expect(nav.url).toBe(`/counsel/profile/index?countyCode=210921&counselId=${me.counselId}`);

    const page = runtime.openPage('counsel/profile/index', { countyCode: '210921', counselId: me.counselId });
    await waitFor(() => page.querySelector('#profile-organization'), 15000, 'the profile form');
    // the phone button is the counsel's own: not offered to county staff
    expect(page.querySelector('#profile-phone-wechat')).toBeFalsy();
    typeInto(page, 'profile-organization', `阜新众信律师事务所${tag}`);
    tap(page, 'profile-save');
    await waitFor(() => textOf(page, 'ok-message'), 15000, 'the saved message');
    const history = await api<CounselProfileHistoryReply>(
      stack.baseUrl,
      'GET',
      `/api/counties/210921/counsel/${me.counselId}/profile/history`,
      countyStaff.token,
    );
    expect(history.items[0]).toMatchObject({ byName: '赵振华', by: 'county' });
    expect(history.items[0]!.changes).toEqual([
      expect.objectContaining({ field: 'organization', after: `阜新众信律师事务所${tag}` }),
    ]);
    expect(await waitFor(() => textOf(page, 'profile-change-0'), 10000, 'the history')).toContain('（县司法局）');
  });
});
