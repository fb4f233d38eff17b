/**
 * County and township views end to end on the H5 build (miniprogram/dist-h5) served by the real
 * server, in headless Chromium: county staff change the county policy (and an invalid value is
 * refused without changing anything), open the compliance statistics with one rate per township
 * (drawn as an F2 chart, county-charts.test.ts),
 * and township staff see the villages behind schedule with their counsel.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import type { ConsultationStatsReply, CountyPolicy, DemoIdentity, Session } from '@vc/types';
import { api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import type { Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { waitForShown, openEntry, dismissError } from './support/page';

const COUNTY_STAFF = '赵振华';
const TOWNSHIP_STAFF = '王志强';
const TOWNSHIP = '210921001';
/** a village of the township with no service logged in the demo data */
const IDLE_VILLAGE = '210921001004';

let stack: TestStack;
const browsers: Browser[] = [];
/** the county policy before the test, put back at the end whatever happens */
let original: { countyCode: string; token: string; policy: CountyPolicy } | null = null;

beforeAll(async () => {
  stack = await startUiStack();
});

afterAll(async () => {
  for (const b of browsers) {
    if (b.errors.length) console.warn('browser errors:\n' + b.errors.join('\n'));
    await b.close();
  }
  if (original) {
    const { countyCode, token, policy } = original;
    await api(stack.baseUrl, 'PUT', `/api/counties/${countyCode}/policy`, token, {
      maxVillagesPerCounsel: policy.maxVillagesPerCounsel,
      minOnSiteHoursPerMonth: policy.minOnSiteHoursPerMonth,
      minLecturesPerQuarter: policy.minLecturesPerQuarter,
      minHoursPerYear: policy.minHoursPerYear,
      supervisionPhone: policy.supervisionPhone,
    }).catch((e) => console.warn('could not restore the county policy: ' + String(e)));
  }
  await stack?.stop();
});

const identity = (name: string, role: DemoIdentity['role']) => findIdentity(stack.baseUrl, name, role);

/** A fresh browser logged in as a demo identity, closed after the tests. */
async function loginAs(who: DemoIdentity): Promise<Browser> {
  const b = await openAs(stack.baseUrl, who);
  browsers.push(b);
  return b;
}

function countyOf(session: Session): string {
  const grant = session.user.roles.find((g) => g.role === 'county_staff');
  if (!grant) throw new Error(`${session.user.name} has no county grant`);
  return grant.placeCode;
}

async function policyOf(countyCode: string, token: string): Promise<CountyPolicy> {
  return api<CountyPolicy>(stack.baseUrl, 'GET', `/api/counties/${countyCode}/policy`, token);
}

/** Types into a Taro H5 <Input> (a custom element wrapping a native input). */
async function fillInput(b: Browser, id: string, value: string): Promise<void> {
  const input = b.page.locator(`#${id} input`);
  await input.waitFor({ timeout: 20000 });
  await input.fill(value);
  await b.page.waitForFunction(({ sel, v }) => document.querySelector<HTMLInputElement>(sel)?.value === v, {
    sel: `#${id} input`,
    v: value,
  });
}

async function saveAndWait(b: Browser): Promise<'ok' | 'error'> {
  await b.page.click('#policy-save');
  await b.page.waitForSelector('#ok-message, #error-message', { timeout: 20000 });
  return (await b.page.locator('#error-message').count()) ? 'error' : 'ok';
}

