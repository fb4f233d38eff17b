/**
 * Invitations over real HTTP (issue 12): issuing for every role within the rules, refusals for
 * other places and roles, expired / used-up / withdrawn / forged codes, exact uses under concurrency,
 * the limit of legal-literate residents, withdrawing roles (a counsel's assignments end with the
 * reason), the staff list (phones masked) and the record of role changes.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';
import type { Invitation } from '../../types/src';
import { createInvitation } from '../../server/src/modules/invitations/service';
import { OPERATOR } from '../../server/src/modules/invitations/people';

let stack: Stack;
let call: ReturnType<typeof api>;
let countyStaff: string; // 赵振华, county staff of 210921
let townshipStaff: string; // 王志强, township staff of 城区街道 210921001
let otherTownshipStaff: string; // 李志强, township staff of 阜新镇 210921100
const COUNTY = '210921';
const TOWNSHIP = '210921001';
const VILLAGE = '210921001001';
const OTHER_TOWNSHIP_VILLAGE = '210921100202';
const db = () => mongoose.connection;
const count = (collection: string, filter: Record<string, unknown> = {}) => db().collection(collection).countDocuments(filter);

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  countyStaff = (await demoLogin(stack.baseUrl, '赵振华')).token;
  townshipStaff = (await demoLogin(stack.baseUrl, '王志强')).token;
  otherTownshipStaff = (await demoLogin(stack.baseUrl, '李志强')).token;
});
afterAll(() => stack?.stop());

let people = 0;
/** A new person, logged in through the (fake) WeChat: token and id. */
async function newPerson(): Promise<{ token: string; id: string }> {
  people += 1;
  const code = `invite-code-${people}`;
  stack.wechat!.issueCode(code, { openid: `invite-openid-${people}` });
  const res = await call('wechatLogin', { body: { code } });
  expect(res.status).toBe(200);
  return { token: res.body.token, id: res.body.user.id };
}

