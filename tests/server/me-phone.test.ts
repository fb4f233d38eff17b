/**
 * 我的资料's phone-number button (issue 13 item 6) over real HTTP on the demo data: POST /api/me/phone
 * with the code of WeChat's getPhoneNumber button (the fake WeChat's getuserphonenumber, single-use
 * codes as WeChat's). Roles whose work needs a phone (village cadre, counsel, township and county
 * staff) store WeChat's verified number, shown masked to others; a villager is never asked; a used
 * or unknown code and WeChat being busy change nothing and say so in Chinese.
 */
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;
const COUNTY = '210921';
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const errorOf = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const stored = (name: string) => mongoose.connection.collection('users').findOne({ _id: new mongoose.Types.ObjectId(ids[name]) });
const setPhone = (name: string, code: unknown) => call('myWechatPhone', { token: tokens[name], body: { code } });

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['赵振华', '周桂兰', '王建国', '林红霞']) {
    const s = await demoLogin(stack.baseUrl, name);
    tokens[name] = s.token;
    ids[name] = s.user.id;
  }
});
afterAll(() => stack?.stop());

describe('POST /api/me/phone', () => {
  it("a village cadre's code stores WeChat's number; they see it masked, and so does county staff in the staff list", async () => {
    stack.wechat!.issuePhoneCode('cadre-phone-ok', { purePhoneNumber: '13912341234' });
    const res = await setPhone('周桂兰', 'cadre-phone-ok');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids['周桂兰'], phoneMasked: '139****1234' });
    expect((await stored('周桂兰'))?.phone).toBe('13912341234');
    const me = await call('me', { token: tokens['周桂兰'] });
    expect(me.body.phoneMasked).toBe('139****1234');
    const list = await call('staffList', { token: tokens['赵振华'], params: { code: COUNTY } });
    expect(list.status).toBe(200);
    const cadre = (list.body.items as { userId: string; phoneMasked: string | null }[]).find((i) => i.userId === ids['周桂兰']);
    expect(cadre?.phoneMasked).toBe('139****1234');
    expect(JSON.stringify(list.body)).not.toContain('13912341234');
  });

  it('county staff too; a counsel through the counsel profile (history kept, marked as verified by WeChat)', async () => {
    stack.wechat!.issuePhoneCode('county-phone-ok', { purePhoneNumber: '13600001111' });
    expect((await setPhone('赵振华', 'county-phone-ok')).body.phoneMasked).toBe('136****1111');
    expect((await stored('赵振华'))?.phone).toBe('13600001111');

    stack.wechat!.issuePhoneCode('counsel-phone-ok', { purePhoneNumber: '13700002222' });
    const res = await setPhone('王建国', 'counsel-phone-ok');
    expect(res.status).toBe(200);
    expect(res.body.phoneMasked).toBe('137****2222');
    const profile = await call('myCounselProfile', { token: tokens['王建国'] });
    expect(profile.body).toMatchObject({ phoneMasked: '137****2222', phoneFromWechat: true });
    const history = await call('myCounselProfileHistory', { token: tokens['王建国'] });
    expect(history.body.items[0]).toMatchObject({ via: 'wechat_phone', changes: [{ field: 'phone', after: '137****2222' }] });
  });

  it('a villager is never asked: refused before WeChat is asked, nothing stored', async () => {
    const before = await stored('林红霞');
    stack.wechat!.issuePhoneCode('villager-phone', { purePhoneNumber: '13500003333' });
    const asked = stack.wechat!.calls.filter((c) => c.path === '/wxa/business/getuserphonenumber').length;
    const res = await setPhone('林红霞', 'villager-phone');
    expect(errorOf(res)).toBe('403 PHONE_NOT_NEEDED');
    expect(res.body.error.message).toBe('村民无需提供手机号');
    expect(stack.wechat!.calls.filter((c) => c.path === '/wxa/business/getuserphonenumber')).toHaveLength(asked);
    expect(await stored('林红霞')).toEqual(before);
  });

  it('a used or unknown code, an empty one, and WeChat busy: a clear Chinese error and nothing stored', async () => {
    const before = await stored('周桂兰');
    const reused = await setPhone('周桂兰', 'cadre-phone-ok');
    expect(errorOf(reused)).toBe('400 WECHAT_PHONE_CODE_INVALID');
    expect(reused.body.error.message).toMatch(/手机号授权已失效/);
    expect(errorOf(await setPhone('周桂兰', 'never-issued'))).toBe('400 WECHAT_PHONE_CODE_INVALID');
    expect(errorOf(await setPhone('周桂兰', ''))).toBe('400 VALIDATION_FAILED');
    expect(errorOf(await setPhone('周桂兰', 12345))).toBe('400 VALIDATION_FAILED');

    stack.wechat!.issuePhoneCode('cadre-phone-busy', { purePhoneNumber: '13800004444' });
    stack.wechat!.phoneNumberErrcode = -1;
    try {
      const busy = await setPhone('周桂兰', 'cadre-phone-busy');
      expect(errorOf(busy)).toBe('502 WECHAT_UNAVAILABLE');
      expect(busy.body.error.message).toMatch(/微信服务繁忙/);
    } finally {
      stack.wechat!.phoneNumberErrcode = null;
    }
    expect(await stored('周桂兰')).toEqual(before);
    // the code WeChat could not answer for is still good afterwards
    expect((await setPhone('周桂兰', 'cadre-phone-busy')).body.phoneMasked).toBe('138****4444');
  });

  it('needs a session', async () => {
    expect((await call('myWechatPhone', { body: { code: 'x' } })).status).toBe(401);
  });
});
