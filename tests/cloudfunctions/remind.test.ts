import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import mongoose from 'mongoose';
import { startStack, type Stack } from '../support/stack';
import { acceptEach } from '../support/notices';

dayjs.extend(utc);
dayjs.extend(timezone);

const SECRET = 'remind-function-shared-secret-0123';
const root = path.resolve(__dirname, '..', '..');
let stack: Stack;
let remind: { main: (event?: { asOf?: string }) => Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> };
const saved = { ...process.env };

beforeAll(async () => {
  // always test the bundle as it would be uploaded
  const build = spawnSync('npm', ['run', 'build:cloud', '--silent'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  stack = await startStack({ env: { CLOUD_SHARED_SECRET: SECRET } });
  // every counsel turned the month-end reminder on (开启月底提醒): one send each
  const counsel = await mongoose.connection.collection('users').find({ 'roles.role': 'counsel' }).toArray();
  await acceptEach(
    stack,
    counsel.map((person) => person.openid as string),
  );
  // the built bundle, loaded as the cloud runtime loads it
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  remind = require(path.join(root, 'cloudfunctions', 'dist', 'remind', 'index.js'));
}, 180_000);
afterEach(() => {
  process.env = { ...saved };
});
afterAll(() => stack?.stop());

it('ships its timer trigger in config.json', () => {
  const config = JSON.parse(readFileSync(path.join(root, 'cloudfunctions', 'dist', 'remind', 'config.json'), 'utf8'));
  expect(config.triggers[0]).toMatchObject({ type: 'timer' });
  expect(config.triggers[0].config.split(' ')).toHaveLength(7);
});

it('runs the reminders through a signed call: all 130 demo counsel are behind near the month end', async () => {
  process.env.VC_SERVER_URL = stack.baseUrl;
  process.env.VC_CLOUD_SHARED_SECRET = SECRET;
  const nearEnd = dayjs().tz('Asia/Shanghai').startOf('month').subtract(2, 'day').hour(9).format();
  const first = await remind.main({ asOf: nearEnd });
  // no bookings or lecture sign-ups in the demo seed for tomorrow: the same daily run reminds of those too (issues 16, 17)
  const noBookings = { reminded: 0, sent: 0, failed: 0, alreadyReminded: 0, skipped: 0 };
  expect(first).toEqual({
    ok: true,
    result: { checked: 130, sent: 130, failed: 0, alreadyReminded: 0, skipped: 0, bookings: noBookings, lectures: noBookings },
  });
  expect(stack.wechat!.messages).toHaveLength(130);
  const second = await remind.main({ asOf: nearEnd });
  expect(second).toEqual({
    ok: true,
    result: { checked: 130, sent: 0, failed: 0, alreadyReminded: 130, skipped: 0, bookings: noBookings, lectures: noBookings },
  });
});

it('reports a wrong secret and an unreachable server without throwing', async () => {
  process.env.VC_SERVER_URL = stack.baseUrl;
  process.env.VC_CLOUD_SHARED_SECRET = 'not-the-right-secret-at-all';
  expect(await remind.main({})).toMatchObject({ ok: false, error: { code: 'BAD_SIGNATURE' } });
  process.env.VC_SERVER_URL = 'http://127.0.0.1:9';
  process.env.VC_CLOUD_SHARED_SECRET = SECRET;
  expect(await remind.main({})).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
});
