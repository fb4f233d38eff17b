/**
 * Counsel assignment at county scale (issue 14 item 5), in the COMPILED weapp build run in
 * miniprogram-simulate against a real running server. Needs `npm run build:weapp`. 赵振华 works
 * with the county's ~130 counsel a page at a time, filters them by load, finds 王建国 by name,
 * tells the five 七家子村 apart by township and current counsel, is warned before adding him to a
 * village that already has a counsel (the confirmation says what happens), and ends the assignment
 * with a required reason and a confirmation; the server holds each step.
 */
import type { Assignment, AssignmentVillagesReply, CounselListReply, Session } from '@vc/types';
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
const PAGE = 10;

let stack: TestStack;
let runtime: WeappRuntime;
let staff: Session;
let counsel: Session;
let page: SimComponent;

const get = <T>(path: string) => api<T>(stack.baseUrl, 'GET', `/api/counties/${COUNTY}${path}`, staff.token);
const shown = (id: string) => !!page.querySelector(`#${id}`);

beforeAll(async () => {
  stack = await startUiStack();
  staff = await demoLoginByName(stack.baseUrl, '赵振华');
  counsel = await demoLoginByName(stack.baseUrl, '王建国');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: staff } });
  page = runtime.openPage('counsel/assign/index', { countyCode: COUNTY });
});

afterAll(async () => {
  page?.detach();
  await stack?.stop();
});

