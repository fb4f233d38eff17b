/**
 * Screens that work at county scale (issue 14 item 5), counsel assignment: the county's counsel
 * searched by name and filtered by township and load; the villages to assign with their township
 * and their counsel now; an ended assignment keeps its reason.
 */
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

const COUNTY = '210921';
const TOWNSHIP = '210921001';
const V1 = '210921001001';

interface Counsel {
  id: string;
  name: string;
  villages: { code: string; name: string; townshipCode: string }[];
  villageCount: number;
  load: 'free' | 'full' | 'over';
}
interface Village {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  counsel: { id: string; name: string; assignmentId: string; startedAt: string }[];
}

let stack: Stack;
let call: ReturnType<typeof api>;
let staff: string;
let counselId: string;

beforeAll(async () => {
  stack = await startStack({ seedDemo: true });
  call = api(stack.baseUrl);
  staff = (await demoLogin(stack.baseUrl, '赵振华')).token;
  counselId = (await demoLogin(stack.baseUrl, '王建国')).user.id;
});
afterAll(() => stack?.stop());

const errorOf = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const counselList = async (query: Record<string, string> = {}) => {
  const res = await call('countyCounsel', { token: staff, params: { countyCode: COUNTY }, query });
  expect(res.status).toBe(200);
  return res.body as { items: Counsel[]; maxVillagesPerCounsel: number };
};
const villages = async (query: Record<string, string> = {}) => {
  const res = await call('assignmentVillages', { token: staff, params: { countyCode: COUNTY }, query });
  expect(res.status).toBe(200);
  return res.body as { items: Village[]; total: number };
};
const idsOf = (items: { id: string }[]) => items.map((c) => c.id).sort();

