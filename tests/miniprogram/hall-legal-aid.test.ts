/**
 * 法律援助 in the service hall (issue 16; R12) in the COMPILED weapp build, run in miniprogram-simulate
 * against a real running server. Needs `npm run build:weapp -w miniprogram`.
 *
 * 林红霞 (villager of 210921001001) opens hall/legal-aid, answers the eligibility check (matter,
 * household of 2, 2000 元 a month, no assistance) and reads at once that she likely qualifies, with
 * the reason naming the county's threshold (1200 元 = 2 × the 600 元 allowance by default). She
 * writes what happened, adds a photo of a document and submits: the server holds ONE legal aid case
 * of hers with that account and the photo, and the page moves to its case page, which shows 待受理.
 * Also: the notice board's procedure lines link to the matching flow of the hall.
 */
import type { Case, CaseListReply, LegalAidTermsReply, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, typeInto, waitFor, type WeappRuntime } from './support/taro-weapp';

const COUNTY = '210921';
const WAIT = 15000;
const tag = Date.now().toString(36);

let stack: TestStack;
let runtime: WeappRuntime;
let villager: Session;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const get = <T>(path: string) => api<T>(stack.baseUrl, 'GET', path, villager.token);

beforeAll(async () => {
  stack = await startUiStack();
  villager = await demoLoginByName(stack.baseUrl, '林红霞');
  expect(villager.user.village?.code).toBe('210921001001');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: villager } });
  runtime.wx.privacy.authorized = true; // agreed to the privacy guide before (privacy-guide.test.ts covers asking)
});

afterAll(async () => {
  await stack?.stop();
});

it('checks eligibility in plain words, then applies with a photo; the case page shows 待受理', async () => {
  const terms = await get<LegalAidTermsReply>(`/api/counties/${COUNTY}/legal-aid/terms`);
  expect(terms.threshold).toBe(1200);
  const matterIndex = terms.matters.findIndex((m) => m.key === 'labour_and_wages');
  expect(matterIndex).toBeGreaterThanOrEqual(0);

  const page = runtime.openPage('hall/legal-aid/index');
  await waitFor(() => page.querySelector('#la-matter-picker'), WAIT, 'the check form');
  expect(textOf(page, 'la-threshold')).toContain('不高于 1200 元');
  expect(page.querySelector('#la-form')).toBeFalsy(); // the application comes after the check

  page.querySelector('#la-matter-picker')!.dispatchEvent('change', { detail: { value: matterIndex } });
  await waitFor(() => textOf(page, 'la-matter') === terms.matters[matterIndex]!.label, WAIT, 'the matter picked');
  typeInto(page, 'la-size', '2');
  // one field after the other, as a person types (both input events in one tick lost one of them here)
  await pause(300);
  typeInto(page, 'la-income', '2000');
  await pause(300);
  tap(page, 'la-assist-no');
  tap(page, 'la-check');
  const likely = await waitFor(() => textOf(page, 'la-likely'), WAIT, 'the check result');
  expect(likely).toBe('您很可能符合法律援助条件');
  expect(textOf(page, 'la-reason-0')).toContain('属于本县法律援助事项范围');
  expect(textOf(page, 'la-reason-1')).toContain('家庭人均月收入约1000元，不高于本县标准1200元');

  const account = `在县城工地干了半年活，老板拖欠工资八千元不给（${tag}）`;
  await waitFor(() => page.querySelector('#la-account'), WAIT, 'the application form');
  typeInto(page, 'la-account', account);
  tap(page, 'la-photos-add');
  await waitFor(() => page.querySelector('#la-photos-0'), WAIT, 'the photo chosen');

  const navigations = runtime.wx.navigations.length;
  tap(page, 'la-submit');
  const nav = await waitFor(() => runtime.wx.navigations[navigations], WAIT * 2, 'the case page to open');
  expect(nav.api).toBe('redirectTo');

  const mine = (await get<CaseListReply>('/api/cases/mine')).items.filter((c) => c.kind === 'legal_aid');
  const created = await Promise.all(mine.map((c) => get<Case>(`/api/cases/${c.id}`)));
  const ours = created.filter((c) => c.details.account === account);
  expect(ours).toHaveLength(1);
  const c = ours[0]!;
  expect(nav.url).toBe(`/hall/case/index?id=${c.id}`);
  expect(c).toMatchObject({ kind: 'legal_aid', status: 'open', tier: 'township' });
  expect(c.details).toMatchObject({ matter: 'labour_and_wages', householdSize: 2, monthlyIncome: 2000, threshold: 1200 });
  expect(c.photoIds).toHaveLength(1);
  expect(runtime.wx.uploads.map((u) => u.status)).toEqual([201]);

  const casePage = runtime.openPage('hall/case/index', { id: c.id });
  await waitFor(() => textOf(casePage, 'case-status') === '待受理', WAIT, 'the case page');
  expect(textOf(casePage, 'case-kind')).toBe('法律援助');
  expect(textOf(casePage, 'case-detail-threshold')).toContain('1200元');
  expect(textOf(casePage, 'step-title-1')).toBe('提交申请');
  // the applicant may only withdraw while it waits for the township
  expect(textOf(casePage, 'act-cancel')).toBe('取消');
  expect(casePage.querySelector('#act-take')).toBeFalsy();
});

it("the notice board's procedures lead to the hall's real flows", async () => {
  const page = runtime.openPage('pages/board/index', { villageCode: '210921001001' });
  await waitFor(() => page.querySelector('#procedures'), WAIT, 'the procedures');
  // the county's default lines: 在线咨询, 当面咨询, 纠纷调解, 法律援助, 监督评价
  expect(page.querySelector('#procedure-link-0')).toBeFalsy();
  const expected: [number, string][] = [
    [1, '/hall/apply/index?kind=booking'],
    [2, '/hall/apply/index?kind=mediation'],
    [3, '/hall/legal-aid/index'],
    [4, '/hall/apply/index?kind=complaint'],
  ];
  for (const [i, url] of expected) {
    const before = runtime.wx.navigations.length;
    tap(page, `procedure-link-${i}`);
    const nav = await waitFor(() => runtime.wx.navigations[before], WAIT, `the flow of procedure ${i}`);
    expect(nav).toEqual({ api: 'navigateTo', url });
  }
});
