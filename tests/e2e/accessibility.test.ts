/**
 * For older eyes and hands (适老化, issue 14 item 7), checked on every page of the H5 build in
 * headless Chromium at 375 px wide, in both text modes (标准 and 大字, switched in 我的 as a person
 * would): axe-core's color-contrast rule (WCAG AA, 4.5:1 for body text, 3:1 for large text), and
 * our own size rules (see `measure` below for exactly what counts). Any violation fails the page's
 * test with the page, the element and the figure. Every page is also saved as a full-page
 * screenshot to .cache/screenshots/pages/<mode>/<page>.png (artifacts, not compared).
 * Every page of app.config.ts is visited, each as a role that may open it (demo login).
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  Case,
  Consultation,
  ConsultationListReply,
  DemoIdentity,
  GroupListReply,
  LectureListReply,
  Session,
} from '@vc/types';
import { api, demoIdentities, demoLogin } from '../miniprogram/support/http';
import { startUiStack, type TestStack } from '../miniprogram/support/stack';
import { openBrowser, type Browser } from './support/browser';
import { openAs } from './support/demo';
import { UI_TIMEOUT, tapTab, waitForShown } from './support/page';
import { screenshot } from './support/screenshot';

const ROOT = path.resolve(__dirname, '../..');
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SHOTS = path.join(ROOT, '.cache/screenshots/pages');
const COUNTY = '210921';
const TOWNSHIP = '210921001';
const VILLAGE = '210921001001';
/** the smallest text and tap target we accept, in CSS px (WCAG 2.5.5 target size; 16 px body text) */
const MIN_TEXT_PX = 16;
const MIN_TARGET_PX = 44;

type Mode = 'standard' | 'large';
type Who = 'guest' | 'villager' | 'unbound' | 'cadre' | 'counsel' | 'township' | 'county';

interface PageVisit {
  /** the screenshot's name */
  name: string;
  /** the route of app.config.ts (checked against it below) */
  route: string;
  who: Who;
  query?: () => Record<string, string>;
  /** what shows once the page has its data */
  ready?: string;
}

/** Ids the pages need, read from the demo data through the API before the walk. */
const ids = { villageGroup: '', townshipGroup: '', consultation: '', case: '', article: '', lecture: '' };

