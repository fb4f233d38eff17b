/**
 * The monthly inspection of village groups over real HTTP on the embedded database (issue 16
 * item 6): the draw (stored on the first read, the same on every later and concurrent read, its
 * size following the county setting), the facts for the inspector, one record per drawn group and
 * who may make it, the coverage figures, and reads whose command count does not grow with the draw.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const COUNTY = '210921';
const TOWNSHIP = '210921001'; // 城区街道, 王志强's
const OTHER_TOWNSHIP = '210921100'; // 阜新镇, 李志强's
const VILLAGE = '210921001001'; // 林红霞's
/** the county's village groups (one per village of the division data) and 城区街道's */
const VILLAGE_GROUPS = 390;
const TOWNSHIP_GROUPS = 10;

let keyCounter = 0;
const key = () => `in-${Date.now().toString(36)}-${keyCounter++}`;
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const count = (name: string, filter: Record<string, unknown> = {}) => mongoose.connection.collection(name).countDocuments(filter);
const thisMonth = () =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());

type Item = {
  id: string;
  groupCode: string;
  townshipCode: string;
  groupName: string;
  facts: Record<string, number>;
  record: unknown;
};
const countyList = (who: string, month?: string) =>
  call('countyInspections', { token: tokens[who], params: { countyCode: COUNTY }, query: month ? { month } : {} });
const townshipList = (who: string, townshipCode: string, month?: string) =>
  call('townshipInspections', { token: tokens[who], params: { townshipCode }, query: month ? { month } : {} });
const coverage = (who: string, month?: string) =>
  call('inspectionCoverage', { token: tokens[who], params: { countyCode: COUNTY }, query: month ? { month } : {} });
const record = (who: string, inspectionId: string, body: Record<string, unknown>) =>
  call('recordInspection', { token: tokens[who], params: { inspectionId }, body });
const setShare = async (inspectionSharePercent: number) => {
  const res = await call('updateCountyPolicy', {
    token: tokens['赵振华'],
    params: { countyCode: COUNTY },
    body: { inspectionSharePercent },
  });
  expect(res.status).toBe(200);
};
const clean = { active: true, privateDataFound: false, improperContentFound: false };

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王志强', '李志强', '赵振华']) tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

describe('the draw', () => {
  it('takes the county’s share of its village groups, rounded up, on the first read, and never changes', async () => {
    await setShare(10);
    const first = await countyList('赵振华', '2026-01');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      month: '2026-01',
      countyCode: COUNTY,
      sharePercent: 10,
      villageGroups: VILLAGE_GROUPS,
      drawn: 39,
    });
    expect(first.body.items).toHaveLength(39);
    const codes = first.body.items.map((i: Item) => i.groupCode);
    expect(new Set(codes).size).toBe(39);
    for (const code of codes) expect(code).toMatch(/^210921\d{6}$/);
    // a changed setting draws the next month differently, and leaves the month already drawn alone
    await setShare(50);
    const again = await countyList('赵振华', '2026-01');
    expect(again.body.items.map((i: Item) => [i.id, i.groupCode])).toEqual(
      first.body.items.map((i: Item) => [i.id, i.groupCode]),
    );
    expect(again.body.sharePercent).toBe(10);
    const next = await countyList('赵振华', '2026-02');
    expect(next.body).toMatchObject({ sharePercent: 50, drawn: 195 });
    expect(await count('inspections', { countyCode: COUNTY, month: '2026-01' })).toBe(39);
    expect(await count('inspection_draws', { countyCode: COUNTY })).toBe(2);
  });

  it('draws once when many first reads arrive at once, by county and township staff alike', async () => {
    await setShare(20);
    const reads = await Promise.all([
      ...Array.from({ length: 4 }, () => countyList('赵振华', '2025-06')),
      townshipList('王志强', TOWNSHIP, '2025-06'),
      townshipList('李志强', OTHER_TOWNSHIP, '2025-06'),
    ]);
    for (const r of reads) expect(r.status).toBe(200);
    const county = reads.slice(0, 4).map((r) => JSON.stringify(r.body.items.map((i: Item) => [i.id, i.groupCode])));
    expect(new Set(county).size).toBe(1);
    expect(reads[0].body.drawn).toBe(78);
    expect(await count('inspection_draws', { countyCode: COUNTY, month: '2025-06' })).toBe(1);
    expect(await count('inspections', { countyCode: COUNTY, month: '2025-06' })).toBe(78);
    // a township's staff see their township's part of the same draw
    const all = reads[0].body.items as Item[];
    for (const [r, township] of [
      [reads[4]!, TOWNSHIP],
      [reads[5]!, OTHER_TOWNSHIP],
    ] as const) {
      expect(r.body.drawn).toBe(78);
      expect(r.body.items.map((i: Item) => i.id)).toEqual(all.filter((i) => i.townshipCode === township).map((i) => i.id));
    }
  });

  it('refuses a month yet to come, and malformed months, drawing nothing', async () => {
    const before = await count('inspection_draws');
    expect(errorCode(await countyList('赵振华', '2099-01'))).toBe('400 INSPECTION_MONTH_FUTURE');
    expect(errorCode(await countyList('赵振华', '2026-13'))).toBe('400 VALIDATION_FAILED');
    expect(errorCode(await coverage('赵振华', '2099-01'))).toBe('400 INSPECTION_MONTH_FUTURE');
    expect(await count('inspection_draws')).toBe(before);
  });

  it('is read by the county’s staff for the county, by a township’s staff for their township only', async () => {
    expect(errorCode(await countyList('王志强'))).toBe('403 FORBIDDEN');
    expect(errorCode(await townshipList('王志强', OTHER_TOWNSHIP))).toBe('403 OUT_OF_JURISDICTION');
    expect(errorCode(await townshipList('林红霞', TOWNSHIP))).toBe('403 FORBIDDEN');
    expect(errorCode(await coverage('王志强'))).toBe('403 FORBIDDEN');
    expect((await townshipList('赵振华', TOWNSHIP, '2026-01')).status).toBe(200);
  });
});

