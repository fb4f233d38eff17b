/**
 * The H5 build (miniprogram/dist-h5) served by the real server, driven in headless Chromium:
 * a villager binds a village and sees its counsel; county staff hit the 5-villages rule.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import type { Assignment, CounselListReply, NoticeBoard, Session, VillageSearchReply } from '@vc/types';
import { api, demoIdentities, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import { openBrowser, type Browser } from './support/browser';
import { answerConfirm, openEntry } from './support/page';

const COUNTY = '210921';
const UNBOUND = '未绑定村';

let stack: TestStack;
let browser: Browser | null = null;

beforeAll(async () => {
  stack = await startUiStack();
});

afterEach(async () => {
  if (browser && browser.errors.length) console.warn('browser errors:\n' + browser.errors.join('\n'));
  await browser?.close();
  browser = null;
});

afterAll(async () => {
  await stack?.stop();
});

async function countyStaffSession(): Promise<Session> {
  const staff = (await demoIdentities(stack.baseUrl)).find((d) => d.role === 'county_staff');
  if (!staff) throw new Error('no demo county staff');
  return demoLogin(stack.baseUrl, staff.id);
}

/** Opens a fresh browser on the H5 app; kept in `browser` at once so afterEach always closes it. */
async function openLogin(): Promise<Browser> {
  const b = (browser = await openBrowser());
  await b.page.goto(`${stack.baseUrl}/`);
  // not logged in: the home page sends us to the login page with the demo identities
  await b.page.waitForSelector('#demo-identities', { timeout: 20000 });
  return b;
}

it('a villager without a village searches, binds and sees the counsel on the notice board', async () => {
  const identities = await demoIdentities(stack.baseUrl);
  const villager = identities.find((d) => d.role === 'villager' && d.placeName === UNBOUND);
  expect(villager).toBeDefined();

  // a village that has a counsel on its notice board (the village of another demo villager)
  let village: { code: string; name: string } | undefined;
  let counsel: { id: string; name: string } | undefined;
  for (const d of identities.filter((x) => x.role === 'villager' && x.placeName !== UNBOUND)) {
    const s = await demoLogin(stack.baseUrl, d.id);
    if (!s.user.village) continue;
    const board = await api<NoticeBoard>(stack.baseUrl, 'GET', `/api/villages/${s.user.village.code}/notice-board`, s.token);
    if (board.counsel.length > 0) {
      village = { code: board.village.code, name: board.village.name };
      counsel = board.counsel[0];
      break;
    }
  }
  expect(village && counsel).toBeDefined();

  const { page } = await openLogin();
  await page.click(`#demo-${villager!.id}`);

  // no village yet → the bind page
  await page.waitForSelector('#village-query', { timeout: 20000 });
  await page.fill('#village-query input', village!.name);
  await page.click('#village-search');
  await page.waitForSelector(`#village-${village!.code}`, { timeout: 20000 });
  await page.click(`#village-${village!.code}`);
  expect(await answerConfirm({ page })).toContain(village!.name);

  // bound → home shows the village notice board
  const name = page.locator('#board-village-name');
  await name.waitFor({ timeout: 20000 });
  expect((await name.textContent())?.trim()).toBe(village!.name);
  const counselName = page.locator(`#counsel-name-${counsel!.id}`);
  await counselName.waitFor({ timeout: 20000 });
  expect((await counselName.textContent())?.trim()).toBe(counsel!.name);
  expect((await page.locator('#hotline').textContent())?.trim()).toBe('12348');

  // and the server agrees
  const session = await demoLogin(stack.baseUrl, villager!.id);
  expect(session.user.village?.code).toBe(village!.code);
});

it('county staff cannot give a counsel more villages than the county allows; nothing changes', async () => {
  const staff = await countyStaffSession();
  const base = `/api/counties/${COUNTY}`;
  let list = await api<CounselListReply>(stack.baseUrl, 'GET', `${base}/counsel`, staff.token);
  const max = list.maxVillagesPerCounsel;

  // villages of the county to work with
  const villages = (
    await api<VillageSearchReply>(
      stack.baseUrl,
      'GET',
      `/api/places/villages?q=${encodeURIComponent('村')}&countyCode=${COUNTY}&limit=50`,
      staff.token,
    )
  ).items;

  // a counsel at the limit (fill one up through the API if the seed has none)
  let full = list.items.find((c) => c.villages.length >= max);
  if (!full) {
    const c = list.items[0]!;
    const served = new Set(c.villages.map((v) => v.code));
    for (const v of villages) {
      if (served.size >= max) break;
      if (served.has(v.code)) continue;
      await api<Assignment>(stack.baseUrl, 'POST', `${base}/assignments`, staff.token, {
        counselId: c.id,
        villageCode: v.code,
      });
      served.add(v.code);
    }
    list = await api<CounselListReply>(stack.baseUrl, 'GET', `${base}/counsel`, staff.token);
    full = list.items.find((x) => x.id === c.id && x.villages.length >= max);
  }
  expect(full).toBeDefined();
  const before = full!.villages.map((v) => v.code).sort();
  const target = villages.find((v) => !before.includes(v.code));
  expect(target).toBeDefined();
  const assignmentsBefore = await api<{ items: Assignment[] }>(
    stack.baseUrl,
    'GET',
    `${base}/assignments?villageCode=${target!.code}`,
    staff.token,
  );

  const staffIdentity = (await demoIdentities(stack.baseUrl)).find((d) => d.role === 'county_staff')!;
  const b = await openLogin();
  const { page } = b;
  await page.click(`#demo-${staffIdentity.id}`);
  await openEntry(b, `assign-${COUNTY}`);

  await page.fill('#counsel-query input', full!.name, { timeout: 20000 });
  await page.click('#counsel-search');
  await page.click(`#counsel-item-${full!.id}`, { timeout: 20000 });
  await page.fill('#village-query input', target!.name);
  await page.click('#village-search');
  await page.click(`#village-${target!.code}`, { timeout: 20000 });
  await page.click('#assign-button');

  const error = page.locator('#error-message');
  await error.waitFor({ timeout: 20000 });
  const message = (await error.textContent())?.trim() ?? '';
  expect(message).toMatch(/[\u4e00-\u9fa5]/);
  expect(message).toContain(String(max));

  // nothing changed on the server
  const after = await api<CounselListReply>(stack.baseUrl, 'GET', `${base}/counsel`, staff.token);
  expect(
    after.items
      .find((c) => c.id === full!.id)!
      .villages.map((v) => v.code)
      .sort(),
  ).toEqual(before);
  const assignmentsAfter = await api<{ items: Assignment[] }>(
    stack.baseUrl,
    'GET',
    `${base}/assignments?villageCode=${target!.code}`,
    staff.token,
  );
  expect(assignmentsAfter.items).toEqual(assignmentsBefore.items);
});
