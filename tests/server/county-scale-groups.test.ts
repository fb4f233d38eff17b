/**
 * Screens that work at county scale (issue 14 item 5), the groups half: a member list searched by
 * name and read in pages (a 300-person group), in database commands that do not grow with the page;
 * mutes with a duration that end by themselves when the member next posts, on record.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { createDemoStaff } from '../../server/src/modules/users/queries';

const VILLAGE = '210921001001';
const COUNTY = '210921';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack({ seedDemo: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王志强', '赵振华']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    ids[name] = session.user.id;
  }
});
afterAll(() => stack?.stop());

const errorOf = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
let keys = 0;
const post = (who: string, text: string, groupCode = VILLAGE) =>
  call('postGroupMessage', { token: tokens[who], params: { groupCode }, body: { clientKey: `county-scale-${keys++}`, text } });
const members = (query: Record<string, string | number>, groupCode = COUNTY, who = '赵振华') =>
  call('groupMembers', { token: tokens[who], params: { groupCode }, query });

describe('member list: search and pages', () => {
  let before = 0;
  beforeAll(async () => {
    before = (await members({})).body.items.length;
    // 300 more counsel of the county: members of the county group by position
    await createDemoStaff(
      COUNTY,
      Array.from({ length: 300 }, (_, i) => ({
        openid: `cs:counsel-${i}`,
        name: i < 3 ? ['Anna Li', 'ANNABEL', 'a.b 律师'][i]! : `规模顾问${String(i).padStart(3, '0')}`,
        phone: `171${String(10000000 + i)}`,
        roles: [{ role: 'counsel' as const, placeCode: COUNTY }],
      })),
    );
  });

  it('without limit or offset answers the whole list as before, with its total', async () => {
    const all = await members({});
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(before + 300);
    expect(all.body.total).toBe(before + 300);
    expect(all.body.next).toBeNull();
  });

  it('pages a 300-person group: default 50, next offsets, no one twice or left out', async () => {
    const first = await members({ offset: 0 });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(50);
    expect(first.body.total).toBe(before + 300);
    expect(first.body.next).toBe(50);
    const seen: string[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const page: Reply = await members({ limit: 120, offset });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((m: { userId: string }) => m.userId));
      offset = page.body.next;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil((before + 300) / 120));
    expect(seen).toHaveLength(before + 300);
    expect(new Set(seen).size).toBe(before + 300);
  });

  it('searches names case-insensitively, taking the text literally (no pattern)', async () => {
    const anna = await members({ q: 'anna' });
    expect(anna.body.items.map((m: { name: string }) => m.name).sort()).toEqual(['ANNABEL', 'Anna Li']);
    expect(anna.body.total).toBe(2);
    const dot = await members({ q: 'a.b' });
    expect(dot.body.items.map((m: { name: string }) => m.name)).toEqual(['a.b 律师']);
    const star = await members({ q: '.*' });
    expect(star.body.items).toEqual([]);
    expect(star.body.total).toBe(0);
    const scale = await members({ q: '规模顾问', limit: 10, offset: 290 });
    expect(scale.body.total).toBe(297);
    expect(scale.body.items).toHaveLength(7);
    expect(scale.body.next).toBeNull();
  });

  it('costs the same database commands for a page of 5 and a page of 200', async () => {
    const counted = async (limit: number) => {
      let reply: Reply | undefined;
      const commands = await stack.commandsDuring(async () => {
        reply = await members({ limit, offset: 0 });
      });
      expect(reply!.status).toBe(200);
      expect(reply!.body.items).toHaveLength(limit);
      return commands;
    };
    const small = await counted(5);
    const large = await counted(200);
    expect(large).toEqual(small);
    expect(large.filter((c) => c.startsWith('getMore'))).toEqual([]);
  });

  it('refuses bad paging and search input with 400 and a Chinese message', async () => {
    const bad: Record<string, string | number>[] = [
      { limit: 0 },
      { limit: 201 },
      { offset: -1 },
      { limit: 'abc' },
      { q: '' },
      { q: '长'.repeat(31) },
    ];
    for (const query of bad) {
      const res = await members(query);
      expect(errorOf(res)).toBe('400 VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('mute with a duration', () => {
  const moderate = (body: Record<string, unknown>) =>
    call('moderateMember', { token: tokens['王志强'], params: { groupCode: VILLAGE, userId: ids['林红霞']! }, body });

  it('refuses a duration outside 1, 3, 7, 30 days, and on anything but a mute', async () => {
    for (const body of [
      { action: 'mute', reason: '测试禁言', days: 2 },
      { action: 'mute', reason: '测试禁言', days: '7' },
      { action: 'remove', reason: '测试移出', days: 7 },
    ]) {
      const res = await moderate(body);
      expect(errorOf(res)).toBe('400 VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await post('林红霞', '还能发言吗')).status).toBe(201);
  });

  it('a 3-day mute stops posting, shows its end, and is lifted by time alone', async () => {
    const at = Date.now();
    const muted = await moderate({ action: 'mute', reason: '发布与工作无关的广告', days: 3 });
    expect(muted.status).toBe(200);
    expect(muted.body.standing).toBe('muted');
    const until = Date.parse(muted.body.mutedUntil);
    expect(until - at).toBeGreaterThanOrEqual(3 * 86400_000 - 1000);
    expect(until - at).toBeLessThan(3 * 86400_000 + 60_000);

    expect(errorOf(await post('林红霞', '禁言中发言'))).toBe('403 GROUP_MUTED');
    const list = await members({ standing: 'muted' }, VILLAGE, '王志强');
    const row = list.body.items.find((m: { userId: string }) => m.userId === ids['林红霞']);
    expect(row.standing).toBe('muted');
    expect(row.mutedUntil).toBe(muted.body.mutedUntil);

    // three days pass (the record's end moves into the past; nobody unmutes)
    await mongoose.connection
      .collection('group_members')
      .updateOne(
        { groupCode: VILLAGE, userId: new mongoose.Types.ObjectId(ids['林红霞']) },
        { $set: { mutedUntil: new Date(Date.now() - 1000) } },
      );
    expect((await post('林红霞', '禁言期满后发言')).status).toBe(201);
    const after = await members({ q: '林红霞' }, VILLAGE, '王志强');
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0].standing).toBe('member');
    expect(after.body.items[0].mutedUntil).toBeNull();
    // an ended mute cannot be "unmuted"; it can be muted again, this time until unmuted
    expect(errorOf(await moderate({ action: 'unmute', reason: '解除禁言' }))).toBe('409 MEMBER_STATE_INVALID');
    const again = await moderate({ action: 'mute', reason: '再次发广告' });
    expect(again.body.standing).toBe('muted');
    expect(again.body.mutedUntil).toBeNull();
    expect(errorOf(await post('林红霞', '无限期禁言中'))).toBe('403 GROUP_MUTED');

    // the decisions stay on the group's record, the first with its end
    const log = await call('groupActions', { token: tokens['王志强'], params: { groupCode: VILLAGE } });
    const mutes = log.body.items.filter(
      (a: { action: string; targetUserId: string }) => a.action === 'mute' && a.targetUserId === ids['林红霞'],
    );
    expect(mutes.map((a: { reason: string }) => a.reason)).toEqual(['再次发广告', '发布与工作无关的广告']);
    expect(mutes[0].until).toBeNull();
    expect(mutes[1].until).toBe(muted.body.mutedUntil);

    const unmute = await moderate({ action: 'unmute', reason: '已整改' });
    expect(unmute.body.standing).toBe('member');
    expect((await post('林红霞', '解除后发言')).status).toBe(201);
  });
});
