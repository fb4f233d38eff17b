import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
let countyStaff: string;
const db = () => mongoose.connection;
const COUNTY = '210921';

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  countyStaff = (await demoLogin(stack.baseUrl, '赵振华')).token;
});
afterAll(() => stack?.stop());

async function counselByName(name: string) {
  const list = await call('countyCounsel', { token: countyStaff, params: { countyCode: COUNTY } });
  const found = list.body.items.find((c: { name: string }) => c.name === name);
  if (!found) throw new Error(`no counsel ${name}`);
  return found as { id: string; villages: { code: string }[] };
}

/** villages of the county that this counsel does not serve yet */
async function otherVillages(exclude: string[], n: number): Promise<string[]> {
  const rows = await db()
    .collection('places')
    .find({ level: 'village', countyCode: COUNTY, code: { $nin: exclude } })
    .limit(n)
    .toArray();
  return rows.map((r) => r.code as string);
}

describe('assigning counsel to villages (R1: at most 5 villages per counsel)', () => {
  it('assigns up to the limit, refuses the 6th with a clear Chinese message, and changes nothing', async () => {
    const counsel = await counselByName('王建国');
    const served = counsel.villages.map((v) => v.code);
    expect(served).toHaveLength(3);
    const [v4, v5, v6] = await otherVillages(served, 3);
    for (const villageCode of [v4!, v5!]) {
      const res = await call('assignCounsel', {
        token: countyStaff,
        params: { countyCode: COUNTY },
        body: { counselId: counsel.id, villageCode },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ counselId: counsel.id, villageCode, endedAt: null, counselName: '王建国' });
    }
    const before = await db().collection('counsel_assignments').countDocuments();
    const sixth = await call('assignCounsel', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      body: { counselId: counsel.id, villageCode: v6! },
    });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('COUNSEL_VILLAGE_LIMIT');
    expect(sixth.body.error.message).toContain('最多服务 5 个村');
    expect(await db().collection('counsel_assignments').countDocuments()).toBe(before);
    expect((await counselByName('王建国')).villages).toHaveLength(5);
    const seats = await db()
      .collection('counsel_assignments')
      .distinct('activeSlot', { counselId: new mongoose.Types.ObjectId(counsel.id), endedAt: null });
    expect(seats.sort()).toEqual(['slot-1', 'slot-2', 'slot-3', 'slot-4', 'slot-5']);
  });

  it('lets only one of several concurrent assignments take the last free slot', async () => {
    const counsel = await counselByName('李建国');
    const served = counsel.villages.map((v) => v.code);
    const [v4] = await otherVillages(served, 1);
    await call('assignCounsel', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      body: { counselId: counsel.id, villageCode: v4! },
    });
    const candidates = await otherVillages([...served, v4!], 6);
    const results = await Promise.all(
      candidates.map((villageCode) =>
        call('assignCounsel', {
          token: countyStaff,
          params: { countyCode: COUNTY },
          body: { counselId: counsel.id, villageCode },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(candidates.length - 1);
    const active = await db()
      .collection('counsel_assignments')
      .countDocuments({ counselId: new mongoose.Types.ObjectId(counsel.id), endedAt: null });
    expect(active).toBe(5);
  });

  it('refuses assigning the same village twice, a village of another county and an unknown counsel', async () => {
    const counsel = await counselByName('张建国');
    const served = counsel.villages[0]!.code;
    const twice = await call('assignCounsel', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      body: { counselId: counsel.id, villageCode: served },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_ASSIGNED');
    const elsewhere = await call('assignCounsel', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      body: { counselId: counsel.id, villageCode: '210922100201' },
    });
    expect(elsewhere.status).toBe(404);
    const nobody = await call('assignCounsel', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      body: { counselId: '0123456789abcdef01234567', villageCode: served },
    });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('COUNSEL_NOT_FOUND');
  });

  it('ends an assignment with a reason, keeps the record, frees the slot, and refuses ending it twice', async () => {
    const counsel = await counselByName('王建国');
    const list = await call('listAssignments', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      query: { counselId: counsel.id },
    });
    const target = list.body.items.find((a: { endedAt: string | null }) => a.endedAt === null);
    const ended = await call('endAssignment', {
      token: countyStaff,
      params: { countyCode: COUNTY, assignmentId: target.id },
      body: { reason: '顾问工作调动' },
    });
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).not.toBeNull();
    const stored = await db()
      .collection('counsel_assignments')
      .findOne({ _id: new mongoose.Types.ObjectId(target.id) });
    expect(stored).toMatchObject({ endReason: '顾问工作调动', villageCode: target.villageCode });
    expect(String(stored?.endedBy)).toMatch(/^[a-f0-9]{24}$/);
    const again = await call('endAssignment', {
      token: countyStaff,
      params: { countyCode: COUNTY, assignmentId: target.id },
      body: { reason: '重复操作' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ASSIGNMENT_ENDED');
    // the slot is free again, and the ended record is still listed
    const [free] = await otherVillages(
      counsel.villages.map((v) => v.code),
      1,
    );
    const reassigned = await call('assignCounsel', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      body: { counselId: counsel.id, villageCode: free! },
    });
    expect(reassigned.status).toBe(201);
    const history = await call('listAssignments', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      query: { counselId: counsel.id },
    });
    expect(history.body.items.some((a: { id: string; endedAt: string | null }) => a.id === target.id && a.endedAt)).toBe(true);
  });

  it('applies a stricter county limit and records who changed the policy', async () => {
    const updated = await call('updateCountyPolicy', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      // 王建国 and 李建国 serve 5 by now: lowering it below that is acknowledged (county-policy-limit.test.ts)
      body: { maxVillagesPerCounsel: 3, acknowledgeOverLimit: true },
    });
    expect(updated.body.maxVillagesPerCounsel).toBe(3);
    const counsel = await counselByName('刘建国');
    const [extra] = await otherVillages(
      counsel.villages.map((v) => v.code),
      1,
    );
    const refused = await call('assignCounsel', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      body: { counselId: counsel.id, villageCode: extra! },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('最多服务 3 个村');
    expect(await db().collection('county_policy_changes').countDocuments({ countyCode: COUNTY })).toBe(1);
    await call('updateCountyPolicy', { token: countyStaff, params: { countyCode: COUNTY }, body: { maxVillagesPerCounsel: 5 } });

    const history = await call('countyPolicyHistory', { token: countyStaff, params: { countyCode: COUNTY } });
    expect(history.status).toBe(200);
    // newest first, each change as it was asked for, with who made it
    expect(history.body.items.slice(0, 2).map((c: { changes: unknown }) => c.changes)).toEqual([
      { maxVillagesPerCounsel: 5 },
      { maxVillagesPerCounsel: 3 },
    ]);
    expect(history.body.items[0].byName).toBe('赵振华');
    expect(Date.parse(history.body.items[0].at)).toBeGreaterThanOrEqual(Date.parse(history.body.items[1].at));
    const other = await call('countyPolicyHistory', { token: countyStaff, params: { countyCode: '210922' } });
    expect(other.status).toBe(403);
  });
});

