/**
 * The legal-literate residents' roster over real HTTP on the embedded database (issue 17 item 3):
 * a village's roster for township and county staff (phones masked), removal by withdrawing the
 * role (the invitations route), names only on the notice board, and the county's coverage against
 * its target (county policy legalLiterateTarget, default 3) in commands that do not grow with the
 * number of villages. Bad input writes nothing.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const COUNTY = '210921';
const TOWNSHIP = '210921001';
const VILLAGE = '210921001001'; // 吴秀英 is its legal-literate resident in the demo
const errorOf = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const count = (name: string, filter: Record<string, unknown> = {}) => mongoose.connection.collection(name).countDocuments(filter);

let people = 0;
/** A new person who accepts a legal-literate invitation of VILLAGE; answers their id. */
async function newLegalLiterate(): Promise<string> {
  people += 1;
  stack.wechat!.issueCode(`roster-code-${people}`, { openid: `roster-openid-${people}` });
  const login = await call('wechatLogin', { body: { code: `roster-code-${people}` } });
  expect(login.status).toBe(200);
  const invitation = await call('createInvitation', {
    token: tokens['王志强'],
    params: { code: VILLAGE },
    body: { role: 'legal_literate' },
  });
  expect(invitation.status).toBe(201);
  const redeemed = await call('redeemInvitation', { token: login.body.token, body: { code: invitation.body.code } });
  expect(redeemed.status).toBe(200);
  return login.body.user.id as string;
}
const roster = (who: string, villageCode = VILLAGE) => call('villageRoster', { token: tokens[who], params: { villageCode } });
const coverage = (who = '赵振华') => call('countyRosterCoverage', { token: tokens[who], params: { countyCode: COUNTY } });
const setTarget = (legalLiterateTarget: unknown) =>
  call('updateCountyPolicy', { token: tokens['赵振华'], params: { countyCode: COUNTY }, body: { legalLiterateTarget } });
const villageIn = (reply: Reply) => reply.body.items.find((i: { villageCode: string }) => i.villageCode === VILLAGE);

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '吴秀英', '王志强', '李志强', '赵振华'])
    tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
});
afterAll(() => stack?.stop());

describe('the village roster', () => {
  it('lists the village’s legal-literate residents with phones masked, against the county’s default target of 3', async () => {
    const policy = await call('countyPolicy', { token: tokens['赵振华'], params: { countyCode: COUNTY } });
    expect(policy.body.legalLiterateTarget).toBe(3);
    const res = await roster('王志强');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ villageCode: VILLAGE, target: 3, meetsTarget: false });
    expect(res.body.items).toEqual([{ userId: expect.any(String), name: '吴秀英', phoneMasked: '170****0105', since: null }]);
    expect(JSON.stringify(res.body)).not.toContain('17000000105');
    expect((await roster('赵振华')).status).toBe(200);
  });

  it('is for the village’s township and county staff only', async () => {
    expect(errorOf(await roster('李志强'))).toBe('403 OUT_OF_JURISDICTION');
    expect(errorOf(await roster('林红霞'))).toBe('403 FORBIDDEN');
    expect(errorOf(await roster('吴秀英'))).toBe('403 FORBIDDEN');
    expect(errorOf(await roster('王志强', '210921001999'))).toBe('404 VILLAGE_NOT_FOUND');
    expect(errorOf(await roster('王志强', '2109210010'))).toBe('400 VALIDATION_FAILED');
  });

  it('the notice board shows the names only, to anyone signed in', async () => {
    const res = await call('boardRoster', { token: tokens['林红霞'], params: { villageCode: VILLAGE } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ villageCode: VILLAGE, names: ['吴秀英'] });
  });
});