const VISITS: PageVisit[] = [
  { name: 'login', route: 'pages/login/index', who: 'guest', ready: '#demo-identities' },
  { name: 'index-villager', route: 'pages/index/index', who: 'villager', ready: '#home-user-name' },
  { name: 'index-counsel', route: 'pages/index/index', who: 'counsel', ready: '#home-user-name' },
  { name: 'index-township', route: 'pages/index/index', who: 'township', ready: '#home-user-name' },
  { name: 'index-county', route: 'pages/index/index', who: 'county', ready: '#home-user-name' },
  { name: 'work-counsel', route: 'pages/work/index', who: 'counsel', ready: '#work' },
  { name: 'work-villager', route: 'pages/work/index', who: 'villager', ready: '#work' },
  { name: 'me', route: 'pages/me/index', who: 'villager', ready: '#me-account' },
  { name: 'bind', route: 'pages/bind/index', who: 'unbound', ready: '#village-query' },
  { name: 'board', route: 'pages/board/index', who: 'villager', query: () => ({ villageCode: VILLAGE }) },
  { name: 'not-found', route: 'pages/not-found/index', who: 'villager' },
  { name: 'ledger-entry', route: 'ledger/entry/index', who: 'counsel' },
  { name: 'ledger-entries', route: 'ledger/entries/index', who: 'counsel' },
  { name: 'ledger-progress', route: 'ledger/progress/index', who: 'counsel' },
  {
    name: 'ledger-review',
    route: 'ledger/review/index',
    who: 'township',
    query: () => ({ townshipCode: TOWNSHIP }),
  },
  {
    name: 'ledger-township-progress',
    route: 'ledger/township-progress/index',
    who: 'township',
    query: () => ({ townshipCode: TOWNSHIP }),
  },
  {
    name: 'ledger-county-stats',
    route: 'ledger/county-stats/index',
    who: 'county',
    query: () => ({ countyCode: COUNTY }),
  },
  { name: 'ledger-export', route: 'ledger/export/index', who: 'county', query: () => ({ countyCode: COUNTY }) },
  { name: 'counsel-assign', route: 'counsel/assign/index', who: 'county', query: () => ({ countyCode: COUNTY }) },
  { name: 'counsel-profile', route: 'counsel/profile/index', who: 'counsel' },
  { name: 'policy-county', route: 'policy/county/index', who: 'county', query: () => ({ countyCode: COUNTY }) },
  { name: 'groups-list', route: 'groups/list/index', who: 'counsel' },
  { name: 'groups-chat', route: 'groups/chat/index', who: 'counsel', query: () => ({ code: ids.villageGroup }) },
  {
    name: 'groups-manage',
    route: 'groups/manage/index',
    who: 'township',
    query: () => ({ code: ids.townshipGroup }),
  },
  { name: 'groups-held', route: 'groups/held/index', who: 'township', query: () => ({ code: TOWNSHIP }) },
  { name: 'groups-reports', route: 'groups/reports/index', who: 'township', query: () => ({ code: TOWNSHIP }) },
  { name: 'consult-list-mine', route: 'consult/list/index', who: 'villager', query: () => ({ box: 'mine' }) },
  { name: 'consult-list-inbox', route: 'consult/list/index', who: 'counsel', query: () => ({ box: 'inbox' }) },
  { name: 'consult-thread', route: 'consult/thread/index', who: 'villager', query: () => ({ id: ids.consultation }) },
  { name: 'consult-ask', route: 'consult/ask/index', who: 'villager' },
  {
    name: 'consult-overdue',
    route: 'consult/overdue/index',
    who: 'township',
    query: () => ({ townshipCode: TOWNSHIP }),
  },
  {
    name: 'village-residents',
    route: 'village/residents/index',
    who: 'cadre',
    query: () => ({ villageCode: VILLAGE }),
  },
  { name: 'staff-invite', route: 'staff/invite/index', who: 'county', query: () => ({ code: COUNTY }) },
  // the monthly inspection of village groups (issue 16 item 6): the county's list with coverage, a township's part
  {
    name: 'inspections-county',
    route: 'inspections/index',
    who: 'county',
    query: () => ({ countyCode: COUNTY }),
    ready: '#inspection-coverage',
  },
  {
    name: 'inspections-township',
    route: 'inspections/index',
    who: 'township',
    query: () => ({ townshipCode: TOWNSHIP }),
    ready: '#inspection-summary',
  },
  { name: 'staff-list', route: 'staff/list/index', who: 'county', query: () => ({ code: COUNTY }) },
  { name: 'account-redeem', route: 'account/redeem/index', who: 'villager' },
  // without a ticket from a PC's QR code: the page says the code is missing
  { name: 'account-scan-login', route: 'account/scan-login/index', who: 'county' },
  { name: 'privacy-policy', route: 'privacy/policy/index', who: 'villager' },
  { name: 'privacy-profile', route: 'privacy/profile/index', who: 'villager' },
  { name: 'privacy-notices', route: 'privacy/notices/index', who: 'villager' },
  // the service hall (issue 16): the villager's forms and her case, the handlers' inbox
  { name: 'hall-index', route: 'hall/index/index', who: 'villager', ready: '#hall-mine' },
  // without a village: sent to bind one first
  { name: 'hall-index-unbound', route: 'hall/index/index', who: 'unbound', ready: '#hall-unbound' },
  { name: 'hall-legal-aid', route: 'hall/legal-aid/index', who: 'villager', ready: '#la-matter-picker' },
  {
    name: 'hall-apply-mediation',
    route: 'hall/apply/index',
    who: 'villager',
    query: () => ({ kind: 'mediation' }),
    ready: '#apply-submit',
  },
  {
    name: 'hall-apply-booking',
    route: 'hall/apply/index',
    who: 'villager',
    query: () => ({ kind: 'booking' }),
    ready: '#apply-submit',
  },
  {
    name: 'hall-apply-complaint',
    route: 'hall/apply/index',
    who: 'villager',
    query: () => ({ kind: 'complaint' }),
    ready: '#apply-submit',
  },
  { name: 'hall-case', route: 'hall/case/index', who: 'villager', query: () => ({ id: ids.case }), ready: '#case-status' },
  { name: 'hall-case-township', route: 'hall/case/index', who: 'township', query: () => ({ id: ids.case }), ready: '#act-take' },
  { name: 'hall-inbox', route: 'hall/inbox/index', who: 'township', ready: '#inbox-list' },
  // the back office (issue 16 items 5 and 7)
  {
    name: 'backoffice-callbacks',
    route: 'backoffice/callbacks/index',
    who: 'township',
    query: () => ({ townshipCode: TOWNSHIP }),
  },
  {
    name: 'backoffice-assessment',
    route: 'backoffice/assessment/index',
    who: 'county',
    query: () => ({ countyCode: COUNTY }),
  },
  // lectures (issue 17 item 1): the demo village's coming lecture
  { name: 'lectures-list', route: 'lectures/list/index', who: 'villager', ready: '#lectures-village' },
  { name: 'lectures-list-counsel', route: 'lectures/list/index', who: 'counsel', ready: '#lectures-mine' },
  { name: 'lectures-announce', route: 'lectures/announce/index', who: 'counsel', ready: '#announce-submit' },
  {
    name: 'lectures-detail',
    route: 'lectures/detail/index',
    who: 'villager',
    query: () => ({ id: ids.lecture }),
    ready: '#lecture-signup',
  },
  {
    name: 'lectures-detail-counsel',
    route: 'lectures/detail/index',
    who: 'counsel',
    query: () => ({ id: ids.lecture }),
    ready: '#lecture-attendees',
  },
  // a wrong code: the page shows the server's refusal
  {
    name: 'lectures-checkin',
    route: 'lectures/checkin/index',
    who: 'villager',
    query: () => ({ id: ids.lecture, code: 'zzzzzz' }),
    ready: '#error-message',
  },
  // the legal-education feed and the legal-literate roster (issue 17 items 2 and 3)
  { name: 'education-feed', route: 'education/feed/index', who: 'villager', ready: '#feed-end' },
  {
    name: 'education-article',
    route: 'education/article/index',
    who: 'villager',
    query: () => ({ articleId: ids.article }),
    ready: '#article-text',
  },
  { name: 'education-publish', route: 'education/publish/index', who: 'township', ready: `#scope-${VILLAGE}` },
  { name: 'education-mine', route: 'education/mine/index', who: 'counsel', ready: '#goto-publish' },
  {
    name: 'education-roster',
    route: 'education/roster/index',
    who: 'township',
    query: () => ({ townshipCode: TOWNSHIP }),
    ready: '#roster-count',
  },
  {
    name: 'education-coverage',
    route: 'education/roster-coverage/index',
    who: 'county',
    query: () => ({ countyCode: COUNTY }),
    ready: '#coverage-summary',
  },
];

