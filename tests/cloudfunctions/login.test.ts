/**
 * The built cloud function `login` (cloudfunctions/dist/login/index.js, as uploaded to WeChat's cloud)
 * against a real running server. The real wx-server-sdk reads the caller's identity from the
 * environment variables the cloud runtime sets (WX_CONTEXT_KEYS, WX_OPENID, WX_UNIONID, …).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api } from '../support/http';

const root = path.resolve(__dirname, '../..');
const distFile = path.join(root, 'cloudfunctions/dist/login/index.js');
const SECRET = 'cloud-function-test-shared-secret-42';

type LoginResult = { ok: true; session: any } | { ok: false; error: { code: string; message: string } };
let main: (event: any) => Promise<LoginResult>;
let stack: Stack;
let call: ReturnType<typeof api>;

/** newest modification time of the files the bundle is built from */
function newestSource(): number {
  const files: string[] = [path.join(root, 'types/src/cloud-signing.ts'), path.join(root, 'cloudfunctions/build.mjs')];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.join(root, 'cloudfunctions/src'));
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** what the cloud runtime sets for a call from a mini-program user */
function cloudContext(context: { OPENID?: string; UNIONID?: string; APPID?: string }) {
  const keys: string[] = [];
  for (const [name, value] of Object.entries(context)) {
    if (value === undefined) continue;
    keys.push(`WX_${name}`);
    process.env[`WX_${name}`] = value;
  }
  process.env.WX_CONTEXT_KEYS = keys.join(',');
}

const savedEnv = { ...process.env };

beforeAll(async () => {
  if (!existsSync(distFile) || statSync(distFile).mtimeMs < newestSource()) {
    const build = spawnSync('npm', ['run', 'build:cloud', '--silent'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build:cloud failed:\n${build.stdout}\n${build.stderr}`);
  }
  stack = await startStack({ seedDemo: false, env: { CLOUD_SHARED_SECRET: SECRET } });
  call = api(stack.baseUrl);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  main = require(distFile).main;
  expect(typeof main).toBe('function');
});

afterAll(async () => {
  await stack?.stop();
});

beforeEach(() => {
  process.env.VC_SERVER_URL = stack.baseUrl;
  process.env.VC_CLOUD_SHARED_SECRET = SECRET;
});

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

describe('cloud function login (built bundle, real wx-server-sdk, real server)', () => {
  it('with an OPENID in the cloud context returns a session whose token works', async () => {
    cloudContext({ OPENID: 'oCloud-first-0001', APPID: 'wx-test-appid' });
    const result = await main({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.session.token).toEqual(expect.any(String));
    expect(new Date(result.session.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const me = await call('me', { token: result.session.token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(result.session.user.id);
    expect(me.body.village).toBeNull();

    const user = await mongoose.connection.collection('users').findOne({ openid: 'oCloud-first-0001' });
    expect(String(user?._id)).toBe(result.session.user.id);
    expect(stack.errors).toEqual([]);
  });

  it("action 'login' does what no action does", async () => {
    cloudContext({ OPENID: 'oCloud-action-0002' });
    const result = await main({ action: 'login' });
    expect(result.ok).toBe(true);
  });

  it('the same OPENID twice is the same person, with two different sessions', async () => {
    cloudContext({ OPENID: 'oCloud-twice-0003' });
    const first = await main({});
    const second = await main({});
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.session.user.id).toBe(first.session.user.id);
    expect(second.session.token).not.toBe(first.session.token);
    expect(await mongoose.connection.collection('users').countDocuments({ openid: 'oCloud-twice-0003' })).toBe(1);

    cloudContext({ OPENID: 'oCloud-other-0004' });
    const other = await main({});
    expect(other.ok).toBe(true);
    if (other.ok) expect(other.session.user.id).not.toBe(first.session.user.id);
  });

  it('passes the UNIONID through: stored with the person, who is found by it from another app', async () => {
    cloudContext({ OPENID: 'oCloud-union-app1', UNIONID: 'uCloud-union-0005' });
    const first = await main({});
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const stored = await mongoose.connection.collection('users').findOne({ openid: 'oCloud-union-app1' });
    expect(stored?.unionid).toBe('uCloud-union-0005');

    // the same person through another mini-program of the organisation: another openid, same unionid
    cloudContext({ OPENID: 'oCloud-union-app2', UNIONID: 'uCloud-union-0005' });
    const second = await main({});
    expect(second.ok).toBe(true);
    if (second.ok) expect(second.session.user.id).toBe(first.session.user.id);
  });

  it('without an OPENID (not called from a mini-program): NO_OPENID, nothing sent to the server', async () => {
    const before = await mongoose.connection.collection('users').countDocuments();
    delete process.env.WX_CONTEXT_KEYS;
    delete process.env.WX_OPENID;
    expect(await main({})).toEqual({
      ok: false,
      error: { code: 'NO_OPENID', message: expect.stringMatching(/[\u4e00-\u9fff]/) },
    });

    cloudContext({ APPID: 'wx-test-appid' }); // a context, but no OPENID in it
    const result = await main({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NO_OPENID');
    expect(await mongoose.connection.collection('users').countDocuments()).toBe(before);
  });

  it('with a wrong shared secret the server refuses: BAD_SIGNATURE', async () => {
    cloudContext({ OPENID: 'oCloud-badsig-0006' });
    process.env.VC_CLOUD_SHARED_SECRET = 'not-the-server-shared-secret';
    const result = await main({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('BAD_SIGNATURE');
    expect(await mongoose.connection.collection('users').countDocuments({ openid: 'oCloud-badsig-0006' })).toBe(0);
  });

  it('with the server unreachable: SERVER_UNREACHABLE', async () => {
    cloudContext({ OPENID: 'oCloud-down-0007' });
    process.env.VC_SERVER_URL = `http://127.0.0.1:${await closedPort()}`;
    const result = await main({});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('SERVER_UNREACHABLE');
      expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('an unknown action: UNKNOWN_ACTION, even with an OPENID', async () => {
    cloudContext({ OPENID: 'oCloud-action-0008' });
    const result = await main({ action: 'deleteEverything' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('UNKNOWN_ACTION');
    expect(await mongoose.connection.collection('users').countDocuments({ openid: 'oCloud-action-0008' })).toBe(0);
  });

  it('restores the environment between tests', () => {
    expect(process.env.WX_OPENID).toBe(savedEnv.WX_OPENID);
    expect(process.env.WX_CONTEXT_KEYS).toBe(savedEnv.WX_CONTEXT_KEYS);
  });
});
