/**
 * `npm run admin -- invite` run for real, as the operator would, against the test database and a
 * fake WeChat: what it prints, the QR file it writes, the invitation redeeming over HTTP, and bad
 * arguments refused in Chinese with nothing written.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api } from '../support/http';
import { parseInviteOptions } from '../../server/src/cli/invite';
import { UsageError } from '../../server/src/cli/errors';

const ROOT = path.resolve(__dirname, '../..');
let stack: Stack;
let call: ReturnType<typeof api>;
let folder: string;

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  folder = mkdtempSync(path.join(tmpdir(), 'vc-invite-'));
});
afterAll(async () => {
  await stack?.stop();
  rmSync(folder, { recursive: true, force: true });
});

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** The real command line, with the test database as MONGODB_URI and, unless `noWechat`, the fake WeChat. */
function admin(args: string[], options: { noWechat?: boolean } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, MONGODB_URI: stack.db.uri };
  if (!options.noWechat) {
    Object.assign(env, {
      WECHAT_APPID: stack.wechat!.appid,
      WECHAT_SECRET: stack.wechat!.secret,
      WECHAT_API_BASE: stack.wechat!.baseUrl,
    });
  }
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'admin', '--', 'invite', ...args],
      { cwd: ROOT, env, timeout: 120_000 },
      (err, stdout, stderr) => {
        const status = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

const count = (collection: string) => mongoose.connection.collection(collection).countDocuments();
const codeIn = (stdout: string) => /邀请码 code：([23456789A-HJ-NP-Z]{8})/.exec(stdout)?.[1];

async function newPerson(tag: string) {
  stack.wechat!.issueCode(`cli-${tag}`, { openid: `cli-openid-${tag}` });
  const res = await call('wechatLogin', { body: { code: `cli-${tag}` } });
  return res.body.token as string;
}

describe('npm run admin -- invite', () => {
  it('invites the first county staff: prints the code in Chinese, writes the QR code, and the code works', async () => {
    const qr = path.join(folder, 'invitation.png');
    const run = await admin(['--role', 'county_staff', '--place', '210921', '--uses', '2', '--days', '3', '--qr', qr]);
    expect(`${run.status} ${run.stderr}`).toBe('0 ');
    expect(run.stdout).toContain('角色 role：县（区）司法局工作人员');
    expect(run.stdout).toContain('地区 place：阜新蒙古族自治县（210921）');
    expect(run.stdout).toContain('可使用人数 uses：2');
    expect(run.stdout).toMatch(/有效期至 expires：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
    expect(run.stdout).toContain(`小程序码 QR：已保存到 ${qr}`);
    const code = codeIn(run.stdout)!;
    expect(code).toBeDefined();
    expect(readFileSync(qr).subarray(1, 4).toString()).toBe('PNG');
    const asked = stack.wechat!.calls.filter((c) => c.path === '/wxa/getwxacodeunlimit').at(-1);
    expect(asked?.body).toMatchObject({ scene: code, page: 'account/redeem/index' });

    const stored = await mongoose.connection.collection('invitations').findOne({ code });
    expect(stored).toMatchObject({
      role: 'county_staff',
      placeCode: '210921',
      uses: 2,
      issuedBy: { id: null, name: '系统运维人员（命令行）' },
    });
    const days = (stored!.expiresAt.getTime() - stored!.createdAt.getTime()) / 86400000;
    expect(days).toBe(3);

    // the code, typed into the app by a person logged in with WeChat, makes them county staff
    const token = await newPerson('county');
    const res = await call('redeemInvitation', { token, body: { code } });
    expect(res.status).toBe(200);
    expect(res.body.grant).toEqual({ role: 'county_staff', placeCode: '210921', placeName: '阜新蒙古族自治县' });
    // the new county staff can now invite in the app
    const next = await call('createInvitation', { token, params: { code: '210921001' }, body: { role: 'township_staff' } });
    expect(next.status).toBe(201);
  }, 180_000);

  it('invites a province admin and a national admin; without WeChat it says why there is no QR code', async () => {
    const province = await admin(['--role', 'admin', '--place', '21']);
    expect(province.status).toBe(0);
    expect(province.stdout).toContain('角色 role：系统管理员（admin）');
    expect(province.stdout).toContain('地区 place：辽宁省（21）');
    expect(province.stdout).toContain('可使用人数 uses：1');

    const qr = path.join(folder, 'national.png');
    const national = await admin(['--role', 'admin', '--place', 'all', '--qr', qr], { noWechat: true });
    expect(national.status).toBe(0);
    expect(national.stdout).toContain('地区 place：全国（all）');
    expect(national.stderr).toContain('未配置微信');
    expect(existsSync(qr)).toBe(false);
    const code = codeIn(national.stdout)!;
    const token = await newPerson('national');
    const res = await call('redeemInvitation', { token, body: { code } });
    expect(res.status).toBe(200);
    expect(res.body.grant).toEqual({ role: 'admin', placeCode: '', placeName: '全国' });
  }, 180_000);

  // Each run of the real command takes seconds (tsx compiles the server): the runs cover one refusal
  // of each kind (before the database, after opening it); the other argument checks are asserted on
  // the same parser the command uses, below.
  const refusals: [string, string[], RegExp][] = [
    [
      'a role not given from the command line',
      ['--role', 'township_staff', '--place', '210921001'],
      /只能邀请县（区）司法局工作人员/,
    ],
    ['a county not in the places', ['--role', 'county_staff', '--place', '110101'], /区划表中没有“110101”/],
    ['0 uses', ['--role', 'county_staff', '--place', '210921', '--uses', '0'], /可使用人数应为 1—50 之间的整数/],
  ];
  it.each(refusals)(
    'refuses %s in Chinese, exits non-zero, writes nothing',
    async (_label, args, message) => {
      const before = [await count('invitations'), await count('role_changes')];
      const run = await admin(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).not.toContain('邀请码');
      expect([await count('invitations'), await count('role_changes')]).toEqual(before);
    },
    120_000,
  );
});

describe("the invite command's argument checks (made before the database is opened)", () => {
  const base = { role: 'county_staff', place: '210921' };
  const refused: [string, Record<string, string>, RegExp][] = [
    ['an unknown role', { role: 'boss' }, /不能邀请“boss”/],
    ['a village role', { role: 'legal_literate', place: '210921001001' }, /只能邀请县（区）司法局工作人员/],
    ['county staff at a province', { place: '21' }, /应为6位县级代码/],
    ['county staff for the country', { place: 'all' }, /应为6位县级代码/],
    ['an admin at a county', { role: 'admin', place: '210921' }, /应为2位省级代码或 all/],
    ['a fraction of days', { days: '1.5' }, /有效期应为 1—30 之间的整数/],
    ['too many days', { days: '31' }, /有效期应为 1—30 之间的整数/],
    ['uses in words', { uses: 'two' }, /可使用人数应为 1—50 之间的整数/],
    ['too many uses', { uses: '51' }, /可使用人数应为 1—50 之间的整数/],
    ['a QR file in a missing folder', { qr: '/no/such/folder/x.png' }, /保存目录不存在/],
    ['a long note', { note: '备'.repeat(51) }, /备注最多50字/],
  ];
  it.each(refused)('refuses %s', (_label, options, message) => {
    expect(() => parseInviteOptions({ ...base, ...options })).toThrow(UsageError);
    expect(() => parseInviteOptions({ ...base, ...options })).toThrow(message);
  });

  it('takes the defaults, all for the country, and a province for an admin', () => {
    expect(parseInviteOptions(base)).toEqual({
      role: 'county_staff',
      place: '210921',
      uses: 1,
      days: 7,
      qr: null,
      note: undefined,
    });
    expect(parseInviteOptions({ role: 'admin', place: 'ALL' }).place).toBe('');
    expect(parseInviteOptions({ role: 'admin', place: '21', uses: '5', days: '30' })).toMatchObject({
      place: '21',
      uses: 5,
      days: 30,
    });
  });
});