/** Every page app.config.ts lists (read from its text: the config is a Taro macro, not importable). */
function appPages(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'miniprogram/src/app.config.ts'), 'utf8');
  const main = /pages:\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '';
  const routes = [...main.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  for (const m of text.matchAll(/root:\s*'([^']+)',\s*pages:\s*\[([^\]]*)\]/g)) {
    for (const p of m[2]!.matchAll(/'([^']+)'/g)) routes.push(`${m[1]}/${p[1]}`);
  }
  return routes;
}

interface Finding {
  rule: string;
  element: string;
  figure: string;
}

/**
 * Our size rules, run inside the page. What counts:
 * - text: every rendered element that holds text of its own (a non-blank text node as a direct
 *   child), and every input and textarea (the typed text and its placeholder): computed font-size
 *   ≥ 16 px. No exceptions for captions or labels: older eyes read those too.
 * - tap targets: every rendered element a person can tap: one the app gave a click handler (React's
 *   onClick on the DOM node's props, which is how Taro's <View onClick> is attached in H5), native
 *   controls (a, button, input, textarea, select, Taro's button/input/textarea/switch/checkbox/
 *   radio/picker), elements with an interactive ARIA role or a tabindex, and Taro's own title-bar
 *   back/home buttons and tab-bar items: its box ≥ 44 × 44 px. A tappable element inside another
 *   tappable one that is itself ≥ 44 × 44 (e.g. a label in a list item) is measured by its parent.
 * "Rendered" means: not display:none or visibility:hidden, a box larger than 0 × 0, and not inside
 * a page the router has hidden (H5 keeps pages lower in the stack in the DOM).
 */
