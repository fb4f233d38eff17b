/**
 * Work groups over real HTTP on the embedded database (docs/domain.md R6, R7; issue rules 1–4):
 * groups exist with their places, membership and moderation are recorded and take effect at
 * once, messages sync by a per-group sequence with no gaps or repeats, posting is idempotent,
 * personal numbers are refused and never stored, and WeChat's content check holds risky posts.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const VILLAGE = '210921001001';
const TOWNSHIP = '210921001';
const COUNTY = '210921';

function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}
const VALID_ID = residentId('21092119800101123');
const BAD_CHECKSUM_ID = VALID_ID.slice(0, 17) + (VALID_ID.endsWith('1') ? '2' : '1');

let keyCounter = 0;
const key = () => `k-${Date.now().toString(36)}-${keyCounter++}`;

const post = (who: string, text: string, clientKey = key(), groupCode = VILLAGE) =>
  call('postGroupMessage', { token: tokens[who], params: { groupCode }, body: { clientKey, text } });
const read = (who: string, after = 0, groupCode = VILLAGE, limit?: number) =>
  call('groupMessages', { token: tokens[who], params: { groupCode }, query: { after, ...(limit ? { limit } : {}) } });
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of ['group_messages', 'group_held_posts', 'group_members', 'group_actions', 'consultations'])
    result[name] = await mongoose.connection.collection(name).countDocuments();
  return result;
}

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '何春生', '王建国', '王志强', '李志强', '赵振华', '孙雅琴']) {
    const session = await demoLogin(stack.baseUrl, name);
    tokens[name] = session.token;
    ids[name] = session.user.id;
  }
});
afterAll(() => stack?.stop());

describe('rule 1: one group per village, township and county, with the places', () => {
  it('the township staff see every village group of their township, plus the township and county groups', async () => {
    const villages = await mongoose.connection.collection('places').countDocuments({ parentCode: TOWNSHIP });
    const res = await call('myGroups', { token: tokens['王志强'] });
    expect(res.status).toBe(200);
    const byTier = (tier: string) => res.body.items.filter((g: { tier: string }) => g.tier === tier);
    expect(byTier('village')).toHaveLength(villages);
    expect(byTier('village').every((g: { standing: string }) => g.standing === 'moderator')).toBe(true);
    expect(byTier('township').map((g: { code: string }) => g.code)).toEqual([TOWNSHIP]);
    expect(byTier('county').map((g: { code: string; standing: string }) => [g.code, g.standing])).toEqual([[COUNTY, 'member']]);
  });

  it('county staff see the county group they lead and every township group of the county (to join)', async () => {
    const res = await call('myGroups', { token: tokens['赵振华'] });
    const townships = await mongoose.connection.collection('places').countDocuments({ parentCode: COUNTY, level: 'township' });
    const byTier = (tier: string) => res.body.items.filter((g: { tier: string }) => g.tier === tier);
    expect(byTier('county').map((g: { standing: string }) => g.standing)).toEqual(['moderator']);
    expect(byTier('township')).toHaveLength(townships);
    expect(byTier('township').every((g: { standing: string }) => g.standing === 'can_join')).toBe(true);
  });

  it('a code that is not a place has no group', async () => {
    const res = await read('王志强', 0, '210921001999');
    expect(errorCode(res)).toBe('404 GROUP_NOT_FOUND');
  });

  it('the villager sees her village group (member) and may ask to join her township group; not the county group', async () => {
    const res = await call('myGroups', { token: tokens['林红霞'] });
    expect(res.body.items.map((g: { code: string; standing: string }) => [g.code, g.standing])).toEqual([
      [VILLAGE, 'member'],
      [TOWNSHIP, 'can_request'],
    ]);
    expect(errorCode(await read('林红霞', 0, COUNTY))).toBe('403 NOT_A_GROUP_MEMBER');
    const join = await call('joinGroup', { token: tokens['林红霞'], params: { groupCode: COUNTY }, body: {} });
    expect(errorCode(join)).toBe('403 GROUP_NOT_ELIGIBLE');
  });
});

describe('rule 2: membership and moderation, recorded and effective at once', () => {
  it('a villager asks to join, the township staff approve; she then reads and posts', async () => {
    const bind = await call('bindVillage', { token: tokens['何春生'], body: { villageCode: VILLAGE } });
    expect(bind.status).toBe(200);
    // a fresh session carries the new village grant
    tokens['何春生'] = (await demoLogin(stack.baseUrl, '何春生')).token;
    expect(errorCode(await read('何春生'))).toBe('403 NOT_A_GROUP_MEMBER');

    const join = await call('joinGroup', { token: tokens['何春生'], params: { groupCode: VILLAGE }, body: { note: '村民代表' } });
    expect(join.body).toEqual({ standing: 'pending' });
    expect(errorCode(await post('何春生', '我想问个问题'))).toBe('403 NOT_A_GROUP_MEMBER');

    // only a moderator sees and decides requests
    expect(errorCode(await call('groupMembers', { token: tokens['林红霞'], params: { groupCode: VILLAGE } }))).toBe(
      '403 NOT_A_GROUP_MODERATOR',
    );
    const pending = await call('groupMembers', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE },
      query: { standing: 'pending' },
    });
    expect(pending.body.items.map((m: { name: string; note: string }) => [m.name, m.note])).toEqual([['何春生', '村民代表']]);
    const approve = await call('decideJoinRequest', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, userId: ids['何春生']! },
      body: { decision: 'approve' },
    });
    expect(approve.body.standing).toBe('member');
    expect((await post('何春生', '谢谢，我想问宅基地的事')).status).toBe(201);
    const again = await call('decideJoinRequest', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, userId: ids['何春生']! },
      body: { decision: 'approve' },
    });
    expect(errorCode(again)).toBe('409 NO_PENDING_REQUEST');
  });

  it('a muted member reads but cannot post; unmuted posts again; a removed member loses reading at once', async () => {
    const moderate = (action: string, reason = '多次发布无关广告') =>
      call('moderateMember', {
        token: tokens['王志强'],
        params: { groupCode: VILLAGE, userId: ids['何春生']! },
        body: { action, reason },
      });
    expect((await moderate('mute')).body.standing).toBe('muted');
    expect((await read('何春生')).status).toBe(200);
    expect(errorCode(await post('何春生', '为什么不能说话'))).toBe('403 GROUP_MUTED');
    expect(errorCode(await moderate('mute'))).toBe('409 MEMBER_STATE_INVALID');
    expect((await moderate('unmute', '已认错')).body.standing).toBe('member');
    expect((await post('何春生', '我会遵守群规')).status).toBe(201);
    expect((await moderate('remove', '再次发布广告')).body.standing).toBe('removed');
    expect(errorCode(await read('何春生'))).toBe('403 NOT_A_GROUP_MEMBER');
    expect(errorCode(await post('何春生', '还在吗'))).toBe('403 NOT_A_GROUP_MEMBER');
    // a removed person may ask again; a moderator decides
    const rejoin = await call('joinGroup', { token: tokens['何春生'], params: { groupCode: VILLAGE }, body: {} });
    expect(rejoin.body).toEqual({ standing: 'pending' });
    const refuse = await call('decideJoinRequest', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, userId: ids['何春生']! },
      body: { decision: 'refuse', reason: '屡次违规' },
    });
    expect(refuse.body.standing).toBe('can_request');
    expect(errorCode(await read('何春生'))).toBe('403 NOT_A_GROUP_MEMBER');
  });

  it('moderators cannot be muted or removed; counsel (members by position) can be, and it is recorded', async () => {
    const self = await call('moderateMember', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, userId: ids['王志强']! },
      body: { action: 'mute', reason: '测试' },
    });
    expect(errorCode(self)).toBe('409 MODERATOR_PROTECTED');
    const muteCounsel = await call('moderateMember', {
      token: tokens['王志强'],
      params: { groupCode: TOWNSHIP, userId: ids['王建国']! },
      body: { action: 'mute', reason: '测试禁言' },
    });
    expect(muteCounsel.body.standing).toBe('muted');
    expect(errorCode(await post('王建国', '乡镇群发言', key(), TOWNSHIP))).toBe('403 GROUP_MUTED');
    const unmute = await call('moderateMember', {
      token: tokens['王志强'],
      params: { groupCode: TOWNSHIP, userId: ids['王建国']! },
      body: { action: 'unmute', reason: '测试结束' },
    });
    expect(unmute.body.standing).toBe('member');
  });

  it('county staff join a village group at will; the moderation record lists every action with who, when and why', async () => {
    const join = await call('joinGroup', { token: tokens['赵振华'], params: { groupCode: VILLAGE }, body: {} });
    expect(join.body).toEqual({ standing: 'member' });
    expect((await read('赵振华')).status).toBe(200);

    const log = await call('groupActions', { token: tokens['王志强'], params: { groupCode: VILLAGE } });
    const trail = [...log.body.items]
      .reverse()
      .map((a: { action: string; byName: string; targetName: string; reason: string | null }) => [
        a.action,
        a.byName,
        a.targetName,
        a.reason,
      ]);
    expect(trail).toEqual([
      ['join_request', '何春生', '何春生', '村民代表'],
      ['approve', '王志强', '何春生', null],
      ['mute', '王志强', '何春生', '多次发布无关广告'],
      ['unmute', '王志强', '何春生', '已认错'],
      ['remove', '王志强', '何春生', '再次发布广告'],
      ['join_request', '何春生', '何春生', null],
      ['refuse', '王志强', '何春生', '屡次违规'],
      ['joined', '赵振华', '赵振华', null],
    ]);
    for (const a of log.body.items) expect(Number.isNaN(Date.parse(a.at))).toBe(false);
  });

  it('member lists show masked phones only', async () => {
    const res = await call('groupMembers', { token: tokens['王志强'], params: { groupCode: VILLAGE } });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('17000000102'); // 林红霞's full number
    const lin = res.body.items.find((m: { name: string }) => m.name === '林红霞');
    expect(lin.phoneMasked).toBe('170****0102');
  });
});

describe('rule 3: per-group sequence and idempotent posting', () => {
  it('concurrent posts from several members get the numbers after the last one, with no gaps or repeats', async () => {
    const before = (await read('林红霞')).body.group.lastSeq as number;
    const writers = ['林红霞', '王建国', '王志强'];
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => post(writers[i % 3]!, `并发消息 ${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(24).fill(201));
    const seqs = results.map((r) => r.body.message.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => before + 1 + i));
  });

  it('a phone that was offline gets everything after its last seq, in order, page by page', async () => {
    const all = await read('林红霞');
    const lastSeq = all.body.group.lastSeq as number;
    expect(all.body.items.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    // offline since seq 5: pages of 7
    const got: number[] = [];
    let after = 5;
    for (;;) {
      const page = await read('林红霞', after, VILLAGE, 7);
      got.push(...page.body.items.map((m: { seq: number }) => m.seq));
      if (!page.body.hasMore) break;
      after = page.body.items.at(-1).seq;
    }
    expect(got).toEqual(Array.from({ length: lastSeq - 5 }, (_, i) => i + 6));
    expect((await read('林红霞', lastSeq)).body.items).toEqual([]);
  });

  it('a long group syncs across the storage blocks of 128 messages: every page full and in order, the last seq right', async () => {
    // a township group, so these posts do not change the village group the other tests count
    const group = TOWNSHIP;
    let last = (await read('王志强', 0, group)).body.group.lastSeq as number;
    while (last < 300) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, i) => post(i % 2 ? '王志强' : '王建国', `长群消息 ${last + i}`, key(), group)),
      );
      expect(batch.every((r) => r.status === 201)).toBe(true);
      last = (await read('王志强', last, group)).body.group.lastSeq as number;
    }
    // pages that start inside block 0 (seqs 1–127), cross into block 1 and block 2, and end exactly at a block's end
    for (const [after, limit] of [
      [100, 50],
      [120, 200],
      [0, 127],
      [127, 1],
      [250, 200],
    ] as const) {
      const page = await read('王志强', after, group, limit);
      const want = Array.from({ length: Math.min(limit, last - after) }, (_, i) => after + 1 + i);
      expect(page.body.items.map((m: { seq: number }) => m.seq)).toEqual(want);
      expect(page.body.hasMore).toBe(after + limit < last);
      expect(page.body.group.lastSeq).toBe(last);
    }
  });

  it('the same post sent five times at once (retries) is recorded once; a reused key with other text is refused', async () => {
    const clientKey = key();
    const results = await Promise.all(Array.from({ length: 5 }, () => post('林红霞', '重发的同一条消息', clientKey)));
    expect(results.every((r) => [200, 201].includes(r.status))).toBe(true);
    expect(new Set(results.map((r) => r.body.message.seq)).size).toBe(1);
    expect(await mongoose.connection.collection('group_messages').countDocuments({ clientKey })).toBe(1);
    expect(errorCode(await post('林红霞', '另一条消息', clientKey))).toBe('409 POST_KEY_REUSED');
  });
});

describe('rule 4: screening before a post is visible', () => {
  const cases: [string, string, string][] = [
    ['an ID number', `我的身份证号是${VALID_ID}，帮我查一下`, '身份证号码'],
    ['a mobile number', '有事打我电话 139 1234 5678', '手机号码'],
    ['a bank card number', '工资卡号6222021234567890128没收到钱', '银行卡号'],
  ];
  it.each(cases)('refuses %s with a Chinese explanation and stores nothing', async (_, text, label) => {
    const before = await counts();
    const res = await post('林红霞', text);
    expect(errorCode(res)).toBe('422 POST_CONTAINS_PRIVATE');
    expect(res.body.error.message).toContain(label);
    expect(res.body.error.message).toContain('私下咨询');
    expect(await counts()).toEqual(before);
    const digits = text.replace(/\D/g, '').slice(0, 11);
    for (const name of ['group_messages', 'group_held_posts']) {
      expect(await mongoose.connection.collection(name).countDocuments({ text: { $regex: digits } })).toBe(0);
    }
  });

  it('numbers that fail their checksums are not personal numbers: the post goes through', async () => {
    const res = await post('林红霞', `档案编号${BAD_CHECKSUM_ID}，流水号6222021234567890127`);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('visible');
  });

  it('risky content is held for the moderator, invisible until released, then takes the next seq', async () => {
    const res = await post('林红霞', '听说村里有人组织赌博，大家注意');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'held', message: null });
    const lastSeq = (await read('王建国')).body.group.lastSeq;
    const visible = await read('王建国');
    expect(visible.body.items.some((m: { text: string }) => m.text?.includes('赌博'))).toBe(false);

    const held = await call('heldPosts', { token: tokens['王志强'], params: { code: TOWNSHIP } });
    const item = held.body.items.find((h: { text: string }) => h.text.includes('赌博'));
    expect(item).toMatchObject({ cause: 'risky', status: 'held', authorName: '林红霞', groupCode: VILLAGE });
    // another township's staff do not moderate it
    const other = await call('heldPosts', { token: tokens['李志强'], params: { code: '210921100' } });
    expect(other.body.items.some((h: { id: string }) => h.id === item.id)).toBe(false);
    const stranger = await call('decideHeldPost', {
      token: tokens['李志强'],
      params: { code: '210921100', heldId: item.id },
      body: { decision: 'release' },
    });
    expect(errorCode(stranger)).toBe('404 HELD_POST_NOT_FOUND');

    const release = await call('decideHeldPost', {
      token: tokens['王志强'],
      params: { code: TOWNSHIP, heldId: item.id },
      body: { decision: 'release', reason: '提醒性质，可以发布' },
    });
    expect(release.body.status).toBe('released');
    const after = await read('王建国', lastSeq);
    expect(after.body.items.map((m: { seq: number; text: string }) => [m.seq, m.text])).toEqual([
      [lastSeq + 1, '听说村里有人组织赌博，大家注意'],
    ]);
    const twice = await call('decideHeldPost', {
      token: tokens['王志强'],
      params: { code: TOWNSHIP, heldId: item.id },
      body: { decision: 'release' },
    });
    expect(errorCode(twice)).toBe('409 HELD_POST_DECIDED');
  });

  it('content WeChat wants reviewed, and content it could not check, are held too; a rejected post never appears', async () => {
    expect((await post('林红霞', '明天组织集体上访吧')).status).toBe(202);
    stack.wechat!.msgSecCheckErrcode = -1;
    try {
      expect((await post('林红霞', '微信检测不可用时发的消息')).status).toBe(202);
    } finally {
      stack.wechat!.msgSecCheckErrcode = null;
    }
    const held = (await call('heldPosts', { token: tokens['王志强'], params: { code: TOWNSHIP } })).body.items;
    const causes = held.map((h: { text: string; cause: string }) => [h.text, h.cause]);
    expect(causes).toEqual(
      expect.arrayContaining([
        ['明天组织集体上访吧', 'review'],
        ['微信检测不可用时发的消息', 'check_unavailable'],
      ]),
    );
    const target = held.find((h: { text: string }) => h.text === '明天组织集体上访吧');
    const reject = await call('decideHeldPost', {
      token: tokens['王志强'],
      params: { code: TOWNSHIP, heldId: target.id },
      body: { decision: 'reject', reason: '煽动性内容' },
    });
    expect(reject.body.status).toBe('rejected');
    const all = await read('林红霞');
    expect(all.body.items.some((m: { text: string | null }) => m.text === '明天组织集体上访吧')).toBe(false);
    // the retry of a held post stays held, it is not posted twice
    stack.errors.length = 0; // the unavailable check was logged on purpose
  });
});

describe('moderating posts', () => {
  it('a moderator removes a post with a reason: members see only that it was removed; the record keeps it', async () => {
    const posted = await post('林红霞', '这条消息将被删除');
    const seq = posted.body.message.seq;
    expect(
      errorCode(
        await call('removeGroupMessage', {
          token: tokens['王建国'],
          params: { groupCode: VILLAGE, seq: String(seq) },
          body: { reason: '无关内容' },
        }),
      ),
    ).toBe('403 NOT_A_GROUP_MODERATOR');
    const removed = await call('removeGroupMessage', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, seq: String(seq) },
      body: { reason: '与本群无关' },
    });
    expect(removed.body).toMatchObject({ seq, state: 'removed', text: null });
    const synced = await read('林红霞', seq - 1);
    expect(synced.body.items[0]).toMatchObject({ seq, state: 'removed', text: null });
    const notice = synced.body.items.find((m: { kind: string; targetSeq: number }) => m.kind === 'notice' && m.targetSeq === seq);
    expect(notice.text).toContain('与本群无关');
    expect(notice.targetState).toBe('removed'); // phones read the state, not the wording
    const stored = await mongoose.connection.collection('group_messages').findOne({ groupCode: VILLAGE, seq });
    expect(stored?.text).toBe('这条消息将被删除');
    const again = await call('removeGroupMessage', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, seq: String(seq) },
      body: { reason: '再删一次' },
    });
    expect(errorCode(again)).toBe('409 MESSAGE_ALREADY_REMOVED');
    const missing = await call('removeGroupMessage', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, seq: '999999' },
      body: { reason: '不存在' },
    });
    expect(errorCode(missing)).toBe('404 MESSAGE_NOT_FOUND');
  });

  it('the counsel takes a post that reveals private matters private: the group sees only that it was taken private', async () => {
    const posted = await post('林红霞', '我家和邻居因为宅基地打起来了，对方把我家墙推了，怎么办');
    const seq = posted.body.message.seq as number;
    // only the village's counsel may do it
    const byStaff = await call('takeMessagePrivate', {
      token: tokens['王志强'],
      params: { groupCode: VILLAGE, seq: String(seq) },
    });
    expect(errorCode(byStaff)).toBe('403 TAKE_PRIVATE_NOT_COUNSEL');
    const taken = await call('takeMessagePrivate', { token: tokens['王建国'], params: { groupCode: VILLAGE, seq: String(seq) } });
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ source: 'group', handlerName: '王建国', askerName: '林红霞', tier: 'village' });
    expect(taken.body.question).toContain('宅基地');

    const synced = await read('赵振华', seq - 1);
    expect(synced.body.items[0]).toMatchObject({ seq, state: 'private', text: null });
    expect(JSON.stringify(synced.body)).not.toContain('宅基地');
    expect(synced.body.items.find((m: { targetSeq: number | null }) => m.targetSeq === seq)).toMatchObject({
      kind: 'notice',
      targetState: 'private',
    });
    const mine = await call('myConsultations', { token: tokens['林红霞'] });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(taken.body.id);
    const twice = await call('takeMessagePrivate', { token: tokens['王建国'], params: { groupCode: VILLAGE, seq: String(seq) } });
    expect(errorCode(twice)).toBe('409 MESSAGE_ALREADY_REMOVED');
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['an empty post', { clientKey: 'empty-post-1', text: '' }],
    ['a blank post', { clientKey: 'blank-post-1', text: '   \n ' }],
    ['an oversized post', { clientKey: 'huge-post-1', text: '长'.repeat(1001) }],
    ['a bad client key', { clientKey: 'x', text: '你好' }],
    ['an operator', { clientKey: 'op-post-0001', text: { $ne: null } }],
  ])('%s', async (_, body) => {
    const before = await counts();
    const res = await call('postGroupMessage', { token: tokens['林红霞'], params: { groupCode: VILLAGE }, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await counts()).toEqual(before);
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
