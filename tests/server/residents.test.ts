/**
 * Residents (issue 12, item 4): villagers bind to their village, move to another one (history kept,
 * the old village's group membership ends), and, where the county's policy asks for it, are
 * confirmed by a village cadre before they act as its villagers.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';

const COUNTY = '210921';
const VILLAGE = '210921001001';
const SIBLING_VILLAGE = '210921001002';
const OTHER_TOWNSHIP_VILLAGE = '210921100202';

let stack: Stack;
let call: ReturnType<typeof api>;
let countyStaff: string;
let townshipStaff: string;
let cadre: string;
let cadreElsewhere: string;
let people = 0;

const users = () => mongoose.connection.collection('users');

/** A new person logged in through the (fake) WeChat: their token and id. */
async function newPerson(): Promise<{ token: string; id: string }> {
  people += 1;
  stack.wechat!.issueCode(`res-code-${people}`, { openid: `res-openid-${people}` });
  const login = await call('wechatLogin', { body: { code: `res-code-${people}` } });
  expect(login.status).toBe(200);
  await users().updateOne(
    { openid: `res-openid-${people}` },
    { $set: { name: `村民${people}`, phone: `1380000${String(people).padStart(4, '0')}` } },
  );
  return { token: login.body.token, id: login.body.user.id };
}

/** A person holding a role at a place (set up directly: granting roles is the invitations' job, tested there). */
async function personWithRole(role: string, placeCode: string): Promise<string> {
  const person = await newPerson();
  await users().updateOne(
    { _id: new mongoose.Types.ObjectId(person.id) },
    { $set: { roles: [{ role, placeCode }], countyCodes: [COUNTY], staffCountyCodes: [COUNTY] } },
  );
  return person.token;
}

const roles = async (token: string) => (await call('me', { token })).body.roles as { role: string; placeCode: string }[];
const setConfirmation = async (on: boolean) =>
  expect(
    (await call('updateCountyPolicy', { token: countyStaff, params: { countyCode: COUNTY }, body: { confirmResidents: on } }))
      .status,
  ).toBe(200);

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  countyStaff = (await demoLogin(stack.baseUrl, '赵振华')).token;
  // FerretDB has no $elemMatch: the demo office of township 001 by its demo openid
  const office = await users().findOne({ openid: 'demo:township-staff-210921001' });
  townshipStaff = (await demoLogin(stack.baseUrl, office!.name as string)).token;
  cadre = await personWithRole('village_cadre', VILLAGE);
  cadreElsewhere = await personWithRole('village_cadre', SIBLING_VILLAGE);
});
afterAll(() => stack?.stop());

describe('binding without confirmation (the default)', () => {
  it('a person who binds is a villager of the village at once', async () => {
    const { token } = await newPerson();
    const bound = await call('bindVillage', { token, body: { villageCode: VILLAGE } });
    expect(bound.status).toBe(200);
    expect(bound.body.roles).toContainEqual(expect.objectContaining({ role: 'villager', placeCode: VILLAGE }));
    const list = await call('listResidents', { token: cadre, params: { villageCode: VILLAGE } });
    expect(list.status).toBe(200);
    expect(list.body.confirmationRequired).toBe(false);
  });
});

