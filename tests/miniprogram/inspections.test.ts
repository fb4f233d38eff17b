/**
 * The monthly inspection of village groups (issue 16 item 6) in the COMPILED weapp build, run in
 * miniprogram-simulate against a real running server. Needs `npm run build:weapp -w miniprogram`.
 *
 * 王志强 (township staff of 城区街道) opens 工作群抽查: this month's drawn groups of his township
 * with their facts; he records one (a problem found needs the action taken: refused on the phone
 * first, nothing sent), confirms, and the server holds the record; the group shows it recorded
 * and can no longer be recorded; the county's coverage counts it.
 */
import type { InspectionCoverageReply, InspectionListReply, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { answerConfirm } from './support/dialogs';
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
const TOWNSHIP = '210921001';
const WAIT = 15000;

let stack: TestStack;
let runtime: WeappRuntime;
let staff: Session;
let county: Session;
const pages: SimComponent[] = [];

beforeAll(async () => {
  stack = await startUiStack();
  staff = await demoLoginByName(stack.baseUrl, '王志强');
  county = await demoLoginByName(stack.baseUrl, '赵振华');
  // every village group drawn this month, so 城区街道 surely has some
  await api(stack.baseUrl, 'PUT', `/api/counties/${COUNTY}/policy`, county.token, { inspectionSharePercent: 100 });
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});

afterAll(async () => {
  for (const p of pages) p.detach();
  await stack?.stop();
});

it('a township’s staff record an inspection once; the county’s coverage counts it', async () => {
  runtime.wx.storage.set(SESSION_KEY, staff);
  const page = runtime.openPage('inspections/index', { townshipCode: TOWNSHIP });
  pages.push(page);
  const summary = await waitFor(() => textOf(page, 'inspection-summary'), WAIT, 'the month’s draw');
  expect(summary).toContain('按 100% 抽取 390 个');
  expect(summary).toContain('本乡镇 10 个');

  const listed = await api<InspectionListReply>(stack.baseUrl, 'GET', `/api/townships/${TOWNSHIP}/inspections`, staff.token);
  const group = listed.items[0]!;
  expect(textOf(page, `inspection-${group.groupCode}`)).toContain(group.groupName);
  expect(textOf(page, `inspection-facts-${group.groupCode}`)).toContain(`本月发言 ${group.facts.posts} 条`);

  tap(page, `inspect-${group.groupCode}`);
  await waitFor(() => page.querySelector('#inspection-form'), WAIT, 'the record form');
  const improper = page.querySelector('#switch-improper');
  if (!improper) throw new Error('#switch-improper not found');
  improper.dispatchEvent('change', { detail: { value: true } });
  await waitFor(() => textOf(page, 'inspection-form')?.includes('采取的处理措施（必填）'), WAIT, 'the action required');

  // a problem found without the action taken: refused on the phone, nothing sent
  const before = runtime.wx.requests.length;
  tap(page, 'inspection-submit');
  expect(await waitFor(() => textOf(page, 'error-message'), WAIT, 'the refusal')).toContain('请填写采取的处理措施');
  expect(runtime.wx.requests.length).toBe(before);

  typeInto(page, 'inspection-action', '已删除一条广告消息，并提醒群成员');
  typeInto(page, 'inspection-notes', '群内交流较少');
  await new Promise((r) => setTimeout(r, 100));
  tap(page, 'inspection-submit');
  expect(await answerConfirm(page)).toContain('记录后不能修改');
  const recorded = await waitFor(() => textOf(page, `inspection-record-${group.groupCode}`), WAIT, 'the record shown');
  expect(recorded).toContain('发现不当内容：是');
  expect(recorded).toContain('处理措施：已删除一条广告消息，并提醒群成员');
  expect(recorded).toContain('王志强');
  expect(page.querySelector(`#inspect-${group.groupCode}`)).toBeFalsy();

  const stored = await api<InspectionListReply>(stack.baseUrl, 'GET', `/api/townships/${TOWNSHIP}/inspections`, staff.token);
  expect(stored.items.find((i) => i.id === group.id)!.record).toMatchObject({
    active: true,
    privateDataFound: false,
    improperContentFound: true,
    actionTaken: '已删除一条广告消息，并提醒群成员',
    notes: '群内交流较少',
  });

  // the county's coverage counts it (the county's page is walked in tests/e2e/accessibility.test.ts:
  // a page route opens once per file in the simulator)
  const coverage = await api<InspectionCoverageReply>(
    stack.baseUrl,
    'GET',
    `/api/counties/${COUNTY}/inspections/coverage`,
    county.token,
  );
  expect(coverage.townships.find((t) => t.townshipCode === TOWNSHIP)).toMatchObject({ drawn: 10, inspected: 1, withProblems: 1 });
});
