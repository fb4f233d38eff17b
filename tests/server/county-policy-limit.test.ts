/**
 * A county lowers its villages-per-counsel limit below what its counsel serve now (issue 15 item 9).
 * The demo county gives each counsel three villages. Lowering the limit to 2 is refused unless the
 * editor acknowledges the counsel it leaves over (409 COUNSEL_OVER_NEW_LIMIT, listed in `details`);
 * acknowledged, the limit changes, no assignment ends, the policy (PUT and GET) lists the counsel
 * over it, the history records whom the editor knowingly left over, and new assignments beyond
 * the limit in force are refused.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
let countyStaff: string;
const COUNTY = '210921';
const db = () => mongoose.connection;

interface Counsel {
  id: string;
  name: string;
  villages: { code: string }[];
}
interface Over {
  counselId: string;
  name: string;
  villagesServed: number;
  limit: number;
}

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  countyStaff = (await demoLogin(stack.baseUrl, '赵振华')).token;
});
afterAll(() => stack?.stop());

const putPolicy = (body: Record<string, unknown>) =>
  call('updateCountyPolicy', { token: countyStaff, params: { countyCode: COUNTY }, body });
const getPolicy = () => call('countyPolicy', { token: countyStaff, params: { countyCode: COUNTY } });
const activeAssignments = () => db().collection('counsel_assignments').countDocuments({ countyCode: COUNTY, endedAt: null });
const policyChanges = () => db().collection('county_policy_changes').countDocuments({ countyCode: COUNTY });

async function counselOfCounty(): Promise<Counsel[]> {
  const list = await call('countyCounsel', { token: countyStaff, params: { countyCode: COUNTY } });
  expect(list.status).toBe(200);
  return list.body.items as Counsel[];
}

/** What the server must list for this limit: everyone serving more villages, most first (then by id). */
function expectedOver(counsel: Counsel[], limit: number): Over[] {
  return counsel
    .filter((c) => c.villages.length > limit)
    .map((c) => ({ counselId: c.id, name: c.name, villagesServed: c.villages.length, limit }))
    .sort((a, b) => b.villagesServed - a.villagesServed || (a.counselId < b.counselId ? -1 : 1));
}

async function assign(counselId: string, villageCode: string): Promise<Reply> {
  return call('assignCounsel', { token: countyStaff, params: { countyCode: COUNTY }, body: { counselId, villageCode } });
}

/** A village of the county this counsel does not serve (a village may have more than one counsel). */
async function villageNotServedBy(counselId: string): Promise<string> {
  const served = new Set(
    (
      await db()
        .collection('counsel_assignments')
        .find({ counselId: new mongoose.Types.ObjectId(counselId), endedAt: null })
        .toArray()
    ).map((a) => a.villageCode as string),
  );
  const villages = await db().collection('places').find({ level: 'village', countyCode: COUNTY }).limit(10).toArray();
  return villages.map((v) => v.code as string).find((code) => !served.has(code))!;
}

