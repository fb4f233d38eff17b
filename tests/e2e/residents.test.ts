/**
 * Confirming residents on the H5 build in headless Chromium: where the county asks for it, a person
 * who binds to a village waits (the home page says so, and they cannot ask yet) until the village
 * cadre confirms them on the residents page.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import type { Me, Session } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import { openBrowser, type Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { openEntry, tapTab, answerConfirm } from './support/page';

const COUNTY = '210921';
const VILLAGE = '210921001001';

let stack: TestStack;
const browsers: Browser[] = [];

beforeAll(async () => {
  stack = await startUiStack();
});

afterAll(async () => {
  for (const b of browsers) {
    if (b.errors.length) console.warn('browser errors:\n' + b.errors.join('\n'));
    await b.close();
  }
  await stack?.stop();
});

it('a new resident waits for the village cadre, who confirms them on the residents page', async () => {
  const staff: Session = await demoLogin(stack.baseUrl, (await findIdentity(stack.baseUrl, '赵振华', 'county_staff')).id);
  await api(stack.baseUrl, 'PUT', `/api/counties/${COUNTY}/policy`, staff.token, { confirmResidents: true });

  // 何春生 (no village yet) binds to the cadre's village
  const newcomer = await findIdentity(stack.baseUrl, '何春生', 'villager');
  const session: Session = await demoLogin(stack.baseUrl, newcomer.id);
  const bound = await api<Me>(stack.baseUrl, 'POST', '/api/me/village', session.token, { villageCode: VILLAGE });
  expect(bound.residentStatus).toBe('pending');

  // a villager's home is the village's notice board (no staff name heading): log in on the login page
  const villager = await openBrowser();
  browsers.push(villager);
  await villager.page.goto(`${stack.baseUrl}/`);
  await villager.page.click(`#demo-${newcomer.id}`, { timeout: 20000 });
  await villager.page.waitForSelector('#resident-pending', { timeout: 20000 });
  expect(await villager.page.textContent('#resident-pending')).toContain('待村（居）两委确认');
  // not asking yet: neither on the home page nor on 办事, where the groups are
  expect(await villager.page.$('#home-ask')).toBeNull();
  await tapTab(villager, '办事');
  await villager.page.locator('#link-groups:visible').waitFor({ timeout: 20000 });
  expect(await villager.page.$('#link-ask')).toBeNull();

  const cadre = await openAs(stack.baseUrl, await findIdentity(stack.baseUrl, '周桂兰', 'village_cadre'));
  browsers.push(cadre);
  await openEntry(cadre, `residents-${VILLAGE}`);
  const row = `#resident-${newcomer.id}`;
  await cadre.page.waitForSelector(row, { timeout: 20000 });
  expect(await cadre.page.textContent(row)).toContain('何春生');
  expect(await cadre.page.textContent(row)).toContain('170****0101');
  await cadre.page.click(`#confirm-${newcomer.id}`);
  expect(await answerConfirm(cadre)).toContain('可以进入本村工作群');
  await cadre.page.waitForSelector('#ok-message', { timeout: 20000 });
  expect(await cadre.page.textContent('#ok-message')).toBe('已确认：何春生');
  await cadre.page.waitForSelector('#residents-empty', { timeout: 20000 });

  const me = await api<Me>(stack.baseUrl, 'GET', '/api/me', session.token);
  expect(me.residentStatus).toBe('confirmed');
  expect(me.roles).toContainEqual(expect.objectContaining({ role: 'villager', placeCode: VILLAGE }));
});