interface Measured {
  found: Finding[];
  /** the smallest text and the smallest tap target (by its shorter side) on the page */
  smallestText: number;
  smallestTarget: string;
}
function measure(limits: { text: number; target: number }): Measured {
  const found: Finding[] = [];
  let smallestText = Infinity;
  let smallestTarget = { side: Infinity, text: '' };
  const describe = (e: Element): string => {
    const id = e.id ? `#${e.id}` : '';
    const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
    const text = (e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
    return `${e.tagName.toLowerCase()}${id}${cls}${text ? ` "${text}"` : ''}`;
  };
  const rendered = (e: Element): boolean => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(e);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    // a page the router hid (display:none on an ancestor gives a 0 × 0 box, caught above)
    return true;
  };
  const ownText = (e: Element) =>
    Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
  const reactProps = (e: Element): Record<string, unknown> | null => {
    const key = Object.keys(e).find((k) => k.startsWith('__reactProps$'));
    return key ? ((e as unknown as Record<string, Record<string, unknown>>)[key] ?? null) : null;
  };
  const NATIVE =
    'a[href], button, input:not([type=hidden]), textarea, select, [tabindex]:not([tabindex="-1"]), ' +
    '[role=button], [role=link], [role=radio], [role=checkbox], [role=switch], [role=tab], [role=menuitem], ' +
    'taro-button-core, taro-switch-core, taro-checkbox-core, taro-radio-core, taro-picker-core, ' +
    '.taro-navigation-bar-back, .taro-navigation-bar-home, .weui-tabbar__item';
  const all = Array.from(document.body.querySelectorAll('*'));
  const tappable = (e: Element) => e.matches(NATIVE) || typeof reactProps(e)?.onClick === 'function';
  const bigEnough = (e: Element) => {
    const r = e.getBoundingClientRect();
    return r.width >= limits.target - 0.5 && r.height >= limits.target - 0.5;
  };
  for (const e of all) {
    if (!rendered(e)) continue;
    const typed = e.matches('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea');
    if (ownText(e) || typed) {
      const px = parseFloat(getComputedStyle(e).fontSize);
      smallestText = Math.min(smallestText, px);
      if (px < limits.text - 0.05) found.push({ rule: 'font-size', element: describe(e), figure: `${px.toFixed(1)} px` });
    }
    if (tappable(e)) {
      const r = e.getBoundingClientRect();
      if (Math.min(r.width, r.height) < smallestTarget.side) {
        smallestTarget = {
          side: Math.min(r.width, r.height),
          text: `${r.width.toFixed(0)}×${r.height.toFixed(0)} px ${describe(e)}`,
        };
      }
    }
    if (tappable(e) && !bigEnough(e)) {
      // a native control wrapped in a tappable parent that is big enough is tapped through it
      let p = e.parentElement;
      let coveredBy: Element | null = null;
      while (p && p !== document.body) {
        if (tappable(p) && rendered(p)) {
          coveredBy = bigEnough(p) ? p : null;
          break;
        }
        p = p.parentElement;
      }
      if (!coveredBy) {
        const r = e.getBoundingClientRect();
        found.push({ rule: 'tap-target', element: describe(e), figure: `${r.width.toFixed(0)}×${r.height.toFixed(0)} px` });
      }
    }
  }
  return { found, smallestText, smallestTarget: smallestTarget.text };
}

interface AxeNode {
  target: string[];
  any: { data?: { contrastRatio?: number; fgColor?: string; bgColor?: string; fontSize?: string } }[];
}
interface AxeResult {
  violations: { id: string; nodes: AxeNode[] }[];
}