describe('village notice board (R11)', () => {
  it('shows the counsel with a masked phone, duties, hours, the 3 + X services, supervision phone and 12348', async () => {
    const { token } = await demoLogin(stack.baseUrl, '林红霞');
    const res = await call('noticeBoard', { token, params: { villageCode: '210921001001' } });
    expect(res.status).toBe(200);
    const board = res.body;
    expect(board.village).toEqual({
      code: '210921001001',
      name: '富民社区',
      townshipName: '城区街道',
      countyName: '阜新蒙古族自治县',
    });
    expect(board.counsel.length).toBeGreaterThanOrEqual(1);
    const card = board.counsel[0];
    expect(card.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(card.duties.length).toBeGreaterThan(3);
    expect(card.onSiteHours).toMatch(/\d/);
    expect(board.services.basic).toEqual(['法律援助', '人民调解', '法律咨询']);
    expect(board.services.extended).toContain('公证服务');
    expect(board.hotline).toBe('12348');
    expect(board.supervisionPhone).toBeTruthy();
    const phones = await db()
      .collection('users')
      .find({ 'roles.role': 'counsel' }, { projection: { phone: 1 } })
      .toArray();
    const text = JSON.stringify(board);
    for (const { phone } of phones) expect(text).not.toContain(phone); // no full number anywhere
  });

  it("a counsel who wrote no hours shows the county's own monthly target, not the national 4 hours", async () => {
    const villager = await demoLogin(stack.baseUrl, '林红霞');
    const before = await call('noticeBoard', { token: villager.token, params: { villageCode: '210921001001' } });
    const counselId = new mongoose.Types.ObjectId(before.body.counsel[0].id);
    const users = db().collection('users');
    const { counselProfile } = (await users.findOne({ _id: counselId }))!;
    await users.updateOne({ _id: counselId }, { $set: { 'counselProfile.onSiteHours': '' } });
    try {
      await call('updateCountyPolicy', {
        token: countyStaff,
        params: { countyCode: COUNTY },
        body: { minOnSiteHoursPerMonth: 6 },
      });
      const board = await call('noticeBoard', { token: villager.token, params: { villageCode: '210921001001' } });
      expect(board.body.counsel[0].onSiteHours).toContain('不少于6小时');
      await call('updateCountyPolicy', {
        token: countyStaff,
        params: { countyCode: COUNTY },
        body: { minOnSiteHoursPerMonth: 4 },
      });
      const back = await call('noticeBoard', { token: villager.token, params: { villageCode: '210921001001' } });
      expect(back.body.counsel[0].onSiteHours).toContain('不少于4小时');
    } finally {
      await users.updateOne({ _id: counselId }, { $set: { counselProfile } });
    }
  });

  it('reveals the full number for tap-to-call only to people of that village, and records each reveal', async () => {
    const villager = await demoLogin(stack.baseUrl, '林红霞');
    const board = await call('noticeBoard', { token: villager.token, params: { villageCode: '210921001001' } });
    const counselId = board.body.counsel[0].id;
    const contact = await call('counselContact', { token: villager.token, params: { villageCode: '210921001001', counselId } });
    expect(contact.status).toBe(200);
    expect(contact.body.phone).toMatch(/^1\d{10}$/);
    expect(contact.body.phone.slice(-4)).toBe(board.body.counsel[0].phoneMasked.slice(-4));
    expect(
      await db()
        .collection('contact_reveals')
        .countDocuments({ counselId: new mongoose.Types.ObjectId(counselId) }),
    ).toBe(1);

    const outsider = await demoLogin(stack.baseUrl, '何春生'); // not bound to this village
    const refused = await call('counselContact', { token: outsider.token, params: { villageCode: '210921001001', counselId } });
    expect(refused.status).toBe(403);
    expect(
      await db()
        .collection('contact_reveals')
        .countDocuments({ counselId: new mongoose.Types.ObjectId(counselId) }),
    ).toBe(1);

    const notServing = await call('counselContact', {
      token: villager.token,
      params: { villageCode: '210921001001', counselId: '0123456789abcdef01234567' },
    });
    expect(notServing.status).toBe(404);
    expect(notServing.body.error.code).toBe('COUNSEL_NOT_IN_VILLAGE');
  });
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
