/**
 * What the HTTP layer answers before any handler runs, as the OpenAPI document promises (issue 15,
 * items 1, 4 and 6): methods a path does not serve, bodies that are not JSON, strangers at private
 * routes. Each of these answered differently before: 500, 400 without Allow, 400 instead of 401.
 */
import http from 'node:http';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, request } from '../support/http';

let stack: Stack;
let counsel: string;
beforeAll(async () => {
  stack = await startStack({ seedDemo: true });
  counsel = (await demoLogin(stack.baseUrl, '王建国')).token;
});
afterAll(() => stack?.stop());

/** Any method, TRACE included (fetch refuses to send it). */
const raw = (method: string, path: string) =>
  new Promise<{ status: number; allow: string | null; body: any }>((resolve, reject) => {
    const req = http.request(new URL(path, stack.baseUrl), { method }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          allow: res.headers.allow ?? null,
          body: (res.headers['content-type'] ?? '').includes('json') && text ? JSON.parse(text) : text,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });

describe('methods a path does not serve', () => {
  it.each(['TRACE', 'PROPFIND', 'PATCH', 'DELETE', 'OPTIONS'])(
    '%s on a known path: 405 with Allow, never 500',
    async (method) => {
      const reply = await raw(method, '/api/auth/demo-identities');
      expect(reply.status).toBe(405);
      expect(reply.allow).toBe('GET, HEAD');
      if (method !== 'OPTIONS') expect(reply.body.error.code).toBe('METHOD_NOT_ALLOWED');
    },
  );

  it('names every method a path serves in Allow', async () => {
    // the county policy is read with GET and changed with PUT
    const reply = await raw('DELETE', '/api/counties/210921/policy');
    expect(reply.status).toBe(405);
    expect(reply.allow).toBe('GET, HEAD, PUT');
  });

  it('a literal path outranks a template it also fits', async () => {
    // GET /api/consultations/:consultationId would read "photos" as an id and answer 400
    const reply = await raw('GET', '/api/consultations/photos');
    expect(reply.status).toBe(405);
    expect(reply.allow).toBe('POST');
  });

  it('an unknown method on an unknown path is 404, never 500', async () => {
    const reply = await raw('TRACE', '/api/no-such-thing');
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('the document answers GET and HEAD only', async () => {
    expect((await raw('GET', '/api/openapi.json')).status).toBe(200);
    expect((await raw('HEAD', '/api/openapi.json')).status).toBe(200);
    const post = await raw('POST', '/api/openapi.json');
    expect(post.status).toBe(405);
    expect(post.allow).toBe('GET, HEAD');
  });

  it('logged none of these as a server error', () => {
    expect(stack.errors).toEqual([]);
  });
});

describe('who is calling is asked before what they sent', () => {
  const call = () => api(stack.baseUrl);

  it('a stranger sending malformed JSON to a private route gets 401, not 400', async () => {
    const reply = await call()('submitLedgerEntry', { raw: '{"villageCode":' });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a stranger naming a malformed place gets 401, not 400', async () => {
    const reply = await call()('countyPolicy', { params: { countyCode: 'not-a-code' } });
    expect(reply.status).toBe(401);
  });

  it('a stranger sending text/plain gets 401; a counsel gets 415, not 400', async () => {
    const headers = { 'content-type': 'text/plain' };
    expect((await call()('submitLedgerEntry', { raw: 'hello', headers })).status).toBe(401);
    const reply = await call()('submitLedgerEntry', { raw: 'hello', headers, token: counsel });
    expect(reply.status).toBe(415);
    expect(reply.body.error).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求内容类型不受支持，请使用 JSON' });
  });

  it('an upload that is not a multipart form is 415', async () => {
    const villager = (await demoLogin(stack.baseUrl, '林红霞')).token;
    const reply = await call()('uploadConsultationPhoto', { body: { file: 'x' }, token: villager });
    expect(reply.status).toBe(415);
    expect(reply.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a JSON body still reaches the handler once the caller is known', async () => {
    const reply = await request(stack.baseUrl, 'POST', '/api/ledger/entries', {
      token: counsel,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      raw: JSON.stringify({ villageCode: '210921001001' }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('a signed call: the signature before anything is made of the body', () => {
  it.each([
    ['malformed JSON', 'application/json', '{"openid":'],
    ['text', 'text/plain', 'hello'],
  ])('%s without a signature is 401 BAD_SIGNATURE, not 400 or 415', async (_, type, body) => {
    const reply = await request(stack.baseUrl, 'POST', '/api/auth/cloud', { raw: body, headers: { 'content-type': type } });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('BAD_SIGNATURE');
  });
});