async function checkPage(b: Browser): Promise<{ found: Finding[]; sizes: Measured }> {
  if (!(await b.page.evaluate(() => 'axe' in window))) await b.page.addScriptTag({ content: AXE });
  const axe = await b.page.evaluate(
    () =>
      (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }).axe.run(document, {
        runOnly: { type: 'rule', values: ['color-contrast'] },
        resultTypes: ['violations'],
      }) as Promise<AxeResult>,
  );
  const found: Finding[] = [];
  for (const v of axe.violations) {
    for (const n of v.nodes) {
      const d = n.any[0]?.data;
      found.push({
        rule: v.id,
        element: n.target.join(' '),
        figure: d ? `${d.contrastRatio}:1 (${d.fgColor} on ${d.bgColor}, ${d.fontSize})` : '',
      });
    }
  }
  const sizes = await b.page.evaluate(measure, { text: MIN_TEXT_PX, target: MIN_TARGET_PX });
  found.push(...sizes.found);
  return { found, sizes };
}

let stack: TestStack;
let identities: DemoIdentity[];
const sessions = new Map<Who, Session>();
const minima: { page: string; mode: Mode; text: number; target: string }[] = [];

function identityOf(who: Exclude<Who, 'guest'>): DemoIdentity {
  const pick: Record<Exclude<Who, 'guest'>, (d: DemoIdentity) => boolean> = {
    villager: (d) => d.name === '林红霞',
    unbound: (d) => d.name === '何春生',
    cadre: (d) => d.name === '周桂兰',
    counsel: (d) => d.name === '王建国',
    township: (d) => d.name === '王志强',
    county: (d) => d.name === '赵振华',
  };
  const found = identities.find(pick[who]);
  if (!found) throw new Error(`no demo identity for ${who}`);
  return found;
}

beforeAll(async () => {
  stack = await startUiStack();
  identities = await demoIdentities(stack.baseUrl);
  for (const who of ['villager', 'counsel', 'township'] as const) {
    sessions.set(who, await demoLogin(stack.baseUrl, identityOf(who).id));
  }
  const counselGroups = await api<GroupListReply>(stack.baseUrl, 'GET', '/api/groups', sessions.get('counsel')!.token);
  ids.villageGroup = counselGroups.items.find((g) => g.tier === 'village' && g.standing === 'member')?.code ?? '';
  const townshipGroups = await api<GroupListReply>(stack.baseUrl, 'GET', '/api/groups', sessions.get('township')!.token);
  ids.townshipGroup = townshipGroups.items.find((g) => g.code === TOWNSHIP)?.code ?? TOWNSHIP;
  const mine = await api<ConsultationListReply>(stack.baseUrl, 'GET', '/api/consultations/mine', sessions.get('villager')!.token);
  // a question of hers to open (the demo seed may have none for her)
  ids.consultation =
    mine.items[0]?.id ??
    (
      await api<Consultation>(stack.baseUrl, 'POST', '/api/consultations', sessions.get('villager')!.token, {
        clientKey: `a11y-${Date.now().toString(36)}`,
        question: '家里老人的养老金被人冒领了，应该去哪里反映？需要准备什么材料？',
      })
    ).id;
  // an article of her village's feed (the demo seeds some)
  const feed = await api<{ items: { id: string }[] }>(
    stack.baseUrl,
    'GET',
    `/api/villages/${VILLAGE}/articles`,
    sessions.get('villager')!.token,
  );
  ids.article = feed.items[0]?.id ?? '';
  // a legal aid application of hers (waiting for the township: the township's page offers 受理)
  ids.case = (
    await api<Case>(stack.baseUrl, 'POST', '/api/cases', sessions.get('villager')!.token, {
      kind: 'legal_aid',
      clientKey: `a11y-case-${Date.now().toString(36)}`,
      matter: 'labour_and_wages',
      householdSize: 3,
      monthlyIncome: 2400,
      account: '在镇上的厂里干了三个月，老板一直拖着工资不给，一共六千元。',
    })
  ).id;
  // the demo village's coming lecture (demo seed)
  ids.lecture =
    (await api<LectureListReply>(stack.baseUrl, 'GET', `/api/villages/${VILLAGE}/lectures`, sessions.get('villager')!.token))
      .items[0]?.id ?? '';
}, 120000);