describe('the month’s facts, records and coverage', () => {
  let items: Item[];
  const inTownship = (code: string) => items.filter((i) => i.townshipCode === code);

  let factsBefore: Record<string, number>;
  beforeAll(async () => {
    await setShare(100);
    // the demo data may have posted this month already: the facts are compared with a read before
    const first = await countyList('赵振华');
    expect(first.status).toBe(200);
    factsBefore = (first.body.items as Item[]).find((i) => i.groupCode === VILLAGE)!.facts;
    // the month's activity in 林红霞's village group: two posts, one removed, one reported
    const post = (text: string) =>
      call('postGroupMessage', { token: tokens['林红霞'], params: { groupCode: VILLAGE }, body: { clientKey: key(), text } });
    const a = await post('村里的路灯坏了，谁能帮忙报修一下？');
    const b = await post('下周二上午村委会有法律讲座，欢迎参加。');
    expect([a.status, b.status]).toEqual([201, 201]);
    const removed = await call('removeGroupMessage', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, seq: String(a.body.message.seq) },
      body: { reason: '与本群工作无关' },
    });
    expect(removed.status).toBe(200);
    const reported = await call('reportGroupMessage', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, seq: String(b.body.message.seq) },
      body: { reason: 'fraud', text: '核实一下' },
    });
    expect(reported.status).toBe(201);
    const list = await countyList('赵振华');
    expect(list.body).toMatchObject({ month: thisMonth(), sharePercent: 100, drawn: VILLAGE_GROUPS });
    items = list.body.items;
  });

  it('shows each drawn group with its names and the month’s facts', () => {
    const village = items.find((i) => i.groupCode === VILLAGE)!;
    expect(village).toMatchObject({ townshipCode: TOWNSHIP, townshipName: '城区街道', record: null });
    expect(village.groupName).toMatch(/工作群$/);
    expect(village.facts).toEqual({
      ...factsBefore,
      posts: factsBefore.posts! + 2,
      removedPosts: factsBefore.removedPosts! + 1,
      reports: factsBefore.reports! + 1,
    });
    expect(items.find((i) => i.groupCode === '210921001002')!.facts.posts).toBe(0);
    expect(inTownship(TOWNSHIP)).toHaveLength(TOWNSHIP_GROUPS);
  });

  it('records once, by the group’s township staff or the county’s; refuses others and bad input, writing nothing', async () => {
    const mine = inTownship(TOWNSHIP);
    const before = await count('inspection_records');
    const refused = await record('李志强', mine[0]!.id, clean);
    expect(errorCode(refused)).toBe('403 OUT_OF_JURISDICTION');
    expect(errorCode(await record('林红霞', mine[0]!.id, clean))).toBe('403 FORBIDDEN');
    expect(errorCode(await record('王志强', mine[0]!.id, { ...clean, active: 'yes' }))).toBe('400 VALIDATION_FAILED');
    expect(errorCode(await record('王志强', mine[0]!.id, { ...clean, extra: 1 }))).toBe('400 VALIDATION_FAILED');
    const tooLong = await record('王志强', mine[0]!.id, { ...clean, notes: '长'.repeat(501) });
    expect(errorCode(tooLong)).toBe('400 VALIDATION_FAILED');
    expect(JSON.stringify(tooLong.body)).toContain('不能超过500个字');
    const noAction = await record('王志强', mine[0]!.id, { ...clean, privateDataFound: true, actionTaken: '  ' });
    expect(errorCode(noAction)).toBe('400 INSPECTION_ACTION_REQUIRED');
    expect(noAction.body.error.message).toContain('处理措施');
    expect(errorCode(await record('王志强', '0123456789abcdef01234567', clean))).toBe('404 INSPECTION_NOT_FOUND');
    expect(await count('inspection_records')).toBe(before);

    const done = await record('王志强', mine[0]!.id, {
      active: true,
      privateDataFound: true,
      improperContentFound: false,
      actionTaken: '已将含身份证号的消息转为私下，并提醒发布人',
      notes: '群内交流正常',
    });
    expect(done.status).toBe(201);
    expect(done.body.record).toMatchObject({
      active: true,
      privateDataFound: true,
      actionTaken: '已将含身份证号的消息转为私下，并提醒发布人',
      notes: '群内交流正常',
      byName: '王志强',
      byRole: '司法所工作人员',
    });
    const second = await record('赵振华', mine[0]!.id, clean);
    expect(errorCode(second)).toBe('409 INSPECTION_ALREADY_RECORDED');
    // two records of one group at once: one is stored
    const racing = await Promise.all([
      record('王志强', mine[1]!.id, clean),
      record('赵振华', mine[1]!.id, { ...clean, notes: '县司法局同时记录' }),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count('inspection_records')).toBe(before + 2);
    // the record stays as first made
    const after = (await townshipList('王志强', TOWNSHIP)).body.items as Item[];
    expect(after.find((i) => i.id === mine[0]!.id)!.record).toMatchObject({ privateDataFound: true, byName: '王志强' });
  });

  it('counts coverage per township and for the county exactly', async () => {
    const other = inTownship(OTHER_TOWNSHIP);
    expect((await record('赵振华', other[0]!.id, { ...clean, active: false })).status).toBe(201);
    expect(
      (
        await record('李志强', other[1]!.id, {
          active: true,
          privateDataFound: false,
          improperContentFound: true,
          actionTaken: '已删除',
        })
      ).status,
    ).toBe(201);
    const res = await coverage('赵振华');
    expect(res.status).toBe(200);
    expect(res.body.month).toBe(thisMonth());
    // 城区街道: the two recorded above (one with private data found); 阜新镇: one inactive, one with improper content
    expect(res.body.total).toEqual({ drawn: VILLAGE_GROUPS, inspected: 4, active: 3, withProblems: 2 });
    const byCode = new Map(res.body.townships.map((t: { townshipCode: string }) => [t.townshipCode, t]));
    expect(byCode.get(TOWNSHIP)).toEqual({
      townshipCode: TOWNSHIP,
      townshipName: '城区街道',
      drawn: TOWNSHIP_GROUPS,
      inspected: 2,
      active: 2,
      withProblems: 1,
    });
    expect(byCode.get(OTHER_TOWNSHIP)).toMatchObject({ drawn: other.length, inspected: 2, active: 1, withProblems: 1 });
    const sum = res.body.townships.reduce((n: number, t: { drawn: number }) => n + t.drawn, 0);
    expect(sum).toBe(VILLAGE_GROUPS);
    // another month's coverage is its own
    expect((await coverage('赵振华', '2026-01')).body.total).toEqual({ drawn: 39, inspected: 0, active: 0, withProblems: 0 });
  });
});

