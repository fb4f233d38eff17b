/**
 * Counsel profiles (issue 12) over real HTTP on the demo data: the counsel keeps their own, county
 * staff of their county correct it, every change is kept; photos are checked, resized and served;
 * phones come from WeChat's phone button or are typed in, and are shown masked; the notice board
 * shows the profile with this village's hours and the county's own procedures and supervision text.
 */
import mongoose from 'mongoose';
import sharp from 'sharp';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const COUNTY = '210921';
const VILLAGE = '210921001001'; // 富民社区, served by 王建国 (demo data)
const SECOND_VILLAGE = '210921001002'; // also served by 王建国
const db = () => mongoose.connection;
const errorOf = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
let wangId: string;

const image = (width: number, height: number, rgb: { r: number; g: number; b: number }, alpha = false) =>
  sharp({ create: { width, height, channels: alpha ? 4 : 3, background: alpha ? { ...rgb, alpha: 0.5 } : rgb } });

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  // county staff of a neighbouring county, to show a county's staff correct only their own counsel
  await db()
    .collection('users')
    .insertOne({
      openid: 'demo:test-other-county-staff',
      name: '钱立新',
      phone: '17000000901',
      roles: [{ role: 'county_staff', placeCode: '210922' }],
      villageCode: null,
      countyCodes: ['210922'],
      staffCountyCodes: ['210922'],
      counselProfile: null,
      demo: true,
      demoOrder: 900,
      createdAt: new Date(),
    });
  // a counsel registered but not assigned yet, without a profile (as an invitation leaves them)
  await db()
    .collection('users')
    .insertOne({
      openid: 'demo:test-new-counsel',
      name: '周新来',
      phone: null,
      roles: [{ role: 'counsel', placeCode: COUNTY }],
      villageCode: null,
      countyCodes: [COUNTY],
      staffCountyCodes: [COUNTY],
      counselProfile: null,
      demo: true,
      demoOrder: 901,
      createdAt: new Date(),
    });
  for (const name of ['赵振华', '王建国', '李建国', '林红霞', '钱立新', '周新来'])
    tokens[name] = (await demoLogin(stack.baseUrl, name)).token;
  wangId = (await call('myCounselProfile', { token: tokens['王建国'] })).body.counselId;
});
afterAll(() => stack?.stop());

const mine = (who: string) => call('myCounselProfile', { token: tokens[who] });
const editMine = (who: string, body: unknown) => call('updateMyCounselProfile', { token: tokens[who], body });
const correct = (who: string, body: unknown, countyCode = COUNTY, counselId = wangId) =>
  call('correctCounselProfile', { token: tokens[who], params: { countyCode, counselId }, body });
const changeCount = () =>
  db()
    .collection('counsel_profile_changes')
    .countDocuments({ counselId: new mongoose.Types.ObjectId(wangId) });
const storedWang = () =>
  db()
    .collection('users')
    .findOne({ _id: new mongoose.Types.ObjectId(wangId) });
const board = async (villageCode = VILLAGE) => {
  const res = await call('noticeBoard', { token: tokens['林红霞'], params: { villageCode } });
  expect(res.status).toBe(200);
  return res.body;
};
const wangCard = async (villageCode = VILLAGE) => (await board(villageCode)).counsel.find((c: { id: string }) => c.id === wangId);