describe('the county counsel list', () => {
  it('gives each counsel their load against the county limit, and each village its township', async () => {
    const all = await counselList();
    expect(all.items.length).toBeGreaterThan(3);
    for (const c of all.items) {
      expect(c.villageCount).toBe(c.villages.length);
      const max = all.maxVillagesPerCounsel;
      expect(c.load).toBe(c.villageCount < max ? 'free' : c.villageCount === max ? 'full' : 'over');
      for (const v of c.villages) expect(v.townshipCode).toBe(v.code.slice(0, 9));
    }
    const wang = all.items.find((c) => c.id === counselId)!;
    expect(wang.villages.map((v) => v.code)).toContain(V1);
  });

  it('searches by name and filters by township', async () => {
    const byName = await counselList({ q: '建国' });
    expect(byName.items.map((c) => c.name)).toContain('王建国');
    for (const c of byName.items) expect(c.name).toContain('建国');
    expect((await counselList({ q: '.*' })).items).toEqual([]);

    const all = await counselList();
    const inTownship = await counselList({ townshipCode: TOWNSHIP });
    expect(idsOf(inTownship.items)).toEqual(idsOf(all.items.filter((c) => c.villages.some((v) => v.code.startsWith(TOWNSHIP)))));
    expect(idsOf(inTownship.items)).toContain(counselId);
    expect(inTownship.items.length).toBeLessThan(all.items.length);
  });

  it('filters by load, also after the county lowers its limit', async () => {
    const partition = async () => {
      const all = await counselList();
      const byLoad: Record<string, Counsel[]> = {};
      for (const load of ['free', 'full', 'over']) {
        byLoad[load] = (await counselList({ load })).items;
        expect(idsOf(byLoad[load])).toEqual(idsOf(all.items.filter((c) => c.load === load)));
      }
      expect(byLoad.free!.length + byLoad.full!.length + byLoad.over!.length).toBe(all.items.length);
      return byLoad;
    };
    await partition();
    const lowered = await call('updateCountyPolicy', {
      token: staff,
      params: { countyCode: COUNTY },
      body: { maxVillagesPerCounsel: 1, acknowledgeOverLimit: true },
    });
    expect(lowered.status).toBe(200);
    const after = await partition();
    expect(idsOf(after.over!)).toContain(counselId);
    for (const c of after.over!) expect(c.villageCount).toBeGreaterThan(1);
    const both = await counselList({ load: 'over', townshipCode: TOWNSHIP, q: '王' });
    expect(idsOf(both.items)).toContain(counselId);
  });

  it('refuses bad filters with a stable code and a Chinese message', async () => {
    for (const [query, expected] of [
      [{ load: 'busy' }, '400 VALIDATION_FAILED'],
      [{ townshipCode: '21092' }, '400 VALIDATION_FAILED'],
      [{ q: '' }, '400 VALIDATION_FAILED'],
      [{ page: '2' }, '400 VALIDATION_FAILED'],
      [{ townshipCode: '210922001' }, '404 PLACE_NOT_FOUND'],
    ] as const) {
      const res = await call('countyCounsel', { token: staff, params: { countyCode: COUNTY }, query });
      expect(errorOf(res)).toBe(expected);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('the villages to assign', () => {
  it('carries each village township name and its counsel now', async () => {
    const all = await villages();
    expect(all.total).toBe(all.items.length);
    expect(all.items.length).toBeGreaterThan(20);
    for (const v of all.items) {
      expect(v.townshipCode).toBe(v.code.slice(0, 9));
      expect(v.townshipName).toMatch(/[\u4e00-\u9fa5]/);
    }
    const v1 = all.items.find((v) => v.code === V1)!;
    expect(v1.counsel.map((c) => [c.id, c.name])).toContainEqual([counselId, '王建国']);

    const free = await villages({ hasCounsel: 'false' });
    const taken = await villages({ hasCounsel: 'true' });
    expect(free.items.every((v) => v.counsel.length === 0)).toBe(true);
    expect(taken.items.every((v) => v.counsel.length > 0)).toBe(true);
    expect(free.total + taken.total).toBe(all.total);

    const township = await villages({ townshipCode: TOWNSHIP });
    expect(township.items.length).toBeGreaterThan(0);
    expect(township.items.every((v) => v.townshipCode === TOWNSHIP)).toBe(true);
    const named = await villages({ q: v1.name });
    expect(named.items.map((v) => v.code)).toContain(V1);
  });

  it('refuses bad filters, and strangers', async () => {
    for (const [query, expected] of [
      [{ hasCounsel: 'yes' }, '400 VALIDATION_FAILED'],
      [{ townshipCode: '210922001' }, '404 PLACE_NOT_FOUND'],
    ] as const) {
      const res = await call('assignmentVillages', { token: staff, params: { countyCode: COUNTY }, query });
      expect(errorOf(res)).toBe(expected);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const counsel = (await demoLogin(stack.baseUrl, '王建国')).token;
    expect((await call('assignmentVillages', { token: counsel, params: { countyCode: COUNTY } })).status).toBe(403);
  });
});

describe('ending an assignment', () => {
  it('needs a reason, and keeps it on the record', async () => {
    const v1 = (await villages()).items.find((v) => v.code === V1)!;
    const assignmentId = v1.counsel.find((c) => c.id === counselId)!.assignmentId;
    const end = (body: unknown) => call('endAssignment', { token: staff, params: { countyCode: COUNTY, assignmentId }, body });
    for (const body of [{}, { reason: '' }, { reason: ' ' }]) {
      const res = await end(body);
      expect(errorOf(res)).toBe('400 VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const ended = await end({ reason: '顾问工作调动' });
    expect(ended.status).toBe(200);
    expect(ended.body.endReason).toBe('顾问工作调动');
    expect(ended.body.endedAt).not.toBeNull();
    const history = await call('listAssignments', { token: staff, params: { countyCode: COUNTY }, query: { villageCode: V1 } });
    const row = history.body.items.find((a: { id: string }) => a.id === assignmentId);
    expect(row.endReason).toBe('顾问工作调动');
    expect(
      history.body.items
        .filter((a: { endedAt: string | null }) => a.endedAt === null)
        .every((a: { endReason: null }) => a.endReason === null),
    ).toBe(true);
    const after = (await villages({ townshipCode: TOWNSHIP })).items.find((v) => v.code === V1)!;
    expect(after.counsel.map((c) => c.id)).not.toContain(counselId);
  });
});