describe('database commands', () => {
  /** The commands of one successful request. */
  async function measure(send: () => Promise<Reply>): Promise<string[]> {
    let reply: Reply | undefined;
    const commands = await stack.commandsDuring(async () => {
      reply = await send();
    });
    expect(reply!.status).toBe(200);
    return commands.sort();
  }

  it('do not grow with the number of groups drawn, on the first read or later ones', async () => {
    await countyList('赵振华'); // names remembered, as in a running server
    await setShare(1);
    const smallFirst = await measure(() => countyList('赵振华', '2024-01'));
    const smallAgain = await measure(() => countyList('赵振华', '2024-01'));
    const smallCoverage = await measure(() => coverage('赵振华', '2024-01'));
    await setShare(100);
    const largeFirst = await measure(() => countyList('赵振华', '2024-02'));
    const largeAgain = await measure(() => countyList('赵振华', '2024-02'));
    const largeCoverage = await measure(() => coverage('赵振华', '2024-02'));
    expect((await countyList('赵振华', '2024-01')).body.drawn).toBe(4);
    expect((await countyList('赵振华', '2024-02')).body.drawn).toBe(VILLAGE_GROUPS);
    expect(largeFirst).toEqual(smallFirst);
    expect(largeAgain).toEqual(smallAgain);
    expect(largeCoverage).toEqual(smallCoverage);
    expect(smallAgain.length).toBeLessThan(smallFirst.length);
  });
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