describe('counsel assignment at county scale (weapp build)', () => {
  it('lists the counsel ten at a time, and more on 显示更多', async () => {
    const all = await get<CounselListReply>('/counsel');
    expect(all.items.length).toBeGreaterThan(2 * PAGE);
    await waitFor(() => shown(`counsel-item-${all.items[PAGE - 1]!.id}`), WAIT, 'the first page');
    expect(shown(`counsel-item-${all.items[PAGE]!.id}`)).toBe(false);
    expect(textOf(page, 'counsel-more-count')).toBe(`已显示 ${PAGE} / 共 ${all.items.length} 条`);
    tap(page, 'counsel-more');
    await waitFor(() => shown(`counsel-item-${all.items[2 * PAGE - 1]!.id}`), WAIT, 'the second page');
    expect(textOf(page, 'counsel-more-count')).toBe(`已显示 ${2 * PAGE} / 共 ${all.items.length} 条`);
  });

  it('filters by load: 已满 shows only the counsel at the limit', async () => {
    // the demo counsel all have room: fill one up to the limit through the API
    const all = await get<CounselListReply>('/counsel');
    const c = all.items[all.items.length - 1]!;
    // every demo village has a counsel: add villages he does not serve yet
    const villages = (await get<AssignmentVillagesReply>('/assignment-villages')).items.filter(
      (v) => !v.counsel.some((x) => x.id === c.id),
    );
    for (const v of villages.slice(0, all.maxVillagesPerCounsel - c.villages.length)) {
      await api(stack.baseUrl, 'POST', `/api/counties/${COUNTY}/assignments`, staff.token, {
        counselId: c.id,
        villageCode: v.code,
      });
    }
    const full = await get<CounselListReply>('/counsel?load=full');
    expect(full.items.map((x) => x.id)).toEqual([c.id]);

    tap(page, 'counsel-load-full');
    await waitFor(() => textOf(page, 'counsel-more-count') === '已显示 1 / 共 1 条', WAIT, 'the filtered list');
    expect(textOf(page, `counsel-count-${c.id}`)).toBe(`已服务 ${all.maxVillagesPerCounsel}/${all.maxVillagesPerCounsel} 个村`);
    tap(page, 'counsel-load-free');
    await waitFor(
      () => textOf(page, 'counsel-more-count') === `已显示 ${PAGE} / 共 ${all.items.length - 1} 条`,
      WAIT,
      'the counsel with room',
    );
    tap(page, 'counsel-load-all');
    await waitFor(() => textOf(page, 'counsel-more-count') === `已显示 ${PAGE} / 共 ${all.items.length} 条`, WAIT, 'all again');
  });

  it('finds 王建国 by name and shows the villages he serves with their township', async () => {
    typeInto(page, 'counsel-query', '王建国');
    tap(page, 'counsel-search');
    await waitFor(() => textOf(page, 'counsel-more-count') === '已显示 1 / 共 1 条', WAIT, 'the search result');
    const mine = (await get<CounselListReply>(`/counsel?q=${encodeURIComponent('王建国')}`)).items[0]!;
    expect(mine.id).toBe(counsel.user.id);
    const served = textOf(page, `counsel-villages-${mine.id}`) ?? '';
    for (const v of mine.villages) expect(served).toContain(v.name);
    expect(served).toMatch(/（.+(镇|乡|街道)）/);
    tap(page, `counsel-item-${mine.id}`);
    await waitFor(() => textOf(page, 'selected-name'), WAIT, 'the chosen counsel');
    expect(textOf(page, 'selected-name')).toBe('王建国');
  });

  let target: AssignmentVillagesReply['items'][number];

  it('tells the five 七家子村 apart by township and current counsel, and warns before adding a second counsel', async () => {
    const found = await get<AssignmentVillagesReply>(`/assignment-villages?q=${encodeURIComponent('七家子村')}`);
    expect(found.items.length).toBeGreaterThanOrEqual(5);
    typeInto(page, 'village-query', '七家子村');
    tap(page, 'village-search');
    await waitFor(() => shown(`village-${found.items[0]!.code}`), WAIT, 'the villages');
    for (const v of found.items) {
      expect(textOf(page, `village-township-${v.code}`)).toContain(v.townshipName);
      expect(textOf(page, `village-counsel-${v.code}`)).toBe(
        `法律顾问：${v.counsel.length ? v.counsel.map((c) => c.name).join('、') : '暂无'}`,
      );
    }
    expect(new Set(found.items.map((v) => v.townshipName)).size).toBe(found.items.length);

    target = found.items.find((v) => v.counsel.length > 0 && !v.counsel.some((c) => c.id === counsel.user.id))!;
    expect(target).toBeDefined();
    tap(page, `village-${target.code}`);
    const warning = await waitFor(() => textOf(page, 'village-warning'), WAIT, 'the warning');
    expect(warning).toContain(`${target.townshipName}${target.name}已有法律顾问`);
    expect(warning).toContain(target.counsel[0]!.name);

    tap(page, 'assign-button');
    const asked = await waitFor(() => textOf(page, 'confirm-message'), WAIT, 'the confirmation');
    expect(asked).toContain(`王建国 与 ${target.counsel.map((c) => c.name).join('、')} 共同服务该村`);
    expect(asked).toContain('原有指派不变');
    const before = await get<{ items: Assignment[] }>(`/assignments?villageCode=${target.code}`);
    expect(before.items.some((a) => a.counselId === counsel.user.id && !a.endedAt)).toBe(false); // not before confirming

    tapDialogButton(page, '仍然指派');
    expect(await waitFor(() => textOf(page, 'ok-message'), WAIT, 'the success toast')).toBe(
      `已指派 王建国 服务 ${target.townshipName}${target.name}`,
    );
    const after = await get<{ items: Assignment[] }>(`/assignments?villageCode=${target.code}`);
    expect(after.items.filter((a) => !a.endedAt).map((a) => a.counselId)).toEqual(
      expect.arrayContaining([counsel.user.id, ...target.counsel.map((c) => c.id)]),
    );
    // the village now lists him too
    await waitFor(() => (textOf(page, `village-counsel-${target.code}`) ?? '').includes('王建国'), WAIT, 'the village updated');
  });

  it('ends the new assignment only with a reason and a confirmation; the server keeps the reason', async () => {
    const active = (await get<{ items: Assignment[] }>(`/assignments?villageCode=${target.code}`)).items.find(
      (a) => a.counselId === counsel.user.id && !a.endedAt,
    )!;
    await waitFor(() => shown(`end-${active.id}`), WAIT, 'the new assignment');
    tap(page, `end-${active.id}`);
    await waitFor(() => shown('end-reason'), WAIT, 'the reason box');
    tap(page, 'end-confirm');
    expect(await waitFor(() => textOf(page, 'error-message'), WAIT, 'the missing reason')).toContain('请填写解除原因');
    tapDialogButton(page, '知道了');
    expect(page.querySelector('#confirm-message')).toBeFalsy();

    typeInto(page, 'end-reason', '工作调动');
    tap(page, 'end-confirm');
    const asked = await waitFor(() => textOf(page, 'confirm-message'), WAIT, 'the confirmation');
    expect(asked).toContain(`解除后 王建国 不再服务 ${target.name}`);
    expect(asked).toContain('原因：工作调动');
    tapDialogButton(page, '解除');
    expect(await waitFor(() => textOf(page, 'ok-message'), WAIT, 'the success toast')).toBe(
      `已解除 王建国 对 ${target.name} 的服务，原因：工作调动`,
    );
    const ended = (await get<{ items: Assignment[] }>(`/assignments?villageCode=${target.code}`)).items.find(
      (a) => a.id === active.id,
    )!;
    expect(ended.endedAt).not.toBeNull();
    expect(ended.endReason).toBe('工作调动');
    await waitFor(() => !shown(`end-${active.id}`), WAIT, 'the assignment gone from his list');
  });
});
