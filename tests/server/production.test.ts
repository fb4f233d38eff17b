import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { api } from '../support/http';
import { loadConfig } from '../../server/src/config';

let stack: Stack;
beforeAll(async () => {
  // Demo users exist in this database; production must still refuse to log anyone in as them.
  stack = await startStack({
    env: {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://127.0.0.1:1/unused',
      WECHAT_APPID: 'wx-prod',
      WECHAT_SECRET: 'prod-secret',
      CLOUD_SHARED_SECRET: 'prod-cloud-shared-secret-0123456789',
    },
  });
});
afterAll(() => stack?.stop());

it('production refuses demo identities and demo login, and creates no session', async () => {
  const call = api(stack.baseUrl);
  const demoUser = await mongoose.connection.collection('users').findOne({ demo: true });
  expect(demoUser).toBeTruthy();
  const list = await call('demoIdentities');
  expect(list.status).toBe(403);
  expect(list.body.error.code).toBe('DEMO_DISABLED');
  const login = await call('demoLogin', { body: { userId: String(demoUser!._id) } });
  expect(login.status).toBe(403);
  expect(login.body.error).toEqual({ code: 'DEMO_DISABLED', message: '生产环境不提供演示登录' });
  expect(await mongoose.connection.collection('sessions').countDocuments()).toBe(0);
});

it('production will not start on development secrets', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WECHAT_APPID.*WECHAT_SECRET.*CLOUD_SHARED_SECRET.*MONGODB_URI/);
  expect(() => loadConfig({ NODE_ENV: 'development', PORT: 'abc' })).toThrow(/PORT/);
});
