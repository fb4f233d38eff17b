/**
 * County staff lower the villages-per-counsel limit below what counsel serve (issue 15 item 9), in
 * the COMPILED weapp build run in miniprogram-simulate against a real running server. Needs
 * `npm run build:weapp -w miniprogram`. 赵振华 sets 2 villages (the demo counsel serve 3 each):
 * before anything is saved the page warns, naming every counsel it leaves over and what happens to
 * them; confirmed, the limit is saved, the over-limit counsel stay listed, and the assignment
 * screen shows 已服务 3/2 with what it means.
 */
import type { CounselListReply, CountyPolicyReply, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type WeappRuntime, typeInto } from './support/taro-weapp';

const COUNTY = '210921';

let stack: TestStack;
let runtime: WeappRuntime;
let countyStaff: Session;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

const policy = () => api<CountyPolicyReply>(stack.baseUrl, 'GET', `/api/counties/${COUNTY}/policy`, countyStaff.token);

beforeAll(async () => {
  stack = await startUiStack();
  countyStaff = await loginAs('赵振华');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: countyStaff } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('lowering the villages-per-counsel limit (weapp build)', () => {
  it('warns with the counsel it leaves over before saving, and lists them after', async () => {
    const counsel = await api<CounselListReply>(stack.baseUrl, 'GET', `/api/counties/${COUNTY}/counsel`, countyStaff.token);
    const over = counsel.items.filter((c) => c.villages.length > 2);
    expect(over.length).toBeGreaterThan(1);
    expect((await policy()).maxVillagesPerCounsel).toBe(5);

    const page = runtime.openPage('policy/county/index', { countyCode: COUNTY });
    await waitFor(() => page.querySelector('#policy-maxVillagesPerCounsel'), 15000, 'the policy form');
    expect(page.querySelector('#over-limit-list')).toBeFalsy();
    typeInto(page, 'policy-maxVillagesPerCounsel', '2');
    tap(page, 'policy-save');

    // before saving: the warning, every counsel over the new limit, and the plan
    const warning = await waitFor(() => textOf(page, 'over-limit-warning'), 15000, 'the over-limit warning');
    expect(warning).toContain(`改为 2 个后，以下 ${over.length} 名法律顾问`);
    expect(warning).toContain('现有的指派全部保留，不会自动解除');
    expect(warning).toContain('不能再为他们新增指派');
    await waitFor(() => page.querySelector(`#over-warning-${over[over.length - 1]!.id}`), 5000, 'the whole list');
    for (const c of over) {
      const line = textOf(page, `over-warning-${c.id}`);
      expect(line).toContain(c.name);
      expect(line).toContain(`已服务 ${c.villages.length}/2 个村`);
    }
    expect(textOf(page, 'error-message')).toBeNull();
    expect((await policy()).maxVillagesPerCounsel).toBe(5); // nothing saved yet

    tap(page, 'policy-confirm-over-limit');
    const ok = await waitFor(() => textOf(page, 'ok-message'), 15000, 'the saved message');
    expect(ok).toContain(`${over.length} 名法律顾问超出上限，保留现有指派，不再新增`);
    expect(page.querySelector('#over-limit-warning')).toBeFalsy();
    const saved = await policy();
    expect(saved.maxVillagesPerCounsel).toBe(2);
    expect(saved.overLimitCounsel).toHaveLength(over.length);

    // after saving: the counsel over the limit stay listed, with what it means for them
    const list = await waitFor(() => textOf(page, 'over-limit-list'), 10000, 'the over-limit list');
    expect(list).toContain(`超出服务村数上限的法律顾问（${over.length} 名）`);
    const first = textOf(page, `over-limit-${over[0]!.id}`);
    expect(first).toContain(over[0]!.name);
    expect(first).toContain('已服务 3/2 个村');
    expect(first).toContain('超出上限，保留现有指派，不再新增');
  });

  it('the assignment screen shows 已服务 3/2 as over the limit', async () => {
    const counsel = await api<CounselListReply>(stack.baseUrl, 'GET', `/api/counties/${COUNTY}/counsel`, countyStaff.token);
    const over = counsel.items.find((c) => c.villages.length > 2)!;
    const within = counsel.items.find((c) => c.villages.length <= 2);
    const page = runtime.openPage('counsel/assign/index', { countyCode: COUNTY });
    await waitFor(() => page.querySelector(`#counsel-count-${over.id}`), 15000, 'the counsel list');
    expect(textOf(page, `counsel-count-${over.id}`)).toBe('已服务 3/2 个村');
    expect(textOf(page, `counsel-over-${over.id}`)).toBe('超出上限（2 个村），保留现有指派，不再新增');
    if (within) expect(page.querySelector(`#counsel-over-${within.id}`)).toBeFalsy();
  });
});