it('county staff change the policy; an invalid value is refused and changes nothing', async () => {
  const who = await identity(COUNTY_STAFF, 'county_staff');
  const session = await demoLogin(stack.baseUrl, who.id);
  const countyCode = countyOf(session);
  const before = await policyOf(countyCode, session.token);
  original = { countyCode, token: session.token, policy: before };

  const b = await loginAs(who);
  await openEntry(b, 'link-county-policy');
  await waitForShown(b, '#policy-save');
  expect(await b.page.locator('#policy-minOnSiteHoursPerMonth input').inputValue()).toBe(String(before.minOnSiteHoursPerMonth));

  // a valid change: 3 hours on site per village per month
  await fillInput(b, 'policy-minOnSiteHoursPerMonth', '3');
  expect(await saveAndWait(b)).toBe('ok');
  expect((await b.page.locator('#ok-message').textContent())?.trim()).toContain('已保存');
  const saved = await policyOf(countyCode, session.token);
  expect(saved.minOnSiteHoursPerMonth).toBe(3);
  expect(saved.maxVillagesPerCounsel).toBe(before.maxVillagesPerCounsel);

  // an invalid value (0 villages per counsel): an error, and the server keeps what it had
  await fillInput(b, 'policy-maxVillagesPerCounsel', '0');
  await fillInput(b, 'policy-minOnSiteHoursPerMonth', '5');
  expect(await saveAndWait(b)).toBe('error');
  expect((await b.page.locator('#error-message').textContent())?.trim()).toContain('每名顾问最多服务村数');
  expect(await b.page.locator('#ok-message').count()).toBe(0);
  expect(await policyOf(countyCode, session.token)).toEqual(saved);
  await dismissError(b);

  // restore 4 hours (and the original number of villages)
  await fillInput(b, 'policy-maxVillagesPerCounsel', String(before.maxVillagesPerCounsel));
  await fillInput(b, 'policy-minOnSiteHoursPerMonth', '4');
  expect(await saveAndWait(b)).toBe('ok');
  const restored = await policyOf(countyCode, session.token);
  expect(restored.minOnSiteHoursPerMonth).toBe(4);
  expect(restored.maxVillagesPerCounsel).toBe(before.maxVillagesPerCounsel);
});

it('county staff see the compliance rate, one figure per township, and the consultation figures', async () => {
  // a consultation this month, so the consultation card has something to count
  const villager = await demoLogin(stack.baseUrl, (await identity('林红霞', 'villager')).id);
  await api(stack.baseUrl, 'POST', '/api/consultations', villager.token, {
    clientKey: `stats-${Date.now()}`,
    question: '统计页面测试用的咨询问题',
  });
  const who = await identity(COUNTY_STAFF, 'county_staff');
  const staff = await demoLogin(stack.baseUrl, who.id);
  const figures = await api<ConsultationStatsReply>(
    stack.baseUrl,
    'GET',
    `/api/counties/${countyOf(staff)}/consultation-stats`,
    staff.token,
  );
  expect(figures.summary.asked).toBeGreaterThanOrEqual(1);

  const b = await loginAs(who);
  await openEntry(b, 'link-county-stats');
  const rate = b.page.locator('#compliance-rate');
  await rate.waitFor({ timeout: 30000 });
  expect((await rate.textContent())?.trim()).toMatch(/^\d+(\.\d)?%$/);
  await expect(b.page.locator('[id^=township-rate-]').count()).resolves.toBe(36);
  const asked = b.page.locator('#consult-asked');
  await asked.waitFor({ timeout: 30000 });
  expect((await asked.textContent())?.trim()).toBe(String(figures.summary.asked));
  expect(await b.page.locator('#consult-scores').textContent()).toContain('服务态度');
});

it('township staff see the villages behind schedule with their counsel', async () => {
  const who = await identity(TOWNSHIP_STAFF, 'township_staff');
  const session = await demoLogin(stack.baseUrl, who.id);
  expect(session.user.roles.some((g) => g.role === 'township_staff' && g.placeCode === TOWNSHIP)).toBe(true);
  const reply = await api<{ villages: { code: string; name: string; counsel: { name: string }[] }[] }>(
    stack.baseUrl,
    'GET',
    `/api/townships/${TOWNSHIP}/compliance`,
    session.token,
  );
  const village = reply.villages.find((v) => v.code === IDLE_VILLAGE);
  expect(village).toBeDefined();
  expect(village!.counsel.length).toBeGreaterThan(0);

  const b = await loginAs(who);
  await openEntry(b, 'link-township-progress');
  const row = b.page.locator(`#behind-${IDLE_VILLAGE}`);
  await row.waitFor({ timeout: 30000 });
  const text = (await row.textContent()) ?? '';
  expect(text).toContain(village!.name);
  for (const c of village!.counsel) expect(text).toContain(c.name);
  expect(text).toMatch(/本月驻点 0 \/ \d+(\.\d+)? 小时/);
  expect((await b.page.locator('#township-rate').textContent())?.trim()).toMatch(/^\d+(\.\d)?%/);
  // behind-schedule villages come before the compliant ones
  const ids = await b.page
    .locator('[id^=behind-], [id^=done-]')
    .evaluateAll((els) => els.map((e) => e.id).filter((id) => /^(behind|done)-\d{12}$/.test(id)));
  const firstDone = ids.findIndex((id) => id.startsWith('done-'));
  if (firstDone >= 0) expect(ids.slice(firstDone).every((id) => id.startsWith('done-'))).toBe(true);
});
