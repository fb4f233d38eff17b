/**
 * With content checks off (the demo app id, no WeChat to ask: config.contentCheck 'off'), user
 * images pass at once and WeChat is never asked (tests/server/image-checks.test.ts has the checks).
 * Its own file: one stack, one database connection per test process.
 */
import sharp from 'sharp';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';

const pngOf = (rgb: { r: number; g: number; b: number }) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: rgb } })
    .png()
    .toBuffer();
const RED = { r: 255, g: 0, b: 0 };

describe('with content checks off (the demo app id: no WeChat to ask)', () => {
  let demo: Stack;
  beforeAll(async () => {
    demo = await startStack({ env: { CONTENT_CHECK: 'off' } });
  });
  afterAll(() => demo?.stop());

  it('images pass at once, WeChat is not asked', async () => {
    const { token } = await demoLogin(demo.baseUrl, '林红霞');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await pngOf(RED))], { type: 'image/png' }), 'a.png');
    const res = await fetch(`${demo.baseUrl}/api/me/avatar`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const body = await res.json();
    expect(body.avatar.check).toBe('pass');
    expect((await api(demo.baseUrl)('me', { token })).body.avatarUrl).toBe(body.avatar.url);
    expect(demo.wechat!.mediaChecks).toEqual([]);
  });
});
