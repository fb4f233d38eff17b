/**
 * A county group's members at county scale (issue 14 item 5), in the COMPILED weapp build run in
 * miniprogram-simulate against a real running server. Needs `npm run build:weapp`. 赵振华 manages
 * the 阜蒙县 county group (its staff and ~130 counsel): the list comes a page at a time, a search by
 * name finds 王建国, a tap opens the action sheet, 禁言 asks how long and why, the confirmation says
 * what will happen, and the server then holds a 7-day mute whose end the page shows.
 */
import type { GroupMembersReply, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { tapDialogButton } from './support/dialogs';
import {
  SESSION_KEY,
  bootWeapp,
  tap,
  textOf,
  typeInto,
  waitFor,
  type SimComponent,
  type WeappRuntime,
} from './support/taro-weapp';

const COUNTY = '210921';
const WAIT = 15000;
const PAGE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

let stack: TestStack;
let runtime: WeappRuntime;
let staff: Session;
let counsel: Session;
let page: SimComponent;

const members = (query: string) =>
  api<GroupMembersReply>(stack.baseUrl, 'GET', `/api/groups/${COUNTY}/members?${query}`, staff.token);
const shown = (userId: string) => !!page.querySelector(`#member-${userId}`);

beforeAll(async () => {
  stack = await startUiStack();
  staff = await demoLoginByName(stack.baseUrl, '赵振华');
  counsel = await demoLoginByName(stack.baseUrl, '王建国');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: staff } });
  page = runtime.openPage('groups/manage/index', { code: COUNTY });
});

afterAll(async () => {
  page?.detach();
  await stack?.stop();
});

