/**
 * Text limits count characters as a person does (issue 15, item 5), through real HTTP: a name of
 * rare CJK characters outside the Basic Multilingual Plane (𠀀, U+20000: two UTF-16 units each) is
 * as long as it looks, and the server never cuts such a character in half.
 */
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';

let stack: Stack;
let call: ReturnType<typeof api>;

const astral = (n: number) => '𠀀'.repeat(n);
let keys = 0;
const key = () => `text-length-${keys++}`;

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
});
afterAll(async () => {
  expect(stack.errors).toEqual([]);
  await stack?.stop();
});

describe('a display name of astral characters (limit 20 characters)', () => {
  let token = '';
  beforeAll(async () => {
    token = (await demoLogin(stack.baseUrl, '何春生')).token;
  });

  it('11 characters (22 UTF-16 units) are accepted and kept as sent', async () => {
    const name = `${astral(10)}王`;
    const saved = await call('updateProfile', { token, body: { name } });
    expect(saved.status).toBe(200);
    expect(saved.body.name).toBe(name);
    expect((await call('me', { token })).body.name).toBe(name);
  });

  it('20 are accepted; 21 are refused in Chinese and change nothing', async () => {
    expect((await call('updateProfile', { token, body: { name: astral(20) } })).status).toBe(200);
    const refused = await call('updateProfile', { token, body: { name: astral(21) } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(refused.body.error.message).toContain('姓名过长');
    expect((await call('me', { token })).body.name).toBe(astral(20));
  });
});

describe('what the server shortens it shortens by characters', () => {
  it('a question’s preview in the list is its first 60 characters, never half of one', async () => {
    const { token } = await demoLogin(stack.baseUrl, '林红霞');
    // one BMP character first, so a cut after 60 UTF-16 units would fall inside a surrogate pair
    const question = `邻${astral(69)}`;
    const asked = await call('askConsultation', { token, body: { clientKey: key(), question } });
    expect(asked.status).toBe(201);
    const mine = await call('myConsultations', { token });
    const item = mine.body.items.find((c: { id: string }) => c.id === asked.body.id);
    expect(item.preview).toBe(`邻${astral(59)}`);
  });
});
