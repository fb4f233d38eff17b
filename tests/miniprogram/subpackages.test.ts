/**
 * The two subpackages no other simulate test opens, in the COMPILED weapp build against a real
 * server (issue 14: "one page per subpackage"):
 * - village/residents: 周桂兰 (village cadre) declines, then confirms, people who bound to her village;
 *   each decision asks first (the NutUI confirmation dialog says what will happen), 取消 sends nothing;
 * - staff/list: 赵振华 (county staff) sees the county's staff with phones masked.
 * Needs `npm run build:weapp -w miniprogram`.
 */
import type { Me, Session, StaffListReply } from '@vc/types';
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
const VILLAGE = '210921001001';
const WAIT = 15000;

let stack: TestStack;
let runtime: WeappRuntime;
const pages: SimComponent[] = [];

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});

afterAll(async () => {
  for (const p of pages) p.detach();
  await stack?.stop();
});

it('a village cadre confirms a new resident after the dialog says what it means; 取消 sends nothing', async () => {
  const [countyStaff, cadre, newcomer] = [await loginAs('赵振华'), await loginAs('周桂兰'), await loginAs('何春生')];
  await api(stack.baseUrl, 'PUT', `/api/counties/${COUNTY}/policy`, countyStaff.token, { confirmResidents: true });
  const bound = await api<Me>(stack.baseUrl, 'POST', '/api/me/village', newcomer.token, { villageCode: VILLAGE });
  expect(bound.residentStatus).toBe('pending');

  runtime.wx.storage.set(SESSION_KEY, cadre);
  const page = runtime.openPage('village/residents/index', { villageCode: VILLAGE });
  pages.push(page);
  const id = newcomer.user.id;
  await waitFor(() => textOf(page, `resident-${id}`), WAIT, 'the newcomer in the list');
  expect(textOf(page, `resident-${id}`)).toContain('何春生');

  // 不予确认 needs a reason: refused on the phone, no dialog, nothing sent
  const before = runtime.wx.requests.length;
  tap(page, `decline-${id}`);
  expect(await waitFor(() => textOf(page, 'error-message'), WAIT, 'the missing reason')).toBe('不予确认时请填写原因');
  expect(textOf(page, 'confirm-message')).toBeNull();

  // with a reason, the dialog asks; 取消 leaves him pending
  typeInto(page, `decline-reason-${id}`, '不是本村村民');
  await pause(50);
  tap(page, `decline-${id}`);
  expect(await answerConfirm(page, false)).toBe('他（她）会看到原因，需要重新选择村（社区）。');
  expect(runtime.wx.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(0);
  expect((await api<Me>(stack.baseUrl, 'GET', '/api/me', newcomer.token)).residentStatus).toBe('pending');

  // 确认 asks too; 确定 confirms him on the server and the toast says who
  tap(page, `confirm-${id}`);
  expect(await answerConfirm(page)).toBe('确认后他（她）可以进入本村工作群、向本村法律顾问咨询。');
  expect(await waitFor(() => textOf(page, 'ok-message'), WAIT, 'the success toast')).toBe('已确认：何春生');
  expect((await api<Me>(stack.baseUrl, 'GET', '/api/me', newcomer.token)).residentStatus).toBe('confirmed');
  await waitFor(() => !textOf(page, `resident-${id}`), WAIT, 'the row to leave the list');
});

it('county staff see the staff list with phones masked', async () => {
  const countyStaff = await loginAs('赵振华');
  runtime.wx.storage.set(SESSION_KEY, countyStaff);
  const page = runtime.openPage('staff/list/index', { code: COUNTY });
  pages.push(page);
  const list = await api<StaffListReply>(stack.baseUrl, 'GET', `/api/places/${COUNTY}/staff`, countyStaff.token);
  const withPhone = list.items.find((p) => p.phoneMasked);
  if (!withPhone) throw new Error('the demo county has no staff with a phone');
  const rowText = await waitFor(() => textOf(page, `staff-row-${withPhone.userId}`), WAIT, 'the staff row');
  expect(rowText).toContain(withPhone.name);
  // the phone is shown masked, never whole
  expect(textOf(page, `staff-phone-${withPhone.userId}`)).toContain(withPhone.phoneMasked!);
  expect(withPhone.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
  expect(rowText).not.toMatch(/1\d{10}/);
});