async function invite(token: string, place: string, body: Record<string, unknown>) {
  const res = await call('createInvitation', { token, params: { code: place }, body });
  expect(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toMatch(/^201 /);
  return res.body as Invitation & { code: string };
}

const redeem = (token: string, code: string) => call('redeemInvitation', { token, body: { code } });

function expectRefusal(res: { status: number; body: any }, status: number, code: string) {
  expect(`${res.status} ${res.body?.error?.code}`).toBe(`${status} ${code}`);
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('issuing and accepting', () => {
  it('county staff invite township staff; the person previews, accepts, and holds the role at once', async () => {
    const before = Date.now();
    const invitation = await invite(countyStaff, TOWNSHIP, { role: 'township_staff', note: '新任司法所长' });
    expect(invitation).toMatchObject({
      role: 'township_staff',
      roleLabel: '司法所工作人员',
      placeCode: TOWNSHIP,
      placeName: '城区街道',
      uses: 1,
      used: 0,
      status: 'active',
      statusLabel: '可使用',
      note: '新任司法所长',
      issuedBy: { name: '赵振华' },
    });
    expect(invitation.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    // default: 7 days
    const days = (new Date(invitation.expiresAt).getTime() - before) / 86400000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);

    const person = await newPerson();
    // typed in lower case with spaces: still the code
    const preview = await call('previewInvitation', {
      token: person.token,
      params: { invitationCode: invitation.code.toLowerCase() },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      role: 'township_staff',
      placeName: '城区街道',
      usesLeft: 1,
      alreadyHeld: false,
      issuedBy: { name: '赵振华' },
    });

    const accepted = await redeem(person.token, ` ${invitation.code.toLowerCase()} `);
    expect(accepted.status).toBe(200);
    expect(accepted.body.grant).toEqual({ role: 'township_staff', placeCode: TOWNSHIP, placeName: '城区街道' });
    expect(accepted.body.me.roles).toContainEqual({ role: 'township_staff', placeCode: TOWNSHIP, placeName: '城区街道' });
    // the same session now acts as township staff there
    const staff = await call('staffList', { token: person.token, params: { code: TOWNSHIP } });
    expect(staff.status).toBe(200);
    expect(staff.body.items).toContainEqual(
      expect.objectContaining({
        userId: person.id,
        role: 'township_staff',
        placeCode: TOWNSHIP,
        grantedBy: expect.objectContaining({ name: '赵振华' }),
      }),
    );
    // the derived scope fields follow the roles
    const stored = await db()
      .collection('users')
      .findOne({ _id: new mongoose.Types.ObjectId(person.id) });
    expect(stored!.staffCountyCodes).toEqual([COUNTY]);

    // sending it again (a retry) gives the same, writes nothing more
    const again = await redeem(person.token, invitation.code);
    expect(again.status).toBe(200);
    expect(await count('invitation_redemptions', { invitationId: new mongoose.Types.ObjectId(invitation.id) })).toBe(1);
    expect(await count('role_changes', { invitationId: new mongoose.Types.ObjectId(invitation.id), kind: 'granted' })).toBe(1);

    // someone else: used up
    const late = await newPerson();
    expectRefusal(await redeem(late.token, invitation.code), 409, 'INVITATION_USED_UP');
    expectRefusal(
      await call('previewInvitation', { token: late.token, params: { invitationCode: invitation.code } }),
      409,
      'INVITATION_USED_UP',
    );
  });

  it('county staff invite counsel, county experts and other county staff of their county', async () => {
    for (const role of ['counsel', 'county_expert', 'county_staff']) {
      const invitation = await invite(countyStaff, COUNTY, { role, days: 30, uses: 2 });
      expect(invitation).toMatchObject({ role, placeCode: COUNTY, uses: 2 });
    }
  });

  it('a counsel who redeems is registered at the county: a held role, acting in no village until assigned one', async () => {
    const invitation = await invite(countyStaff, COUNTY, { role: 'counsel' });
    const person = await newPerson();
    const res = await redeem(person.token, invitation.code);
    expect(res.status).toBe(200);
    expect(res.body.me.heldRoles).toEqual([
      expect.objectContaining({ role: 'counsel', placeCode: COUNTY, placeName: '阜新蒙古族自治县' }),
    ]);
    expect(res.body.me.roles.some((g: { role: string }) => g.role === 'counsel')).toBe(false);
  });

  it('township staff invite village cadres, mediators and legal-literate residents for a village of their township', async () => {
    for (const role of ['village_cadre', 'mediator', 'legal_literate']) {
      const invitation = await invite(townshipStaff, VILLAGE, { role });
      const person = await newPerson();
      const res = await redeem(person.token, invitation.code);
      expect(res.status).toBe(200);
      expect(res.body.me.roles).toContainEqual(expect.objectContaining({ role, placeCode: VILLAGE }));
    }
  });

  it('the QR code is the code as scene, opening the redeem page; a withdrawn invitation has none', async () => {
    const invitation = await invite(countyStaff, COUNTY, { role: 'county_expert' });
    const res = await fetch(`${stack.baseUrl}/api/places/${COUNTY}/invitations/${invitation.id}/qrcode`, {
      headers: { authorization: `Bearer ${countyStaff}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const asked = stack.wechat!.calls.filter((c) => c.path === '/wxa/getwxacodeunlimit').at(-1);
    expect(asked?.body).toMatchObject({ scene: invitation.code, page: 'account/redeem/index' });

    await call('withdrawInvitation', { token: countyStaff, params: { code: COUNTY, invitationId: invitation.id }, body: {} });
    const after = await call('invitationQrCode', { token: countyStaff, params: { code: COUNTY, invitationId: invitation.id } });
    expectRefusal(after, 410, 'INVITATION_WITHDRAWN');
  });
});

describe('who may not invite whom', () => {
  const attempts: [string, () => string, string, Record<string, unknown>, number, string][] = [
    // county staff cannot make an admin: not at their county, not at a province
    ['county staff → admin at their county', () => countyStaff, COUNTY, { role: 'admin' }, 403, 'GRANT_NOT_ALLOWED'],
    ['county staff → admin of the province', () => countyStaff, '21', { role: 'admin' }, 403, 'OUT_OF_JURISDICTION'],
    ['county staff → another county', () => countyStaff, '210922', { role: 'county_staff' }, 403, 'OUT_OF_JURISDICTION'],
    [
      'county staff → township staff at a village',
      () => countyStaff,
      VILLAGE,
      { role: 'township_staff' },
      400,
      'ROLE_PLACE_MISMATCH',
    ],
    [
      'county staff → village cadre (township staff do that)',
      () => countyStaff,
      VILLAGE,
      { role: 'village_cadre' },
      403,
      'GRANT_NOT_ALLOWED',
    ],
    [
      'township staff → a village of another township',
      () => townshipStaff,
      OTHER_TOWNSHIP_VILLAGE,
      { role: 'mediator' },
      403,
      'OUT_OF_JURISDICTION',
    ],
    ['township staff → township staff', () => townshipStaff, TOWNSHIP, { role: 'township_staff' }, 403, 'GRANT_NOT_ALLOWED'],
    ['township staff → county staff', () => townshipStaff, COUNTY, { role: 'county_staff' }, 403, 'OUT_OF_JURISDICTION'],
    ['a village role at the township', () => townshipStaff, TOWNSHIP, { role: 'legal_literate' }, 400, 'ROLE_PLACE_MISMATCH'],
    ['villager is not invited', () => countyStaff, VILLAGE, { role: 'villager' }, 400, 'VALIDATION_FAILED'],
    ['0 days', () => countyStaff, COUNTY, { role: 'counsel', days: 0 }, 400, 'VALIDATION_FAILED'],
    ['31 days', () => countyStaff, COUNTY, { role: 'counsel', days: 31 }, 400, 'VALIDATION_FAILED'],
    ['half a day', () => countyStaff, COUNTY, { role: 'counsel', days: 1.5 }, 400, 'VALIDATION_FAILED'],
    ['0 uses', () => countyStaff, COUNTY, { role: 'counsel', uses: 0 }, 400, 'VALIDATION_FAILED'],
    ['51 uses', () => countyStaff, COUNTY, { role: 'counsel', uses: 51 }, 400, 'VALIDATION_FAILED'],
    ['uses as text', () => countyStaff, COUNTY, { role: 'counsel', uses: '2' }, 400, 'VALIDATION_FAILED'],
    ['a township not in the places', () => countyStaff, '210921999', { role: 'township_staff' }, 404, 'PLACE_NOT_FOUND'],
  ];
  it.each(attempts)('%s: refused, nothing written', async (_label, token, place, body, status, code) => {
    const before = [await count('invitations'), await count('role_changes')];
    expectRefusal(await call('createInvitation', { token: token(), params: { code: place }, body }), status, code);
    expect([await count('invitations'), await count('role_changes')]).toEqual(before);
  });

  it('a county expert, a counsel and a villager issue nothing', async () => {
    for (const name of ['孙雅琴', '王建国', '林红霞']) {
      const { token } = await demoLogin(stack.baseUrl, name);
      expectRefusal(
        await call('createInvitation', { token, params: { code: VILLAGE }, body: { role: 'mediator' } }),
        403,
        'FORBIDDEN',
      );
    }
  });
});

describe('codes that do not work', () => {
  it('expired, withdrawn, forged and malformed codes are refused, each with its own code', async () => {
    const person = await newPerson();
    const expired = await invite(countyStaff, COUNTY, { role: 'county_expert', days: 1 });
    await db()
      .collection('invitations')
      .updateOne({ _id: new mongoose.Types.ObjectId(expired.id) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expectRefusal(
      await call('previewInvitation', { token: person.token, params: { invitationCode: expired.code } }),
      410,
      'INVITATION_EXPIRED',
    );
    expectRefusal(await redeem(person.token, expired.code), 410, 'INVITATION_EXPIRED');

    const withdrawn = await invite(countyStaff, COUNTY, { role: 'county_expert' });
    const w = await call('withdrawInvitation', {
      token: countyStaff,
      params: { code: COUNTY, invitationId: withdrawn.id },
      body: { reason: '发错了人' },
    });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ status: 'withdrawn', withdrawReason: '发错了人', withdrawnBy: { name: '赵振华' } });
    expectRefusal(await redeem(person.token, withdrawn.code), 410, 'INVITATION_WITHDRAWN');
    expectRefusal(
      await call('withdrawInvitation', { token: countyStaff, params: { code: COUNTY, invitationId: withdrawn.id }, body: {} }),
      410,
      'INVITATION_WITHDRAWN',
    );

    expectRefusal(await redeem(person.token, 'ZZZZ2345'), 404, 'INVITATION_NOT_FOUND');
    expectRefusal(await redeem(person.token, 'ABC'), 400, 'VALIDATION_FAILED');
    expectRefusal(await redeem(person.token, 'ABCDEFG0'), 400, 'VALIDATION_FAILED');
    expectRefusal(await call('redeemInvitation', { body: { code: 'ZZZZ2345' } }), 401, 'UNAUTHENTICATED');

    // none of it gave the person anything
    const me = await call('me', { token: person.token });
    expect(me.body.roles).toEqual([]);
    expect(await count('invitation_redemptions', { userId: new mongoose.Types.ObjectId(person.id) })).toBe(0);
  });

  it('only someone who may give the role withdraws an invitation; a used-up one cannot be withdrawn', async () => {
    const invitation = await invite(countyStaff, TOWNSHIP, { role: 'township_staff' });
    // the township's own staff see it (without the code) but may not withdraw it
    const seen = await call('listInvitations', { token: townshipStaff, params: { code: TOWNSHIP } });
    expect(seen.body.items.find((i: { id: string }) => i.id === invitation.id)).toMatchObject({ code: null, status: 'active' });
    expectRefusal(
      await call('withdrawInvitation', {
        token: townshipStaff,
        params: { code: TOWNSHIP, invitationId: invitation.id },
        body: {},
      }),
      403,
      'GRANT_NOT_ALLOWED',
    );
    expectRefusal(
      await call('withdrawInvitation', {
        token: otherTownshipStaff,
        params: { code: '210921100', invitationId: invitation.id },
        body: {},
      }),
      404,
      'INVITATION_NOT_FOUND',
    );
    const person = await newPerson();
    expect((await redeem(person.token, invitation.code)).status).toBe(200);
    expectRefusal(
      await call('withdrawInvitation', { token: countyStaff, params: { code: COUNTY, invitationId: invitation.id }, body: {} }),
      409,
      'INVITATION_USED_UP',
    );
  });
});

describe('exact uses under concurrency', () => {
  it('10 people redeem a single-use code at once: exactly one gets the role', async () => {
    const invitation = await invite(countyStaff, COUNTY, { role: 'counsel' });
    const crowd = await Promise.all(Array.from({ length: 10 }, () => newPerson()));
    const replies = await Promise.all(crowd.map((p) => redeem(p.token, invitation.code)));
    const statuses = replies.map((r) => (r.status === 200 ? 'ok' : r.body.error.code)).sort();
    expect(statuses).toEqual([...Array<string>(9).fill('INVITATION_USED_UP'), 'ok'].sort());
    const id = new mongoose.Types.ObjectId(invitation.id);
    expect(await count('invitation_redemptions', { invitationId: id })).toBe(1);
    expect(await count('role_changes', { invitationId: id, kind: 'granted' })).toBe(1);
    const ids = crowd.map((p) => new mongoose.Types.ObjectId(p.id));
    const holders = await db().collection('users').find({ staffCountyCodes: COUNTY }).toArray();
    expect(
      holders.filter((u) => ids.some((i) => i.equals(u._id)) && u.roles.some((r: { role: string }) => r.role === 'counsel')),
    ).toHaveLength(1);
  });

  it('a code for 3 is used by 3 people, the 4th is refused, and the list shows it used up', async () => {
    const invitation = await invite(townshipStaff, VILLAGE, { role: 'mediator', uses: 3 });
    const three = await Promise.all([newPerson(), newPerson(), newPerson()]);
    for (const p of three) expect((await redeem(p.token, invitation.code)).status).toBe(200);
    const fourth = await newPerson();
    expectRefusal(await redeem(fourth.token, invitation.code), 409, 'INVITATION_USED_UP');
    const list = await call('listInvitations', {
      token: townshipStaff,
      params: { code: TOWNSHIP },
      query: { status: 'used_up' },
    });
    expect(list.body.items.find((i: { id: string }) => i.id === invitation.id)).toMatchObject({
      used: 3,
      uses: 3,
      status: 'used_up',
      statusLabel: '已用完',
    });
  });

  it('a village has at most 5 legal-literate residents: of 6 accepting at once, exactly 5 get it', async () => {
    const village = '210921001003';
    const invitation = await invite(townshipStaff, village, { role: 'legal_literate', uses: 6 });
    const six = await Promise.all(Array.from({ length: 6 }, () => newPerson()));
    const replies = await Promise.all(six.map((p) => redeem(p.token, invitation.code)));
    const refused = replies.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(1);
    expectRefusal(refused[0]!, 409, 'LEGAL_LITERATE_LIMIT');
    expect(refused[0]!.body.error.message).toContain('最多5名');
    const staff = await call('staffList', { token: townshipStaff, params: { code: village }, query: { role: 'legal_literate' } });
    expect(staff.body.items).toHaveLength(5);
    // the refused person's use was given back: the 6th use is still there for someone else, who is refused too
    expect(await count('invitation_redemptions', { invitationId: new mongoose.Types.ObjectId(invitation.id) })).toBe(5);
    const seventh = await newPerson();
    expectRefusal(await redeem(seventh.token, invitation.code), 409, 'LEGAL_LITERATE_LIMIT');
  });

  it('two roles given to one person at once are both kept', async () => {
    const village = '210921001002';
    const a = await invite(townshipStaff, village, { role: 'village_cadre' });
    const b = await invite(townshipStaff, village, { role: 'mediator' });
    const person = await newPerson();
    const [ra, rb] = await Promise.all([redeem(person.token, a.code), redeem(person.token, b.code)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const me = await call('me', { token: person.token });
    expect(me.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(['mediator', 'village_cadre']);
  });
});

describe('withdrawing a role', () => {
  it('withdrawing a counsel ends their village assignments with the reason, and the record keeps who, when and why', async () => {
    const invitation = await invite(countyStaff, COUNTY, { role: 'counsel' });
    const counsel = await newPerson();
    expect((await redeem(counsel.token, invitation.code)).status).toBe(200);
    for (const villageCode of ['210921001004', '210921001005']) {
      const res = await call('assignCounsel', {
        token: countyStaff,
        params: { countyCode: COUNTY },
        body: { counselId: counsel.id, villageCode },
      });
      expect(res.status).toBe(201);
    }
    expectRefusal(
      await call('withdrawRole', {
        token: countyStaff,
        params: { code: COUNTY, userId: counsel.id },
        body: { role: 'counsel', reason: '走' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefusal(
      await call('withdrawRole', {
        token: townshipStaff,
        params: { code: COUNTY, userId: counsel.id },
        body: { role: 'counsel', reason: '调离本县' },
      }),
      403,
      'OUT_OF_JURISDICTION',
    );
    const res = await call('withdrawRole', {
      token: countyStaff,
      params: { code: COUNTY, userId: counsel.id },
      body: { role: 'counsel', reason: '调离本县' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userId: counsel.id, role: 'counsel', placeCode: COUNTY, endedAssignments: 2 });

    const assignments = await call('listAssignments', {
      token: countyStaff,
      params: { countyCode: COUNTY },
      query: { counselId: counsel.id },
    });
    expect(assignments.body.items).toHaveLength(2);
    for (const a of assignments.body.items) expect(a.endedAt).not.toBeNull();
    const stored = await db()
      .collection('counsel_assignments')
      .find({ counselId: new mongoose.Types.ObjectId(counsel.id) })
      .toArray();
    expect(stored.map((a) => a.endReason)).toEqual(['调离本县', '调离本县']);

    const me = await call('me', { token: counsel.token });
    expect(me.body.roles).toEqual([]);
    const again = await call('withdrawRole', {
      token: countyStaff,
      params: { code: COUNTY, userId: counsel.id },
      body: { role: 'counsel', reason: '调离本县' },
    });
    expectRefusal(again, 404, 'ROLE_NOT_HELD');

    const history = await call('roleChanges', { token: countyStaff, params: { code: COUNTY } });
    const mine = history.body.items.filter(
      (c: { subject: { id: string } | null; invitationId: string | null }) =>
        c.subject?.id === counsel.id || c.invitationId === invitation.id,
    );
    expect(mine.map((c: { kind: string }) => c.kind)).toEqual(['withdrawn', 'granted', 'invited']);
    expect(mine[0]).toMatchObject({
      actor: { name: '赵振华' },
      reason: '调离本县',
      role: 'counsel',
      roleLabel: '村（居）法律顾问',
    });
    expect(mine[1]).toMatchObject({ subject: { id: counsel.id }, invitedBy: { name: '赵振华' } });
    expect(mine[2]).toMatchObject({ actor: { name: '赵振华' }, kindLabel: '发出邀请' });
  });

  it("a role given before invitations can be withdrawn; a township cannot withdraw another township's roles", async () => {
    const demoTownship = (await demoLogin(stack.baseUrl, '李志强')).user;
    expectRefusal(
      await call('withdrawRole', {
        token: townshipStaff,
        params: { code: '210921100', userId: demoTownship.id },
        body: { role: 'township_staff', reason: '岗位调整' },
      }),
      403,
      'OUT_OF_JURISDICTION',
    );
    // a village cadre of the other township: not the first township's to withdraw
    const invitation = await invite(otherTownshipStaff, OTHER_TOWNSHIP_VILLAGE, { role: 'village_cadre' });
    const cadre = await newPerson();
    expect((await redeem(cadre.token, invitation.code)).status).toBe(200);
    expectRefusal(
      await call('withdrawRole', {
        token: townshipStaff,
        params: { code: OTHER_TOWNSHIP_VILLAGE, userId: cadre.id },
        body: { role: 'village_cadre', reason: '换届' },
      }),
      403,
      'OUT_OF_JURISDICTION',
    );
    expect(
      (
        await call('withdrawRole', {
          token: otherTownshipStaff,
          params: { code: OTHER_TOWNSHIP_VILLAGE, userId: cadre.id },
          body: { role: 'village_cadre', reason: '换届' },
        })
      ).status,
    ).toBe(200);
    // the county withdraws the demo township staff (no invitation behind the role)
    const res = await call('withdrawRole', {
      token: countyStaff,
      params: { code: '210921100', userId: demoTownship.id },
      body: { role: 'township_staff', reason: '岗位调整' },
    });
    expect(res.status).toBe(200);
    expect(res.body.endedAssignments).toBe(0);
    const fresh = await call('me', { token: otherTownshipStaff });
    expect(fresh.status).toBe(200);
    expect(fresh.body.roles).toEqual([]);
  });

  it('a withdrawn legal-literate resident frees a seat, and may be given the role again', async () => {
    const village = '210921001006';
    const invitation = await invite(townshipStaff, village, { role: 'legal_literate', uses: 6 });
    const five = await Promise.all(Array.from({ length: 5 }, () => newPerson()));
    for (const p of five) expect((await redeem(p.token, invitation.code)).status).toBe(200);
    const out = five[0]!;
    const res = await call('withdrawRole', {
      token: townshipStaff,
      params: { code: village, userId: out.id },
      body: { role: 'legal_literate', reason: '外出务工' },
    });
    expect(res.status).toBe(200);
    const newcomer = await newPerson();
    expect((await redeem(newcomer.token, invitation.code)).status).toBe(200);
    // the same person again, with a new invitation
    const second = await invite(townshipStaff, village, { role: 'legal_literate' });
    expectRefusal(await redeem(out.token, second.code), 409, 'LEGAL_LITERATE_LIMIT');
    await call('withdrawRole', {
      token: townshipStaff,
      params: { code: village, userId: newcomer.id },
      body: { role: 'legal_literate', reason: '迁出本村' },
    });
    expect((await redeem(out.token, second.code)).status).toBe(200);
    const staff = await call('staffList', { token: townshipStaff, params: { code: village }, query: { role: 'legal_literate' } });
    expect(staff.body.items.map((i: { userId: string }) => i.userId).sort()).toEqual(
      [out.id, ...five.slice(1).map((p) => p.id)].sort(),
    );
  });
});

describe('staff list and history', () => {
  it('the county list names roles at the county and inside it, phones masked', async () => {
    const res = await call('staffList', { token: countyStaff, params: { code: COUNTY } });
    expect(res.status).toBe(200);
    expect(res.body.place).toEqual({ code: COUNTY, name: '阜新蒙古族自治县' });
    expect(res.body.items).toContainEqual(
      expect.objectContaining({
        name: '赵振华',
        role: 'county_staff',
        roleLabel: '县（区）司法局工作人员',
        phoneMasked: '170****0001',
        grantedAt: null,
      }),
    );
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ name: '王志强', role: 'township_staff', placeName: '城区街道' }),
    );
    expect(res.body.items.some((i: { role: string }) => i.role === 'villager')).toBe(false);
    expect(JSON.stringify(res.body)).not.toMatch(/1[3-9]\d{9}/);
    // a township's staff see their township, not the county
    expectRefusal(await call('staffList', { token: townshipStaff, params: { code: COUNTY } }), 403, 'OUT_OF_JURISDICTION');
    const township = await call('staffList', { token: townshipStaff, params: { code: TOWNSHIP } });
    expect(township.status).toBe(200);
    expect(township.body.items.every((i: { placeCode: string }) => i.placeCode.startsWith(TOWNSHIP))).toBe(true);
    expect(township.body.items.some((i: { placeCode: string }) => i.placeCode === VILLAGE)).toBe(true);
  });

  it('the history pages, newest first; a township sees its own', async () => {
    const first = await call('roleChanges', { token: countyStaff, params: { code: COUNTY }, query: { limit: 2 } });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextBefore).toBe(first.body.items[1].at);
    const next = await call('roleChanges', {
      token: countyStaff,
      params: { code: COUNTY },
      query: { limit: 2, before: first.body.nextBefore },
    });
    expect(new Date(next.body.items[0].at).getTime()).toBeLessThan(new Date(first.body.items[1].at).getTime());
    const township = await call('roleChanges', { token: townshipStaff, params: { code: TOWNSHIP }, query: { limit: 100 } });
    expect(township.body.items.length).toBeGreaterThan(0);
    expect(township.body.items.every((c: { placeCode: string }) => c.placeCode.startsWith(TOWNSHIP))).toBe(true);
    expectRefusal(await call('roleChanges', { token: townshipStaff, params: { code: COUNTY } }), 403, 'OUT_OF_JURISDICTION');
  });
});

describe('admins', () => {
  it('a province admin (invited by the operator) invites county staff and admins in the province, not outside', async () => {
    const invitation = await createInvitation('21', { role: 'admin', days: 7, uses: 1 }, { person: OPERATOR, operator: true });
    const admin = await newPerson();
    const res = await redeem(admin.token, invitation.code!);
    expect(res.status).toBe(200);
    expect(res.body.grant).toEqual({ role: 'admin', placeCode: '21', placeName: '辽宁省' });
    expect((await invite(admin.token, COUNTY, { role: 'county_staff' })).issuedBy).toMatchObject({ id: admin.id });
    expect((await invite(admin.token, '21', { role: 'admin' })).placeName).toBe('辽宁省');
    expectRefusal(
      await call('createInvitation', { token: admin.token, params: { code: '41' }, body: { role: 'admin' } }),
      403,
      'OUT_OF_JURISDICTION',
    );
    // the province list has its admin; the record names the operator
    const staff = await call('staffList', { token: admin.token, params: { code: '21' } });
    expect(staff.body.items).toContainEqual(
      expect.objectContaining({ userId: admin.id, role: 'admin', grantedBy: { id: null, name: OPERATOR.name } }),
    );
    const history = await call('roleChanges', { token: admin.token, params: { code: '21' } });
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ kind: 'invited', role: 'admin', actor: { id: null, name: OPERATOR.name } }),
    );
  });
});

describe('the record of role changes', () => {
  it('cannot be changed or removed through the model', async () => {
    const { RoleChangeModel } = await import('../../server/src/modules/invitations/model');
    await expect(RoleChangeModel.updateOne({ kind: 'invited' }, { $set: { reason: 'x' } })).rejects.toThrow(/append-only/);
    await expect(RoleChangeModel.deleteMany({})).rejects.toThrow(/append-only/);
  });
});

describe('lists read a fixed number of database commands (store/README.md, rule 2)', () => {
  it("a township's invitations, staff and history: as many commands after the lists have grown", async () => {
    const lists = [
      () => call('listInvitations', { token: townshipStaff, params: { code: TOWNSHIP } }),
      () => call('staffList', { token: townshipStaff, params: { code: TOWNSHIP } }),
      () => call('roleChanges', { token: townshipStaff, params: { code: TOWNSHIP }, query: { limit: 100 } }),
    ];
    const measure = async () => {
      const out: { commands: number; rows: number }[] = [];
      for (const list of lists) {
        let rows = 0;
        const commands = await stack.commandsDuring(async () => {
          const res = await list();
          expect(res.status).toBe(200);
          rows = res.body.items.length;
        });
        out.push({ commands: commands.length, rows });
      }
      return out;
    };
    await measure(); // names of places are remembered after the first read
    const before = await measure();
    for (let i = 0; i < 4; i += 1) {
      const invitation = await invite(townshipStaff, VILLAGE, { role: 'mediator' });
      expect((await redeem((await newPerson()).token, invitation.code)).status).toBe(200);
    }
    const after = await measure();
    for (const [i, b] of before.entries()) {
      expect(after[i]!.rows).toBeGreaterThanOrEqual(b.rows + 4);
      expect(after[i]!.commands).toBe(b.commands);
    }
  });
});

describe('queries', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
    expect(stack.errors).toEqual([]);
  });
});