describe('joining, removal and the target', () => {
  let added: string[] = [];

  it('meets the target once three hold the role; the county’s coverage says so per village', async () => {
    added = [await newLegalLiterate(), await newLegalLiterate()];
    const res = await roster('王志强');
    expect(res.body.items).toHaveLength(3);
    expect(res.body.meetsTarget).toBe(true);
    // invited people show when they were given the role
    expect(res.body.items.filter((i: { since: string | null }) => i.since !== null)).toHaveLength(2);
    const cover = await coverage();
    expect(cover.status).toBe(200);
    expect(cover.body).toMatchObject({ code: COUNTY, target: 3, villages: 390 });
    expect(villageIn(cover)).toMatchObject({ count: 3, meetsTarget: true, townshipCode: TOWNSHIP });
    expect(cover.body.meeting).toBeGreaterThanOrEqual(1);
    expect(cover.body.items.every((i: { count: number; meetsTarget: boolean }) => i.meetsTarget === i.count >= 3)).toBe(true);
  });

  it('follows the county setting: 4 leaves the village short, 2 lets it meet it', async () => {
    expect((await setTarget(4)).status).toBe(200);
    expect(villageIn(await coverage())).toMatchObject({ count: 3, meetsTarget: false });
    expect((await roster('王志强')).body).toMatchObject({ target: 4, meetsTarget: false });
    expect((await setTarget(2)).status).toBe(200);
    const cover = await coverage();
    expect(cover.body.target).toBe(2);
    expect(villageIn(cover)).toMatchObject({ count: 3, meetsTarget: true });
    expect((await setTarget(3)).status).toBe(200);
  });

  it('refuses a target out of range or not whole (400), leaving the setting as it was', async () => {
    const changes = await count('county_policy_changes');
    for (const bad of [0, 6, 2.5, '3', null]) expect(errorOf(await setTarget(bad))).toBe('400 VALIDATION_FAILED');
    expect((await coverage()).body.target).toBe(3);
    expect(await count('county_policy_changes')).toBe(changes);
  });

  it('township staff remove someone by withdrawing the role (with a reason); they leave the roster and the board', async () => {
    const removed = added[0]!;
    const withdraw = (who: string, reason: string) =>
      call('withdrawRole', {
        token: tokens[who],
        params: { code: VILLAGE, userId: removed },
        body: { role: 'legal_literate', reason },
      });
    const changes = await count('role_changes');
    expect(errorOf(await withdraw('王志强', ''))).toBe('400 VALIDATION_FAILED');
    expect(errorOf(await withdraw('李志强', '外出务工'))).toBe('403 OUT_OF_JURISDICTION');
    expect(await count('role_changes')).toBe(changes);
    expect((await roster('王志强')).body.items).toHaveLength(3);
    expect((await withdraw('王志强', '外出务工')).status).toBe(200);
    const after = await roster('王志强');
    expect(after.body.items.map((i: { userId: string }) => i.userId)).not.toContain(removed);
    expect(after.body).toMatchObject({ meetsTarget: false });
    expect(villageIn(await coverage())).toMatchObject({ count: 2, meetsTarget: false });
    const board = await call('boardRoster', { token: tokens['林红霞'], params: { villageCode: VILLAGE } });
    expect(board.body.names).toHaveLength(2);
  });

  it('the township’s coverage is its villages only; county coverage is for county staff', async () => {
    const res = await call('townshipRosterCoverage', { token: tokens['王志强'], params: { townshipCode: TOWNSHIP } });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: { villageCode: string }) => i.villageCode.startsWith(TOWNSHIP))).toBe(true);
    expect(errorOf(await coverage('王志强'))).toBe('403 FORBIDDEN');
    expect(errorOf(await call('countyRosterCoverage', { token: tokens['赵振华'], params: { countyCode: '210922' } }))).toBe(
      '403 OUT_OF_JURISDICTION',
    );
  });
});

describe('the database work behind these requests (store/README.md, rules 1 and 2)', () => {
  it('reads the coverage of 390 villages in as many commands as of one township’s, and as many after more join', async () => {
    const sorted = (c: string[]) => [...c].sort();
    const measure = async (send: () => Promise<Reply>) => {
      let reply: Reply | undefined;
      const commands = await stack.commandsDuring(async () => {
        reply = await send();
      });
      expect(reply!.status).toBe(200);
      return commands;
    };
    await coverage(); // places are remembered after the first read
    const county = await measure(() => coverage());
    const township = await measure(() =>
      call('townshipRosterCoverage', { token: tokens['赵振华'], params: { townshipCode: TOWNSHIP } }),
    );
    expect(sorted(township)).toEqual(sorted(county));
    await newLegalLiterate();
    expect(sorted(await measure(() => coverage()))).toEqual(sorted(county));
    expect(county.length).toBeLessThan(12);
  });

  it('logged no server error and served every query from an index', async () => {
    expect(stack.errors).toEqual([]);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