describe('group members at county scale (weapp build)', () => {
  it('shows the members a page at a time, with the total, and the next page on 显示更多', async () => {
    const first = await members(`limit=${PAGE}&offset=0`);
    expect(first.total).toBeGreaterThan(2 * PAGE);
    const second = await members(`limit=${PAGE}&offset=${PAGE}`);
    await waitFor(() => textOf(page, 'members-title'), WAIT, 'the member list');
    expect(textOf(page, 'members-title')).toBe(`成员（${first.total}）`);
    await waitFor(() => shown(first.items[PAGE - 1]!.userId), WAIT, 'the first page');
    for (const m of first.items) expect(shown(m.userId)).toBe(true);
    expect(shown(second.items[0]!.userId)).toBe(false);
    expect(textOf(page, 'members-more-count')).toBe(`已显示 ${PAGE} / 共 ${first.total} 条`);

    tap(page, 'members-more');
    await waitFor(() => shown(second.items[PAGE - 1]!.userId), WAIT, 'the second page');
    for (const m of second.items) expect(shown(m.userId)).toBe(true);
    expect(textOf(page, 'members-more-count')).toBe(`已显示 ${2 * PAGE} / 共 ${first.total} 条`);
    // no member cards carry their own forms any more: the actions are in the sheet
    expect(page.querySelector(`#mute-${first.items[0]!.userId}`)).toBeFalsy();
    expect(page.querySelector(`#member-reason-${first.items[0]!.userId}`)).toBeFalsy();
  });

  it('finds 王建国 by name', async () => {
    typeInto(page, 'member-query', '王建国');
    tap(page, 'member-search');
    await waitFor(() => textOf(page, 'members-title') === '成员（1）', WAIT, 'the search result');
    expect(shown(counsel.user.id)).toBe(true);
    expect(textOf(page, 'member-standing-' + counsel.user.id)).toBe('成员');
    expect(page.querySelector('#members-more')).toBeFalsy();
  });

  it('mutes him for 7 days from the action sheet, with a reason and a confirmation', async () => {
    tap(page, `member-${counsel.user.id}`);
    await waitFor(() => page.querySelector('#sheet-mute'), WAIT, 'the action sheet');
    expect(textOf(page, 'sheet-mute')).toBe('禁言');
    expect(textOf(page, 'sheet-remove')).toBe('移出本群');
    expect(page.querySelector('#sheet-unmute')).toBeFalsy(); // not muted: nothing to lift

    tap(page, 'sheet-mute');
    await waitFor(() => page.querySelector('#sheet-days-7'), WAIT, 'the durations');
    expect(['1', '3', '7', '30'].map((d) => textOf(page, `sheet-days-${d}`))).toEqual([
      '禁言 1 天',
      '禁言 3 天',
      '禁言 7 天',
      '禁言 30 天',
    ]);
    tap(page, 'sheet-days-7');
    await waitFor(() => page.querySelector('#moderate-reason'), WAIT, 'the reason box');
    expect(textOf(page, 'moderate-submit')).toBe('禁言 7 天');

    // the reason is required: said in the sheet, nothing sent
    tap(page, 'moderate-submit');
    expect(await waitFor(() => textOf(page, 'moderate-reason-error'), WAIT, 'the missing reason')).toContain('须填写原因');
    expect((await members('q=王建国')).items[0]!.standing).toBe('member');

    typeInto(page, 'moderate-reason', '多次发布与工作无关的广告');
    tap(page, 'moderate-submit');
    const asked = await waitFor(() => textOf(page, 'confirm-message'), WAIT, 'the confirmation');
    expect(asked).toContain('王建国 将被禁言 7 天');
    expect(asked).toContain('自动解除');
    expect(asked).toContain('原因：多次发布与工作无关的广告');
    expect((await members('q=王建国')).items[0]!.standing).toBe('member'); // not before confirming

    const before = Date.now();
    tapDialogButton(page, '禁言');
    expect(await waitFor(() => textOf(page, 'ok-message'), WAIT, 'the success toast')).toBe('已禁言 王建国 7 天');

    // the server holds a 7-day mute, on record with its reason
    const [held] = (await members('q=王建国')).items;
    expect(held!.standing).toBe('muted');
    const until = new Date(held!.mutedUntil!).getTime();
    expect(Math.abs(until - before - 7 * DAY_MS)).toBeLessThan(60000);
    const log = await api<{
      items: { action: string; targetUserId: string | null; reason: string | null; until?: string | null }[];
    }>(stack.baseUrl, 'GET', `/api/groups/${COUNTY}/actions`, staff.token);
    expect(log.items[0]).toMatchObject({ action: 'mute', targetUserId: counsel.user.id, reason: '多次发布与工作无关的广告' });

    // the page shows the standing and when the mute ends (Beijing time)
    await waitFor(() => textOf(page, `member-standing-${counsel.user.id}`) === '已禁言', WAIT, 'the new standing');
    const end = new Date(until + 8 * 3600 * 1000).toISOString();
    expect(textOf(page, `member-muted-until-${counsel.user.id}`)).toBe(`禁言至 ${end.slice(0, 10)} ${end.slice(11, 16)}`);
  });

  it('offers 解除禁言 for him now, and lifts the mute', async () => {
    tap(page, `member-${counsel.user.id}`);
    await waitFor(() => page.querySelector('#sheet-unmute'), WAIT, 'the action sheet');
    expect(page.querySelector('#sheet-mute')).toBeFalsy();
    tap(page, 'sheet-unmute');
    await waitFor(() => page.querySelector('#moderate-reason'), WAIT, 'the reason box');
    typeInto(page, 'moderate-reason', '已核实为误会');
    tap(page, 'moderate-submit');
    expect(await waitFor(() => textOf(page, 'confirm-message'), WAIT, 'the confirmation')).toContain('王建国 将恢复在群里发言');
    tapDialogButton(page, '解除禁言');
    expect(await waitFor(() => textOf(page, 'ok-message'), WAIT, 'the success toast')).toBe('已解除禁言：王建国');
    const [held] = (await members('q=王建国')).items;
    expect(held!.standing).toBe('member');
    expect(held!.mutedUntil ?? null).toBeNull();
  });
});
