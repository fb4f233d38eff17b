/**
 * Invitations end to end on the H5 build (miniprogram/dist-h5) served by the real server, in headless
 * Chromium: county staff 赵振华 invite a township's staff from the invite page and read the code; a
 * person without that role (demo 何春生, no village yet) opens the redeem page as the invitation's
 * mini-program code would (`scene` = the code), sees what it gives and accepts; the staff list then
 * shows him with a masked phone, and county staff withdraw the role with a reason, which the record
 * of role changes shows. A used-up, an unknown and a withdrawn code are refused on the redeem page
 * with the server's own Chinese messages. Needs `npm run build:h5 -w miniprogram` first.
 */
import type { DemoIdentity, InvitationListReply, PlaceChildrenReply, Session } from '@vc/types';
import { INVITATION_CODE_ALPHABET, INVITATION_CODE_LENGTH } from '@vc/types';
import { HttpError, api, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import { openBrowser, type Browser } from './support/browser';
import { findIdentity, openAs } from './support/demo';
import { openEntry, tapTab, dismissError } from './support/page';

const COUNTY = '210921';
const CODE_RE = new RegExp(`^[${INVITATION_CODE_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`);
const WAIT = { timeout: 30000 };

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

const identity = (name: string, role: DemoIdentity['role']) => findIdentity(stack.baseUrl, name, role);

/** A fresh browser logged in as a staff identity (it lands on the staff home page). */
async function staffBrowser(who: DemoIdentity): Promise<Browser> {
  const b = await openAs(stack.baseUrl, who);
  browsers.push(b);
  return b;
}

/** A fresh browser logged in through the demo login, wherever the app sends the person next. */
async function personBrowser(who: DemoIdentity, landsOn: string): Promise<Browser> {
  const b = await openBrowser();
  browsers.push(b);
  await b.page.goto(`${stack.baseUrl}/`);
  await b.page.waitForSelector('#demo-identities', WAIT);
  await b.page.click(`#demo-${who.id}`);
  await b.page.waitForSelector(landsOn, WAIT);
  return b;
}

/** Opens a page of the app afresh (a full load, as when WeChat opens it from a mini-program code). */
async function openPage(b: Browser, page: string): Promise<void> {
  await b.page.goto('about:blank');
  await b.page.goto(`${stack.baseUrl}/#${page}`);
}

async function fillInput(b: Browser, id: string, value: string): Promise<void> {
  const input = b.page.locator(`#${id} input`);
  await input.waitFor(WAIT);
  await input.fill(value);
}

/** Text of the element on the page shown: Taro's H5 router keeps the pages below it in the document, hidden. */
const text = async (b: Browser, selector: string) => ((await b.page.locator(`${selector}:visible`).textContent()) ?? '').trim();

/** What the server answers to someone looking up this code: its status, stable code and Chinese message. */
async function refusalOf(code: string, token: string): Promise<{ status: number; code: string; message: string }> {
  try {
    await api(stack.baseUrl, 'GET', `/api/invitations/by-code/${code}`, token);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    const { error } = e.body as { error: { code: string; message: string } };
    return { status: e.status, ...error };
  }
  throw new Error(`the server did not refuse ${code}`);
}

async function invitationsOf(token: string): Promise<InvitationListReply['items']> {
  return (await api<InvitationListReply>(stack.baseUrl, 'GET', `/api/places/${COUNTY}/invitations`, token)).items;
}

/** Creates an invitation on the open invite page and answers the code shown. */
async function createOnPage(b: Browser, role: string, placeCode: string | null): Promise<string> {
  await b.page.click(`#invite-role-${role}`);
  if (placeCode) {
    await b.page.waitForSelector(`#invite-place-${placeCode}`, WAIT);
    await b.page.click(`#invite-place-${placeCode}`);
  }
  const before = (await b.page.locator('#invite-code').count()) ? await text(b, '#invite-code') : null;
  await b.page.click('#invite-create');
  await b.page.waitForFunction(
    (old) => {
      const el = document.querySelector('#invite-code');
      return !!el && (el.textContent ?? '').trim() !== old;
    },
    before,
    WAIT,
  );
  return text(b, '#invite-code');
}

describe('inviting a township staff member, accepting, and withdrawing the role', () => {
  let county: Session;
  let township: { code: string; name: string };
  let newcomer: DemoIdentity;
  let newcomerId: string;
  let code: string;
  let countyBrowser: Browser;

  beforeAll(async () => {
    const staff = await identity('赵振华', 'county_staff');
    county = await demoLogin(stack.baseUrl, staff.id);
    // a township without demo staff (the demo seeds staff for the first two)
    const children = await api<PlaceChildrenReply>(stack.baseUrl, 'GET', `/api/places/${COUNTY}/children`, county.token);
    const third = children.children[2];
    if (!third) throw new Error('the demo county has fewer than three townships');
    township = { code: third.code, name: third.name };
    newcomer = await identity('何春生', 'villager');
    const s = await demoLogin(stack.baseUrl, newcomer.id);
    newcomerId = s.user.id;
    expect(s.user.roles.some((g) => g.role === 'township_staff')).toBe(false);
    countyBrowser = await staffBrowser(staff);
  });

  it('county staff create a township-staff invitation and see its code and mini-program code', async () => {
    const b = countyBrowser;
    await openEntry(b, 'link-county-invite');
    await b.page.waitForSelector('#invite-role-township_staff', WAIT);
    // county staff give county and township roles only (village roles are the township's)
    expect(await b.page.locator('#invite-role-counsel').count()).toBe(1);
    expect(await b.page.locator('#invite-role-village_cadre').count()).toBe(0);

    code = await createOnPage(b, 'township_staff', township.code);
    expect(code).toMatch(CODE_RE);
    expect(await text(b, '#invite-result')).toContain(township.name);
    // the mini-program code, fetched with the session and shown from a blob
    await b.page.waitForSelector('#invite-qr img[src^="blob:"]', WAIT);

    const listed = (await invitationsOf(county.token)).find((i) => i.code === code);
    expect(listed).toMatchObject({ role: 'township_staff', placeCode: township.code, status: 'active', uses: 1, used: 0 });
    // and the place's list on the page shows it, with its state
    await b.page.waitForSelector(`#invitation-${listed!.id}`, WAIT);
    expect(await text(b, `#invitation-status-${listed!.id}`)).toBe('可使用');
  });

  it('a person without the role opens the code from the mini-program code, sees what it gives and accepts', async () => {
    // no village and no role yet: the app sends him to bind a village
    const b = await personBrowser(newcomer, '#village-query');
    await openPage(b, `/account/redeem/index?scene=${code}`);
    await b.page.waitForSelector('#redeem-preview', WAIT);
    expect(await text(b, '#redeem-role')).toBe('司法所工作人员');
    expect(await text(b, '#redeem-place')).toContain(township.name);
    expect(await text(b, '#redeem-preview')).toContain('赵振华');

    await b.page.click('#redeem-confirm');
    await b.page.waitForSelector('#redeem-result', WAIT);
    expect(await text(b, '#redeem-result')).toContain(`${township.name}`);
    expect(await text(b, '#redeem-result')).toContain('司法所工作人员');

    const after = await demoLogin(stack.baseUrl, newcomer.id);
    expect(after.user.roles).toContainEqual(expect.objectContaining({ role: 'township_staff', placeCode: township.code }));

    // home now shows his new role
    await b.page.click('#redeem-home');
    await b.page.waitForSelector('#home-user-name', WAIT);
    expect(await text(b, '#home-user-name')).toBe('何春生');
    // 办事 holds the new role's work
    await tapTab(b, '办事');
    await b.page.waitForSelector(`#grant-township_staff-${township.code}`, WAIT);
  });

  it('a used-up code typed by someone else is refused with the server message', async () => {
    const other = await identity('林红霞', 'villager');
    const token = (await demoLogin(stack.baseUrl, other.id)).token;
    const usedUp = await refusalOf(code, token);
    expect(usedUp).toMatchObject({ status: 409, code: 'INVITATION_USED_UP' });
    const unknown = await refusalOf('ZZZZ2222', token);
    expect(unknown).toMatchObject({ status: 404, code: 'INVITATION_NOT_FOUND' });

    const b = await personBrowser(other, '#home-user-name');
    await openEntry(b, 'link-redeem');
    // typed as people type it: lower case, with a space
    await fillInput(b, 'redeem-code-input', `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    await b.page.click('#redeem-lookup');
    await b.page.waitForSelector('#error-message:visible', WAIT);
    expect(await text(b, '#error-message')).toBe(usedUp.message);
    await dismissError(b);
    expect(usedUp.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await b.page.locator('#redeem-confirm').count()).toBe(0);

    // a code nobody issued
    await fillInput(b, 'redeem-code-input', 'ZZZZ2222');
    await b.page.click('#redeem-lookup');
    await b.page.waitForFunction(
      (message) => document.querySelector('#error-message')?.textContent?.trim() === message,
      unknown.message,
      WAIT,
    );
  });

  it('the staff list shows him with a masked phone; county staff withdraw the role with a reason', async () => {
    const b = countyBrowser;
    await b.page.click('#link-staff-list');
    const row = `#staff-row-${newcomerId}`;
    await b.page.waitForSelector(row, WAIT);
    expect(await text(b, row)).toContain('何春生');
    expect(await text(b, row)).toContain('赵振华'); // who invited him
    expect(await text(b, `#staff-phone-${newcomerId}`)).toMatch(/^170\*{4}0101$/);
    expect(await text(b, row)).not.toContain('17000000101');

    await b.page.click(`#staff-withdraw-${newcomerId}-township_staff-${township.code}`);
    // a reason is required
    await fillInput(b, 'withdraw-reason', '无');
    await b.page.click('#withdraw-confirm');
    await b.page.waitForSelector('#error-message:visible', WAIT);
    expect(await text(b, '#error-message')).toContain('请填写原因');
    await dismissError(b);
    let after = await demoLogin(stack.baseUrl, newcomer.id);
    expect(after.user.roles.some((g) => g.role === 'township_staff')).toBe(true);

    await fillInput(b, 'withdraw-reason', '工作调动，不再担任');
    await b.page.click('#withdraw-confirm');
    await b.page.waitForSelector('#ok-message:visible', WAIT);
    expect(await text(b, '#ok-message')).toContain('已撤销 何春生');
    await b.page.waitForSelector(row, { state: 'detached', timeout: 30000 });
    after = await demoLogin(stack.baseUrl, newcomer.id);
    expect(after.user.roles.some((g) => g.role === 'township_staff')).toBe(false);

    // the record keeps the invitation, the acceptance and the withdrawal with its reason
    await b.page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('[id^="role-change-"]')).some((e) => e.textContent?.includes('工作调动，不再担任')),
      null,
      WAIT,
    );
    const record = await b.page.locator('[id^="role-change-"]').allTextContents();
    const about = record.filter((t) => t.includes('何春生'));
    expect(about.some((t) => t.includes('撤销角色') && t.includes('工作调动，不再担任'))).toBe(true);
    expect(about.some((t) => t.includes('接受邀请，获得角色'))).toBe(true);
  });

  it('county staff withdraw an unused counsel invitation; its code is then refused', async () => {
    const b = countyBrowser;
    await openPage(b, `/staff/invite/index?code=${COUNTY}`);
    await b.page.waitForSelector('#invite-role-counsel', WAIT);
    const counselCode = await createOnPage(b, 'counsel', null);
    expect(counselCode).toMatch(CODE_RE);
    expect(counselCode).not.toBe(code);
    const invitation = (await invitationsOf(county.token)).find((i) => i.code === counselCode);
    expect(invitation).toMatchObject({ role: 'counsel', placeCode: COUNTY, status: 'active' });

    await b.page.click(`#invitation-withdraw-${invitation!.id}`);
    await fillInput(b, 'withdraw-reason', '发错了');
    await b.page.click('#withdraw-confirm');
    await b.page.waitForFunction(
      (id) => document.querySelector(`#invitation-status-${id}`)?.textContent?.trim() === '已撤回',
      invitation!.id,
      WAIT,
    );
    // withdrawn: nothing more to do with it, and its code is no longer shown for handing out
    expect(await b.page.locator(`#invitation-withdraw-${invitation!.id}`).count()).toBe(0);
    expect(await b.page.locator('#invite-code').count()).toBe(0);
    const stored = (await invitationsOf(county.token)).find((i) => i.id === invitation!.id);
    expect(stored).toMatchObject({ status: 'withdrawn', withdrawReason: '发错了' });

    const other = await identity('林红霞', 'villager');
    const refused = await refusalOf(counselCode, (await demoLogin(stack.baseUrl, other.id)).token);
    expect(refused).toMatchObject({ status: 410, code: 'INVITATION_WITHDRAWN' });
    const p = await personBrowser(other, '#home-user-name');
    await openPage(p, `/account/redeem/index?scene=${counselCode}`);
    await p.page.waitForSelector('#error-message:visible', WAIT);
    expect(await text(p, '#error-message')).toBe(refused.message);
    expect(await p.page.locator('#redeem-preview').count()).toBe(0);
  });
});