afterAll(async () => {
  if (minima.length) {
    const by = (m: Mode) => minima.filter((x) => x.mode === m);
    for (const m of ['standard', 'large'] as Mode[]) {
      const least = by(m).reduce((a, x) => (x.text < a.text ? x : a), by(m)[0]!);
      if (least) console.log(`smallest text in ${m} mode: ${least.text} px (${least.page})`);
      const targets = by(m).map((x) => `${x.page}: ${x.target}`);
      console.log(`smallest tap target per page in ${m} mode:\n${targets.join('\n')}`);
    }
  }
  await stack?.stop();
});

it('the walk visits every page app.config.ts lists, and the demo data has what the pages need', () => {
  const visited = new Set(VISITS.map((v) => v.route));
  expect(appPages().filter((r) => !visited.has(r))).toEqual([]);
  expect(ids.villageGroup).not.toBe('');
  expect(ids.consultation).not.toBe('');
  expect(ids.case).not.toBe('');
  expect(ids.lecture).not.toBe('');
  expect(ids.article).not.toBe('');
});

const WHO: Who[] = ['guest', 'villager', 'unbound', 'cadre', 'counsel', 'township', 'county'];

describe.each(['standard', 'large'] as Mode[])('%s text', (mode) => {
  describe.each(WHO)('as %s', (who) => {
    let b: Browser;
    beforeAll(async () => {
      b =
        who === 'guest'
          ? await openBrowser()
          : await openAs(stack.baseUrl, identityOf(who), who === 'unbound' ? '#village-query' : undefined);
      if (who === 'guest') await b.page.goto(`${stack.baseUrl}/#/pages/me/index`);
      else if (who === 'unbound') await b.page.goto(`${stack.baseUrl}/#/pages/me/index`);
      else await tapTab(b, '我的');
      // the person's own choice, in 我的: 大字 or 标准 (not 跟随系统: headless Chromium's default is standard)
      await b.page.locator(`#text-size-${mode}:visible`).click({ timeout: UI_TIMEOUT });
      await b.page.waitForFunction(
        (large) => document.documentElement.classList.contains('text-large') === large,
        mode === 'large',
      );
    }, 120000);
    afterAll(async () => {
      if (b?.errors.length) console.warn(`browser errors (${who}, ${mode}):\n${b.errors.join('\n')}`);
      await b?.close();
    });

    const visits = VISITS.filter((v) => v.who === who);
    it.each(visits.map((v) => [v.name, v] as const))(
      '%s',
      async (name, visit) => {
        const q = visit.query?.() ?? {};
        const qs = new URLSearchParams(q).toString();
        // a fresh load per page: one page in the DOM, and the text mode read back from storage
        await b.page.goto('about:blank');
        await b.page.goto(`${stack.baseUrl}/#/${visit.route}${qs ? `?${qs}` : ''}`, { waitUntil: 'networkidle' });
        await waitForShown(b, visit.ready ? `${visit.ready}` : '.page');
        await b.page.waitForLoadState('networkidle');
        await b.page
          .waitForFunction(() => !/正在加载/.test(document.body.innerText), undefined, { timeout: UI_TIMEOUT })
          .catch(() => undefined);
        // the mode really applies on this page: the root carries the class, the body text scales
        const scale = await b.page.evaluate(() => ({
          large: document.querySelector('.page')?.classList.contains('text-large') ?? false,
          base: parseFloat(getComputedStyle(document.querySelector('.page')!).fontSize),
        }));
        expect(scale.large).toBe(mode === 'large');
        expect(scale.base).toBe(mode === 'large' ? 20 : 16);

        const { found, sizes } = await checkPage(b);
        await screenshot(b, path.join(SHOTS, mode, `${name}.png`));
        minima.push({ page: name, mode, text: sizes.smallestText, target: sizes.smallestTarget });
        const lines = found.map((f) => `${name} [${mode}] ${f.rule}: ${f.element} — ${f.figure}`);
        if (lines.length) console.log(lines.join('\n'));
        expect(lines).toEqual([]);
      },
      90000,
    );
  });
});
