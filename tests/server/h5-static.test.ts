/**
 * The H5 build as the server sends it (issue 14 item 6): the splash is in index.html, so something
 * is painted before any script arrives; the scripts are sent brotli- or gzip-compressed (made once
 * at build) to browsers that accept it, identical once decoded, and whole to those that do not.
 * Needs `npm run build:h5` (npm test builds it first).
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startStack, type Stack } from '../support/stack';

const H5 = path.resolve(__dirname, '../../miniprogram/dist-h5');
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seedDemo: false });
});
afterAll(() => stack?.stop());

/** A raw GET (fetch would decode the body and hide the encoding). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const indexHtml = () => readFileSync(path.join(H5, 'index.html'), 'utf8');
/** the largest script index.html loads: the one a slow network waits for */
function mainScript(): string {
  const scripts = [...indexHtml().matchAll(/src="\/?(js\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  return scripts.sort((a, b) => readFileSync(path.join(H5, b)).length - readFileSync(path.join(H5, a)).length)[0]!;
}

it('index.html paints a splash in Chinese before the scripts arrive', async () => {
  const res = await get(`${stack.baseUrl}/`);
  expect(res.status).toBe(200);
  const html = res.body.toString('utf8');
  expect(html).toContain('id="vc-splash"');
  expect(html).toContain('正在打开，请稍候');
});

it('a script is sent brotli-compressed to a browser that accepts it, the same bytes once decoded', async () => {
  const file = mainScript();
  const onDisk = readFileSync(path.join(H5, file));
  const br = await get(`${stack.baseUrl}/${file}`, { 'accept-encoding': 'gzip, deflate, br' });
  expect(br.status).toBe(200);
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers.vary).toMatch(/accept-encoding/i);
  expect(br.body.length).toBeLessThan(onDisk.length / 2);
  expect(zlib.brotliDecompressSync(br.body).equals(onDisk)).toBe(true);

  const gz = await get(`${stack.baseUrl}/${file}`, { 'accept-encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.body).equals(onDisk)).toBe(true);

  const plain = await get(`${stack.baseUrl}/${file}`);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.equals(onDisk)).toBe(true);
});