describe('lowering the villages-per-counsel limit below what counsel serve now', () => {
  it('is refused without an explicit acknowledgement, naming every counsel over the new limit, and changes nothing', async () => {
    const counsel = await counselOfCounty();
    const over = expectedOver(counsel, 2);
    expect(over.length).toBeGreaterThan(1);
    const [assignments, changes] = [await activeAssignments(), await policyChanges()];

    const refused = await putPolicy({ maxVillagesPerCounsel: 2, minOnSiteHoursPerMonth: 6 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('COUNSEL_OVER_NEW_LIMIT');
    expect(refused.body.error.message).toContain(`有 ${over.length} 名法律顾问`);
    expect(refused.body.error.message).toContain('现有的指派保留');
    // one entry per counsel over it: the counsel's id, and name with villages served against the limit
    expect(refused.body.error.details.map((d: { path: string }) => d.path)).toEqual(over.map((o) => o.counselId));
    expect(refused.body.error.details[0].message).toBe(`${over[0]!.name}：已服务 3 个村（社区），超出上限 2 个`);

    // an explicit false is no acknowledgement
    const notAcknowledged = await putPolicy({ maxVillagesPerCounsel: 2, acknowledgeOverLimit: false });
    expect(notAcknowledged.status).toBe(409);

    const policy = await getPolicy();
    expect(policy.body).toMatchObject({ maxVillagesPerCounsel: 5, minOnSiteHoursPerMonth: 4, overLimitCounsel: [] });
    expect(await activeAssignments()).toBe(assignments);
    expect(await policyChanges()).toBe(changes);
  });

  it('lowering it while everyone fits asks nothing', async () => {
    const res = await putPolicy({ maxVillagesPerCounsel: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ maxVillagesPerCounsel: 3, overLimitCounsel: [] });
  });

  it('acknowledged, lowers the limit, keeps every assignment, and lists the counsel over it in the reply, the policy and the history', async () => {
    const counsel = await counselOfCounty();
    const over = expectedOver(counsel, 2);
    const assignments = await activeAssignments();

    const saved = await putPolicy({ maxVillagesPerCounsel: 2, acknowledgeOverLimit: true });
    expect(saved.status).toBe(200);
    expect(saved.body.maxVillagesPerCounsel).toBe(2);
    expect(saved.body.overLimitCounsel).toEqual(over);
    expect('acknowledgeOverLimit' in saved.body).toBe(false);

    // never silently ended: every assignment stays, and the counsel list still shows three villages
    expect(await activeAssignments()).toBe(assignments);
    expect((await counselOfCounty()).filter((c) => c.villages.length === 3)).toHaveLength(over.length);

    const policy = await getPolicy();
    expect(policy.status).toBe(200);
    expect(policy.body.maxVillagesPerCounsel).toBe(2);
    expect(policy.body.overLimitCounsel).toEqual(over);

    const history = await call('countyPolicyHistory', { token: countyStaff, params: { countyCode: COUNTY } });
    expect(history.body.items[0]).toMatchObject({
      byName: '赵振华',
      changes: { maxVillagesPerCounsel: 2 },
      acknowledgedOverLimit: over,
    });
    expect(history.body.items[0].changes).toEqual({ maxVillagesPerCounsel: 2 });
    // the earlier change left nobody over
    expect(history.body.items[1]).toMatchObject({ changes: { maxVillagesPerCounsel: 3 }, acknowledgedOverLimit: [] });
  });

  it('saving other settings at the same limit does not ask again; lowering it further does', async () => {
    const same = await putPolicy({ maxVillagesPerCounsel: 2, minOnSiteHoursPerMonth: 5 });
    expect(same.status).toBe(200);
    expect(same.body.overLimitCounsel.length).toBeGreaterThan(1);
    const lower = await putPolicy({ maxVillagesPerCounsel: 1 });
    expect(lower.status).toBe(409);
    expect(lower.body.error.code).toBe('COUNSEL_OVER_NEW_LIMIT');
    expect((await getPolicy()).body.maxVillagesPerCounsel).toBe(2);
  });

  it('refuses new assignments beyond the limit in force, until the counsel is below it', async () => {
    const policy = await getPolicy();
    const first = policy.body.overLimitCounsel[0] as Over;
    const village = await villageNotServedBy(first.counselId);

    const refused = await assign(first.counselId, village);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('COUNSEL_VILLAGE_LIMIT');
    expect(refused.body.error.message).toContain('最多服务 2 个村');

    // ending one brings them to the limit: off the list, but still no new village
    const list = await call('listAssignments', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      query: { counselId: first.counselId },
    });
    const active = list.body.items.filter((a: { endedAt: string | null }) => a.endedAt === null);
    expect(active).toHaveLength(3);
    for (const [i, a] of active.slice(0, 2).entries()) {
      const ended = await call('endAssignment', {
        token: countyStaff,
        params: { countyCode: COUNTY, assignmentId: a.id },
        body: { reason: '按新的服务村数上限调整' },
      });
      expect(ended.status).toBe(200);
      if (i === 0) {
        const after = await getPolicy();
        expect(after.body.overLimitCounsel.map((o: Over) => o.counselId)).not.toContain(first.counselId);
        expect(after.body.overLimitCounsel).toHaveLength(policy.body.overLimitCounsel.length - 1);
        expect((await assign(first.counselId, village)).body.error.code).toBe('COUNSEL_VILLAGE_LIMIT');
      }
    }
    // one village left: a second is within the limit
    const accepted = await assign(first.counselId, village);
    expect(accepted.status).toBe(201);
  });

  it('reads the counsel over the limit in as many commands for fewer counsel over it', async () => {
    const measure = async () => {
      let reply: Reply | undefined;
      const commands = await stack.commandsDuring(async () => {
        reply = await getPolicy();
      });
      expect(reply!.status).toBe(200);
      return { commands, over: reply!.body.overLimitCounsel as Over[] };
    };
    const before = await measure();
    const second = before.over[0]!;
    const list = await call('listAssignments', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      query: { counselId: second.counselId },
    });
    const a = list.body.items.find((x: { endedAt: string | null }) => x.endedAt === null);
    expect(
      (
        await call('endAssignment', {
          token: countyStaff,
          params: { countyCode: COUNTY, assignmentId: a.id },
          body: { reason: '按新的服务村数上限调整' },
        })
      ).status,
    ).toBe(200);
    const after = await measure();
    expect(after.over).toHaveLength(before.over.length - 1);
    expect(after.commands).toEqual(before.commands);
    // session and user, the policy, the county's assignments, the names: no per-counsel reads
    expect(before.commands.length).toBeLessThan(10);
  });

  it('raising the limit again clears the list', async () => {
    const raised = await putPolicy({ maxVillagesPerCounsel: 5 });
    expect(raised.status).toBe(200);
    expect(raised.body.overLimitCounsel).toEqual([]);
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});

it('a save that changes nothing is kept in the history with empty changes (the document requires the field)', async () => {
  expect((await putPolicy({})).status).toBe(200);
  const history = await call('countyPolicyHistory', { token: countyStaff, params: { countyCode: COUNTY } });
  expect(history.status).toBe(200);
  expect(history.body.items[0].changes).toEqual({});
});