async function upload(path: string, who: string, data: Buffer, type = 'image/jpeg', filename = 'photo.jpg') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), filename);
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}` },
    body: form,
  });
  return { status: res.status, body: await res.json(), headers: res.headers } as Reply;
}
const uploadMine = (who: string, data: Buffer, type?: string, filename?: string) =>
  upload('/api/counsel/me/profile/photo', who, data, type, filename);

describe('a counsel keeps their own profile', () => {
  it('reads it with the phone masked and the villages served, and saves an edit', async () => {
    const before = await mine('王建国');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ name: '王建国', countyCode: COUNTY, photoUrl: null });
    expect(before.body.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(before.body.villages.map((v: { code: string }) => v.code)).toEqual(expect.arrayContaining([VILLAGE, SECOND_VILLAGE]));
    // the hours written before they were kept per village are shown for each village
    const legacy = before.body.villages[0].onSiteHours;
    expect(legacy).toMatch(/每月第/);

    const saved = await editMine('王建国', {
      title: '专职律师',
      organization: '辽宁蒙古贞律师事务所',
      certificateNumber: '12109202110123456',
      duties: ['解答村民法律咨询', '参与人民调解'],
      specialties: ['婚姻家庭', '土地承包'],
      onSiteHours: [{ villageCode: VILLAGE, text: '每周三上午 9:00–12:00' }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      title: '专职律师',
      certificateNumber: '12109202110123456',
      duties: ['解答村民法律咨询', '参与人民调解'],
      specialties: ['婚姻家庭', '土地承包'],
    });
    const hours = Object.fromEntries(
      saved.body.villages.map((v: { code: string; onSiteHours: string }) => [v.code, v.onSiteHours]),
    );
    expect(hours[VILLAGE]).toBe('每周三上午 9:00–12:00');
    expect(hours[SECOND_VILLAGE]).toBe(legacy); // untouched villages keep what the board showed
    expect((await mine('王建国')).body).toEqual(saved.body);
    expect(JSON.stringify(saved.body)).not.toContain((await storedWang())?.phone);
  });

  it('an edit that changes nothing records nothing', async () => {
    const count = await changeCount();
    const same = await editMine('王建国', { title: '专职律师' });
    expect(same.status).toBe(200);
    expect(await changeCount()).toBe(count);
  });

  it('refuses hours for a village the counsel does not serve, and bad values, changing nothing', async () => {
    const count = await changeCount();
    const before = await storedWang();
    const elsewhere = await editMine('王建国', { title: '律师', onSiteHours: [{ villageCode: '210921100202', text: '每周一' }] });
    expect(errorOf(elsewhere)).toBe('400 PROFILE_VILLAGE_NOT_SERVED');
    expect(elsewhere.body.error.message).toMatch(/当前服务的村/);
    const badPhone = await editMine('王建国', { phone: '12345' });
    expect(errorOf(badPhone)).toBe('400 VALIDATION_FAILED');
    expect(badPhone.body.error.message).toContain('联系电话格式不正确');
    const badCertificate = await editMine('王建国', { certificateNumber: '证号' });
    expect(errorOf(badCertificate)).toBe('400 VALIDATION_FAILED');
    const tooMany = await editMine('王建国', { specialties: Array.from({ length: 11 }, (_, i) => `领域${i}`) });
    expect(errorOf(tooMany)).toBe('400 VALIDATION_FAILED');
    expect(await changeCount()).toBe(count);
    expect(await storedWang()).toEqual(before);
  });

  it('a typed phone number is validated, kept in full, and shown masked', async () => {
    const res = await editMine('王建国', { phone: '13712345678' });
    expect(res.status).toBe(200);
    expect(res.body.phoneMasked).toBe('137****5678');
    expect(res.body.phoneFromWechat).toBe(false);
    expect((await storedWang())?.phone).toBe('13712345678');
  });

  it('another counsel edits only their own profile; people who are not counsel have none', async () => {
    const before = await storedWang();
    const li = await editMine('李建国', { title: '兼职律师' });
    expect(li.status).toBe(200);
    expect(li.body.counselId).not.toBe(wangId);
    expect(await storedWang()).toEqual(before);
    // the county route is for county staff: a counsel cannot correct a colleague there
    expect(errorOf(await correct('李建国', { title: '冒名修改' }))).toBe('403 FORBIDDEN');
    expect(
      errorOf(
        await call('counselProfileHistory', { token: tokens['李建国'], params: { countyCode: COUNTY, counselId: wangId } }),
      ),
    ).toBe('403 FORBIDDEN');
    expect(errorOf(await uploadMine('林红霞', await image(600, 800, { r: 20, g: 90, b: 160 }).jpeg().toBuffer()))).toBe(
      '403 COUNSEL_PROFILE_NOT_COUNSEL',
    );
    expect(errorOf(await editMine('林红霞', { title: '律师' }))).toBe('403 COUNSEL_PROFILE_NOT_COUNSEL');
    expect(await storedWang()).toEqual(before);
  });
});

describe('a counsel without a profile yet (registered, not assigned)', () => {
  it('keeps one from the first save, the rest taking the defaults', async () => {
    const before = await mine('周新来');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ title: '律师', organization: '', phoneMasked: '', villages: [], updatedAt: null });
    const saved = await editMine('周新来', { organization: '阜蒙县法律服务所', specialties: ['劳动争议'], phone: '13600001111' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ organization: '阜蒙县法律服务所', specialties: ['劳动争议'], phoneMasked: '136****1111' });
    const stored = await db().collection('users').findOne({ openid: 'demo:test-new-counsel' });
    expect(stored?.counselProfile).toMatchObject({
      title: '律师',
      organization: '阜蒙县法律服务所',
      duties: [],
      specialties: ['劳动争议'],
      villageHours: [],
      photoUrl: null,
      phoneFromWechat: false,
    });
    expect(stored?.phone).toBe('13600001111');
  });
});

describe('county staff correct a profile of their county', () => {
  it('county staff of the county correct it; staff of another county cannot', async () => {
    const fixed = await correct('赵振华', { organization: '阜新众信律师事务所', certificateNumber: '12109202110654321' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ organization: '阜新众信律师事务所', certificateNumber: '12109202110654321' });
    const count = await changeCount();
    const before = await storedWang();
    expect(errorOf(await correct('钱立新', { organization: '别县改的' }))).toBe('403 OUT_OF_JURISDICTION');
    // in their own county they find no such counsel
    expect(errorOf(await correct('钱立新', { organization: '别县改的' }, '210922'))).toBe('404 COUNSEL_NOT_FOUND');
    expect(errorOf(await correct('赵振华', { organization: '越界修改' }, '210922'))).toBe('403 OUT_OF_JURISDICTION');
    const viewed = await call('counselProfile', { token: tokens['赵振华'], params: { countyCode: COUNTY, counselId: wangId } });
    expect(viewed.body.organization).toBe('阜新众信律师事务所');
    expect(viewed.body.phoneMasked).toBe('137****5678');
    expect(await changeCount()).toBe(count);
    expect(await storedWang()).toEqual(before);
  });

  it('keeps every change with who, when and each field before and after, for the counsel and county staff', async () => {
    const mineHistory = await call('myCounselProfileHistory', { token: tokens['王建国'] });
    const countyHistory = await call('counselProfileHistory', {
      token: tokens['赵振华'],
      params: { countyCode: COUNTY, counselId: wangId },
    });
    expect(mineHistory.status).toBe(200);
    expect(countyHistory.body).toEqual(mineHistory.body);
    const items = mineHistory.body.items;
    expect(items).toHaveLength(3); // the first edit, the phone, the county's correction
    const ats = items.map((c: { at: string }) => Date.parse(c.at));
    expect([...ats].sort((a, b) => b - a)).toEqual(ats); // newest first
    const [correction, phone, first] = items;
    expect(correction).toMatchObject({ byName: '赵振华', by: 'county', via: 'edit' });
    expect(correction.changes).toEqual([
      { field: 'organization', label: '执业机构', before: '辽宁蒙古贞律师事务所', after: '阜新众信律师事务所' },
      { field: 'certificateNumber', label: '执业证号', before: '12109202110123456', after: '12109202110654321' },
    ]);
    expect(phone).toMatchObject({ byName: '王建国', by: 'self' });
    expect(phone.changes).toEqual([
      { field: 'phone', label: '联系电话', before: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/), after: '137****5678' },
    ]);
    expect(first.changes.map((c: { field: string }) => c.field)).toEqual([
      'title',
      'certificateNumber',
      'duties',
      'specialties',
      `onSiteHours:${VILLAGE}`,
    ]);
    const hours = first.changes.find((c: { field: string }) => c.field === `onSiteHours:${VILLAGE}`);
    expect(hours.label).toBe('驻村时间（富民社区）');
    expect(hours.after).toBe('每周三上午 9:00–12:00');
    expect(first.changes.find((c: { field: string }) => c.field === 'certificateNumber').before).toBe('（空）');
    // no full phone number in the history replies, but the stored record keeps both in full
    const stored = await db()
      .collection('counsel_profile_changes')
      .findOne({ counselId: new mongoose.Types.ObjectId(wangId), 'changes.field': 'phone' });
    expect(stored?.changes[0].after).toBe('13712345678');
    expect(stored?.changes[0].before).toMatch(/^170\d{8}$/); // the demo number
    const text = JSON.stringify(mineHistory.body);
    expect(text).not.toContain('13712345678');
    expect(text).not.toContain(stored?.changes[0].before);
    expect(String(stored?.by)).toBe(wangId);
    expect(stored?.at).toBeInstanceOf(Date);
  });
});

describe('the profile photo', () => {
  const photos = () => db().collection('counsel_photos');

  it('a JPEG is checked, resized to 480 px wide and served on a public URL that the board shows', async () => {
    const jpeg = await image(1200, 1600, { r: 20, g: 90, b: 160 }).jpeg({ quality: 90 }).toBuffer();
    const checkedBefore = stack.wechat!.mediaChecks.length;
    stack.wechat!.holdMediaChecks = true;
    let uploaded: Reply;
    try {
      uploaded = await uploadMine('王建国', jpeg);
      expect(uploaded.status).toBe(200);
      await stack.wechat!.mediaChecksSettled();
      // until WeChat's asynchronous check passes it, the board keeps what it had
      expect(uploaded.body).toMatchObject({ photoUrl: null, newPhoto: { check: 'pending', reason: null } });
      expect((await wangCard())?.photoUrl ?? null).toBeNull();
    } finally {
      stack.wechat!.holdMediaChecks = false;
      await stack.wechat!.releaseMediaChecks();
    }
    const res = await mine('王建国');
    expect(res.body.newPhoto).toBeNull();
    expect(res.body.photoUrl).toMatch(new RegExp(`^/api/counsel/${wangId}/photos/[a-f0-9]{24}$`));
    // WeChat checked the resized photo, the one that is shown, by the uploader's openid
    const checked = stack.wechat!.mediaChecks.slice(checkedBefore);
    expect(checked).toHaveLength(1);
    expect(checked[0]).toMatchObject({ fetchStatus: 200, suggest: 'pass', pushStatuses: [200] });
    expect((await sharp(checked[0]!.media).metadata()).width).toBe(480);

    const served = await fetch(`${stack.baseUrl}${res.body.photoUrl}`); // no session: public like the board
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toContain('max-age');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 640 });
    const stored = await photos().findOne({ counselId: new mongoose.Types.ObjectId(wangId) }, { sort: { createdAt: -1 } });
    expect(stored).toMatchObject({ width: 480, height: 640, contentType: 'image/jpeg' });
    expect((await sharp(Buffer.from(stored!.data.buffer)).metadata()).width).toBe(480);

    expect((await wangCard())?.photoUrl).toBe(res.body.photoUrl);
    const history = await call('myCounselProfileHistory', { token: tokens['王建国'] });
    expect(history.body.items[0]).toMatchObject({
      via: 'photo',
      byName: '王建国',
      changes: [{ field: 'photoUrl', label: '照片' }],
    });
  });

  it('county staff replace it with a PNG (transparency flattened), kept as a 480 px JPEG', async () => {
    const png = await image(2000, 1000, { r: 40, g: 160, b: 60 }, true).png().toBuffer();
    const up = await upload(`/api/counties/${COUNTY}/counsel/${wangId}/profile/photo`, '赵振华', png, 'image/png', 'me.png');
    expect(up.status).toBe(200);
    await stack.wechat!.mediaChecksSettled();
    const res = await mine('王建国');
    const served = await fetch(`${stack.baseUrl}${res.body.photoUrl}`);
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 240, hasAlpha: false });
    const history = await call('myCounselProfileHistory', { token: tokens['王建国'] });
    expect(history.body.items[0]).toMatchObject({ via: 'photo', byName: '赵振华', by: 'county' });
    // staff of another county cannot
    expect(errorOf(await upload(`/api/counties/${COUNTY}/counsel/${wangId}/profile/photo`, '钱立新', png, 'image/png'))).toBe(
      '403 OUT_OF_JURISDICTION',
    );
  });

  it('refuses oversize files, text named .jpg, bytes that only look like an image, and risky images; nothing is stored', async () => {
    const before = { photos: await photos().countDocuments(), changes: await changeCount(), user: await storedWang() };
    const checkedBefore = stack.wechat!.mediaChecks.length;
    const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);

    const huge = await uploadMine('王建国', Buffer.concat([jpegStart, Buffer.alloc(5 * 1024 * 1024)]));
    expect(errorOf(huge)).toBe('413 PROFILE_PHOTO_TOO_LARGE');
    expect(huge.body.error.message).toContain('5MB');
    const text = await uploadMine('王建国', Buffer.from('这不是照片，只是一个文本文件'), 'image/jpeg', 'photo.jpg');
    expect(errorOf(text)).toBe('415 PHOTO_TYPE_UNSUPPORTED');
    const fake = await uploadMine('王建国', Buffer.concat([jpegStart, Buffer.from('garbage '.repeat(500))]));
    expect(errorOf(fake)).toBe('415 PROFILE_PHOTO_UNREADABLE');
    const real = await image(800, 800, { r: 20, g: 90, b: 160 }).jpeg().toBuffer();
    const cut = await uploadMine('王建国', real.subarray(0, Math.floor(real.length / 2)));
    expect(errorOf(cut)).toBe('415 PROFILE_PHOTO_UNREADABLE');
    const svg = await uploadMine('王建国', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml', 'a.svg');
    expect(errorOf(svg)).toBe('415 PHOTO_TYPE_UNSUPPORTED');
    // a JSON body is no form at all: refused as the wrong content type (issue 15)
    const empty = await call('uploadMyCounselPhoto', { token: tokens['王建国'], body: {} });
    expect(errorOf(empty)).toBe('415 UNSUPPORTED_MEDIA_TYPE');
    // none of these reached WeChat
    expect(stack.wechat!.mediaChecks.length).toBe(checkedBefore);

    stack.wechat!.mediaCheckErrcode = -1;
    try {
      const busy = await uploadMine('王建国', real);
      expect(errorOf(busy)).toBe('503 CONTENT_CHECK_UNAVAILABLE');
    } finally {
      stack.wechat!.mediaCheckErrcode = null;
    }
    for (const res of [huge, text, fake, cut]) expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await photos().countDocuments()).toBe(before.photos);
    expect(await changeCount()).toBe(before.changes);
    expect(await storedWang()).toEqual(before.user);
  });

  it("a risky photo is withdrawn by WeChat's verdict: never served, the profile keeps the previous photo", async () => {
    const before = { changes: await changeCount(), user: await storedWang() };
    const red = await image(900, 1200, { r: 255, g: 0, b: 0 }).jpeg().toBuffer();
    const risky = await uploadMine('王建国', red);
    expect(risky.status).toBe(200);
    expect(risky.body.newPhoto).toEqual({ check: 'pending', reason: null });
    await stack.wechat!.mediaChecksSettled();
    const after = await mine('王建国');
    expect(after.body.newPhoto).toMatchObject({ check: 'withdrawn', reason: expect.stringMatching(/违规/) });
    expect(after.body.photoUrl).toBe(before.user!.counselProfile.photoUrl);
    const stored = await photos().findOne({ counselId: new mongoose.Types.ObjectId(wangId) }, { sort: { createdAt: -1 } });
    expect(stored).toMatchObject({ check: 'withdrawn' });
    expect((await fetch(`${stack.baseUrl}/api/counsel/${wangId}/photos/${String(stored!._id)}`)).status).toBe(404);
    expect(await changeCount()).toBe(before.changes);
    expect(await storedWang()).toEqual(before.user);
  });

  it('an unknown photo is a 404', async () => {
    const res = await fetch(`${stack.baseUrl}/api/counsel/${wangId}/photos/0123456789abcdef01234567`);
    expect(res.status).toBe(404);
  });
});

describe("the phone from WeChat's phone-number button", () => {
  const wechatPhone = (code: string) => call('myCounselWechatPhone', { token: tokens['王建国'], body: { code } });

  it('a code from the button sets the number (verified by WeChat), shown masked and revealed only by the existing rule', async () => {
    stack.wechat!.issuePhoneCode('phone-code-ok', { purePhoneNumber: '13912345678' });
    const res = await wechatPhone('phone-code-ok');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phoneMasked: '139****5678', phoneFromWechat: true });
    expect((await storedWang())?.phone).toBe('13912345678');
    const history = await call('myCounselProfileHistory', { token: tokens['王建国'] });
    expect(history.body.items[0]).toMatchObject({ via: 'wechat_phone', changes: [{ field: 'phone', after: '139****5678' }] });
    // the board shows it masked; a villager of the village gets it in full through counselContact
    expect((await wangCard())?.phoneMasked).toBe('139****5678');
    const contact = await call('counselContact', {
      token: tokens['林红霞'],
      params: { villageCode: VILLAGE, counselId: wangId },
    });
    expect(contact.body.phone).toBe('13912345678');
  });

  it('a used, unknown or refused code gives a clear error and changes nothing', async () => {
    const before = { changes: await changeCount(), user: await storedWang() };
    const reused = await wechatPhone('phone-code-ok');
    expect(errorOf(reused)).toBe('400 WECHAT_PHONE_CODE_INVALID');
    expect(reused.body.error.message).toMatch(/手机号授权已失效/);
    expect(errorOf(await wechatPhone('never-issued'))).toBe('400 WECHAT_PHONE_CODE_INVALID');
    stack.wechat!.issuePhoneCode('phone-code-busy', { purePhoneNumber: '13800000000' });
    stack.wechat!.phoneNumberErrcode = -1;
    try {
      const busy = await wechatPhone('phone-code-busy');
      expect(errorOf(busy)).toBe('502 WECHAT_UNAVAILABLE');
      expect(busy.body.error.message).toMatch(/手动填写/);
    } finally {
      stack.wechat!.phoneNumberErrcode = null;
    }
    expect(errorOf(await wechatPhone(''))).toBe('400 VALIDATION_FAILED');
    expect(await changeCount()).toBe(before.changes);
    expect(await storedWang()).toEqual(before.user);
  });

  it('typing a number by hand afterwards clears the WeChat mark', async () => {
    const res = await editMine('王建国', { phone: '0418-7654321' });
    expect(res.body).toMatchObject({ phoneMasked: '*******4321', phoneFromWechat: false });
    const back = await editMine('王建国', { phone: '13912345678' });
    expect(back.body.phoneMasked).toBe('139****5678');
  });
});

describe('profile text passes the content check like group posts', () => {
  it('refuses risky text, text WeChat wants reviewed, and saves nothing when WeChat cannot be asked', async () => {
    const before = { changes: await changeCount(), user: await storedWang() };
    const risky = await editMine('王建国', { specialties: ['赌博纠纷'] });
    expect(errorOf(risky)).toBe('422 TEXT_CONTENT_RISKY');
    expect(risky.body.error.message).toMatch(/不适宜公示/);
    const byCounty = await correct('赵振华', { duties: ['组织集体上访'] });
    expect(errorOf(byCounty)).toBe('422 TEXT_CONTENT_RISKY');
    stack.wechat!.msgSecCheckErrcode = -1;
    try {
      expect(errorOf(await editMine('王建国', { title: '高级律师' }))).toBe('503 CONTENT_CHECK_UNAVAILABLE');
    } finally {
      stack.wechat!.msgSecCheckErrcode = null;
    }
    expect(await changeCount()).toBe(before.changes);
    expect(await storedWang()).toEqual(before.user);
  });
});

describe('the notice board shows the real profile', () => {
  it("shows photo, title, organisation, certificate number, specialties, duties, the masked phone and this village's hours", async () => {
    const card = await wangCard();
    expect(card).toMatchObject({
      name: '王建国',
      title: '专职律师',
      organization: '阜新众信律师事务所',
      certificateNumber: '12109202110654321',
      specialties: ['婚姻家庭', '土地承包'],
      duties: ['解答村民法律咨询', '参与人民调解'],
      phoneMasked: '139****5678',
      onSiteHours: '每周三上午 9:00–12:00',
    });
    expect(card.photoUrl).toMatch(/^\/api\/counsel\//);
    // the other village shows its own hours, not this one's
    const other = await wangCard(SECOND_VILLAGE);
    expect(other.onSiteHours).not.toBe('每周三上午 9:00–12:00');
    expect(other.onSiteHours).toMatch(/每月第/);
    const text = JSON.stringify(await board());
    expect(text).not.toContain('13912345678');
  });

  it("a village whose hours are cleared shows the county's own monthly target", async () => {
    const res = await editMine('王建国', { onSiteHours: [{ villageCode: SECOND_VILLAGE, text: '' }] });
    expect(res.status).toBe(200);
    expect((await wangCard(SECOND_VILLAGE)).onSiteHours).toBe('每月驻村服务不少于4小时，具体时间见村委会公告');
    expect((await wangCard()).onSiteHours).toBe('每周三上午 9:00–12:00');
  });
});

describe("the county's own procedures and supervision text", () => {
  const policy = (body: unknown, who = '赵振华') =>
    call('updateCountyPolicy', { token: tokens[who], params: { countyCode: COUNTY }, body });

  it('defaults to the standard procedures, and a county edit shows on its boards and in the policy history', async () => {
    const before = await board();
    expect(before.procedures).toHaveLength(5);
    expect(before.procedures[0]).toMatch(/^在线咨询/);
    expect(before.supervisionText).toMatch(/监督电话/);
    const procedures = [
      '到村委会登记，预约法律顾问',
      '法律顾问当场解答或约定时间答复',
      '需要法律援助的，由司法所初审后报县法律援助中心',
    ];
    const supervisionText = '对服务不满意，请拨打县司法局监督电话，工作日 8:30–17:00 有专人接听。';
    const res = await policy({ procedures, supervisionText, supervisionPhone: '0418-8812348' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ procedures, supervisionText, supervisionPhone: '0418-8812348' });
    const after = await board();
    expect(after).toMatchObject({ procedures, supervisionText, supervisionPhone: '0418-8812348' });
    const history = await call('countyPolicyHistory', { token: tokens['赵振华'], params: { countyCode: COUNTY } });
    expect(history.body.items[0]).toMatchObject({ byName: '赵振华', changes: { procedures, supervisionText } });
    // only county staff change it
    expect(errorOf(await policy({ supervisionText: '乡镇改的说明文字' }, '林红霞'))).toBe('403 FORBIDDEN');
  });

  it('refuses risky text and text out of its limits, changing nothing', async () => {
    const count = await db().collection('county_policy_changes').countDocuments({ countyCode: COUNTY });
    const risky = await policy({ procedures: ['参与赌博的可以找顾问'] });
    expect(errorOf(risky)).toBe('422 TEXT_CONTENT_RISKY');
    expect(risky.body.error.message).toContain('办事流程或监督说明');
    expect(errorOf(await policy({ procedures: [] }))).toBe('400 VALIDATION_FAILED');
    expect(errorOf(await policy({ procedures: Array.from({ length: 13 }, (_, i) => `第${i + 1}步办理`) }))).toBe(
      '400 VALIDATION_FAILED',
    );
    const long = await policy({ supervisionText: '长'.repeat(301) });
    expect(errorOf(long)).toBe('400 VALIDATION_FAILED');
    expect(long.body.error.message).toContain('300');
    expect(await db().collection('county_policy_changes').countDocuments({ countyCode: COUNTY })).toBe(count);
    expect((await board()).procedures[0]).toBe('到村委会登记，预约法律顾问');
  });

  it('a save that leaves the text as it was does not wait on WeChat; new text does', async () => {
    const current = (await call('countyPolicy', { token: tokens['赵振华'], params: { countyCode: COUNTY } })).body;
    stack.wechat!.msgSecCheckErrcode = -1;
    try {
      const figures = await policy({ procedures: current.procedures, supervisionText: current.supervisionText, closureDays: 6 });
      expect(figures.status).toBe(200);
      expect(figures.body.closureDays).toBe(6);
      expect(errorOf(await policy({ supervisionText: '新的监督说明：请拨打监督电话' }))).toBe('503 CONTENT_CHECK_UNAVAILABLE');
    } finally {
      stack.wechat!.msgSecCheckErrcode = null;
      await policy({ closureDays: current.closureDays });
    }
    expect((await board()).supervisionText).toBe(current.supervisionText);
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
