/**
 * The county group's member list (issue 15, item 10) costs the same number of database commands
 * whatever the group's size (server/src/store/README.md, rule 2). A county group's members are its
 * staff, counsel, experts and township offices by position, plus what moderators recorded (muted,
 * removed). The county is a fresh one (Fuxin's Xihe district, 22 villages) so the sizes are exact:
 * 5 members, then 150 — more than the database's default first batch of 101 documents, so a list
 * read in several round trips (`getMore`) shows here.
 */
import type { Types } from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { importPlaces } from '../../server/src/modules/places/importer';
import { placesOfCounty } from '../../server/src/modules/places/lookup';
import { createDemoStaff } from '../../server/src/modules/users/queries';
import { seedAssignments } from '../../server/src/modules/counsel/queries';

const COUNTY = '210903';
const MODERATOR = '韩立群';

let stack: Stack;
let call: ReturnType<typeof api>;
let token: string;
let villages: { code: string; townshipCode: string | null }[] = [];
let townships: string[] = [];

beforeAll(async () => {
  stack = await startStack({ seedDemo: false });
  call = api(stack.baseUrl);
  await importPlaces(COUNTY);
  villages = await placesOfCounty(COUNTY, 'village');
  townships = (await placesOfCounty(COUNTY, 'township')).map((t) => t.code);
  await createDemoStaff(COUNTY, [
    { openid: 'gm:county-staff', name: MODERATOR, demo: true, roles: [{ role: 'county_staff', placeCode: COUNTY }] },
  ]);
  token = (await demoLogin(stack.baseUrl, MODERATOR)).token;
});
afterAll(() => stack?.stop());

let people = 0;
let nextVillage = 0;
/**
 * `n` more people in the county group by position, in the mix a county has: counsel (most of
 * them, the first ones serving a village each while villages last), experts and township staff.
 */
async function staffJoin(n: number): Promise<string[]> {
  const rows = Array.from({ length: n }, () => {
    const i = people++;
    const role = i % 10 === 3 ? 'county_expert' : i % 10 === 7 ? 'township_staff' : 'counsel';
    const placeCode = role === 'township_staff' ? townships[i % townships.length]! : COUNTY;
    return {
      openid: `gm:person-${i}`,
      name: `成员${String(i).padStart(3, '0')}`,
      phone: `170${String(20000000 + i)}`,
      role,
      placeCode,
    };
  });
  const { ids } = await createDemoStaff(
    COUNTY,
    rows.map((r) => ({
      openid: r.openid,
      name: r.name,
      phone: r.phone,
      roles: [{ role: r.role as 'counsel', placeCode: r.placeCode }],
    })),
  );
  const assignments: { counselId: Types.ObjectId; villageCode: string; townshipCode: string; slot: number; startedAt: Date }[] =
    [];
  for (const r of rows) {
    const village = villages[nextVillage];
    if (r.role !== 'counsel' || !village) continue;
    nextVillage += 1;
    assignments.push({
      counselId: ids.get(r.openid)!,
      villageCode: village.code,
      townshipCode: village.townshipCode ?? village.code.slice(0, 9),
      slot: 1,
      startedAt: new Date('2026-01-01T00:00:00+08:00'),
    });
  }
  await seedAssignments(assignments);
  return rows.map((r) => String(ids.get(r.openid)));
}

/** A moderator's recorded decision about one member, so the list has records as well as positions. */
async function moderate(userId: string, action: 'mute' | 'remove') {
  const reply = await call('moderateMember', {
    token,
    params: { groupCode: COUNTY, userId },
    body: { action, reason: '测试：发言与工作无关' },
  });
  expect(reply.status).toBe(200);
}

async function membersCounted(): Promise<{ commands: string[]; reply: Reply }> {
  let reply: Reply | undefined;
  const commands = await stack.commandsDuring(async () => {
    reply = await call('groupMembers', { token, params: { groupCode: COUNTY } });
  });
  expect(reply!.status).toBe(200);
  return { commands, reply: reply! };
}

it('lists a county group of 150 members in as many database commands as a group of 5', async () => {
  const first = await staffJoin(4);
  await moderate(first[0]!, 'mute');
  const small = await membersCounted();
  // the moderator and the four
  expect(small.reply.body.items).toHaveLength(5);
  expect(small.reply.body.items.map((m: { standing: string }) => m.standing).sort()).toEqual([
    'member',
    'member',
    'member',
    'moderator',
    'muted',
  ]);

  const more = await staffJoin(145);
  await moderate(more[0]!, 'remove');
  const large = await membersCounted();
  expect(large.reply.body.items).toHaveLength(150);
  const standings = large.reply.body.items.map((m: { standing: string }) => m.standing);
  expect(standings.filter((s: string) => s === 'removed')).toHaveLength(1);
  expect(standings.filter((s: string) => s === 'muted')).toHaveLength(1);

  expect(large.commands).toEqual(small.commands);
  // the session and its person, the moderator's own standing, then the list's own reads: no
  // command per member and no extra round trip for a longer list
  expect(large.commands.filter((c) => c.startsWith('getMore'))).toEqual([]);
  expect(large.commands.length).toBeLessThanOrEqual(8);
});