describe('where the county asks a village cadre to confirm residents', () => {
  beforeAll(() => setConfirmation(true));
  afterAll(() => setConfirmation(false));

  it('a new resident waits: no villager grant until a cadre of the village confirms', async () => {
    const person = await newPerson();
    const bound = await call('bindVillage', { token: person.token, body: { villageCode: VILLAGE } });
    expect(bound.status).toBe(200);
    expect(bound.body.village.code).toBe(VILLAGE);
    expect(bound.body.roles.some((r: { role: string }) => r.role === 'villager')).toBe(false);
    // acting as a villager is refused meanwhile
    const ask = await call('groupMessages', { token: person.token, params: { groupCode: VILLAGE } });
    expect(ask.status).toBe(403);

    const pending = await call('listResidents', { token: cadre, params: { villageCode: VILLAGE }, query: { status: 'pending' } });
    expect(pending.status).toBe(200);
    expect(pending.body.confirmationRequired).toBe(true);
    const row = pending.body.items.find((r: { userId: string }) => r.userId === person.id);
    expect(row).toMatchObject({ status: 'pending', villageCode: VILLAGE });
    expect(row.phoneMasked).toMatch(/^138\*{4}\d{4}$/);

    const confirmed = await call('confirmResident', { token: cadre, params: { villageCode: VILLAGE, userId: person.id } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(await roles(person.token)).toContainEqual({ role: 'villager', placeCode: VILLAGE, placeName: expect.any(String) });

    const again = await call('confirmResident', { token: cadre, params: { villageCode: VILLAGE, userId: person.id } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RESIDENT_ALREADY_DECIDED');
  });

  it('only cadres of that village and the staff above them decide; a villager or another village’s cadre cannot', async () => {
    const person = await newPerson();
    await call('bindVillage', { token: person.token, body: { villageCode: VILLAGE } });
    const params = { villageCode: VILLAGE, userId: person.id };
    const other = await call('confirmResident', { token: cadreElsewhere, params });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('OUT_OF_JURISDICTION');
    const villager = (await demoLogin(stack.baseUrl, '林红霞')).token;
    expect((await call('confirmResident', { token: villager, params })).status).toBe(403);
    expect((await call('confirmResident', { token: townshipStaff, params })).status).toBe(200);
  });

  it('decisions at the same moment: exactly one is taken and recorded', async () => {
    const person = await newPerson();
    await call('bindVillage', { token: person.token, body: { villageCode: VILLAGE } });
    const params = { villageCode: VILLAGE, userId: person.id };
    const replies = await Promise.all([
      ...Array.from({ length: 3 }, () => call('confirmResident', { token: cadre, params })),
      ...Array.from({ length: 3 }, () => call('declineResident', { token: townshipStaff, params, body: { reason: '重复提交' } })),
    ]);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 200).every((r) => r.status === 409 || r.status === 404)).toBe(true);
    const decisions = await mongoose.connection
      .collection('resident_decisions')
      .countDocuments({ userId: new mongoose.Types.ObjectId(person.id) });
    expect(decisions).toBe(1);
  });

  it('declining needs a reason, unbinds the person and is kept in their history', async () => {
    const person = await newPerson();
    await call('bindVillage', { token: person.token, body: { villageCode: VILLAGE } });
    const params = { villageCode: VILLAGE, userId: person.id };
    const noReason = await call('declineResident', { token: cadre, params, body: { reason: ' ' } });
    expect(noReason.status).toBe(400);
    expect((await call('me', { token: person.token })).body.village.code).toBe(VILLAGE);

    const declined = await call('declineResident', { token: cadre, params, body: { reason: '经核实不在本村居住' } });
    expect(declined.status).toBe(200);
    expect((await call('me', { token: person.token })).body.village).toBeNull();
    const history = await call('myVillageHistory', { token: person.token });
    expect(history.body.items.map((i: { kind: string }) => i.kind)).toEqual(['declined', 'bound']);
    expect(history.body.items[0]).toMatchObject({ villageCode: VILLAGE, reason: '经核实不在本村居住' });
    // someone no longer bound there cannot be decided on
    const gone = await call('confirmResident', { token: cadre, params });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('RESIDENT_NOT_FOUND');
  });
});

describe('moving to another village', () => {
  it('keeps the history and ends the membership of the old village’s and township’s groups', async () => {
    const person = await newPerson();
    expect((await call('bindVillage', { token: person.token, body: { villageCode: VILLAGE } })).status).toBe(200);
    for (const group of [VILLAGE, VILLAGE.slice(0, 9)]) {
      expect((await call('joinGroup', { token: person.token, params: { groupCode: group } })).status).toBeLessThan(300);
      const decided = await call('decideJoinRequest', {
        token: townshipStaff,
        params: { groupCode: group, userId: person.id },
        body: { decision: 'approve' },
      });
      expect(decided.status).toBe(200);
    }
    expect((await call('groupMessages', { token: person.token, params: { groupCode: VILLAGE } })).status).toBe(200);

    const moved = await call('bindVillage', { token: person.token, body: { villageCode: OTHER_TOWNSHIP_VILLAGE } });
    expect(moved.status).toBe(200);
    expect(moved.body.village.code).toBe(OTHER_TOWNSHIP_VILLAGE);
    for (const group of [VILLAGE, VILLAGE.slice(0, 9)]) {
      expect((await call('groupMessages', { token: person.token, params: { groupCode: group } })).status).toBe(403);
      const actions = await call('groupActions', { token: townshipStaff, params: { groupCode: group } });
      expect(actions.body.items).toContainEqual(expect.objectContaining({ action: 'moved_out' }));
    }

    // coming back, they ask again like anyone else
    expect((await call('bindVillage', { token: person.token, body: { villageCode: VILLAGE } })).status).toBe(200);
    const mine = await call('myGroups', { token: person.token });
    expect(mine.body.items.find((g: { code: string }) => g.code === VILLAGE)?.standing).toBe('can_request');

    const history = await call('myVillageHistory', { token: person.token });
    expect(history.body.items.map((i: { villageCode: string }) => i.villageCode)).toEqual([
      VILLAGE,
      OTHER_TOWNSHIP_VILLAGE,
      VILLAGE,
    ]);
    expect(history.body.items[0].previousVillageCode).toBe(OTHER_TOWNSHIP_VILLAGE);
  });

  it('moving within the township keeps the township group', async () => {
    const person = await newPerson();
    await call('bindVillage', { token: person.token, body: { villageCode: VILLAGE } });
    const township = VILLAGE.slice(0, 9);
    await call('joinGroup', { token: person.token, params: { groupCode: township } });
    await call('decideJoinRequest', {
      token: townshipStaff,
      params: { groupCode: township, userId: person.id },
      body: { decision: 'approve' },
    });
    await call('bindVillage', { token: person.token, body: { villageCode: SIBLING_VILLAGE } });
    expect((await call('groupMessages', { token: person.token, params: { groupCode: township } })).status).toBe(200);
  });
});
