/**
 * Resilience (issue 5): property-based fuzzing of every route in the contract table (ROUTES, walked
 * here, so a new route is fuzzed without edits) with hostile bodies and queries: wrong types,
 * strings near and over the 32 KB body limit, deep nesting, MongoDB operators and dotted keys, lone
 * surrogates, invalid UTF-8, odd content types, and emoji / Mongolian / Tibetan text. Each request
 * comes from a caller the route admits, so bodies reach validation and often the handler. Never a
 * 5xx, never a hang, never a crash (the server process still answers afterwards), and every 4xx has
 * a stable code and a Chinese message. Valid text in those scripts is stored and read back
 * byte-identical through the API (group post, ledger summary, consultation question, name).
 *
 * Fixed seed (VC_FUZZ_SEED overrides it); a failure names the route, the seed and the request.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import mongoose from 'mongoose';
import { ROUTES, type RouteContract } from '@vc/types';
import { startResilienceStack, type ResilienceStack } from '../../support/resilience-server';
import { demoLogin, request } from '../../support/http';
import { pool } from '../../support/resilience-ledger';
import {
  CONTENT_TYPES,
  fieldsOf,
  hostileBody,
  hostileQuery,
  realText,
  validValue,
  type Known,
  type WireBody,
} from '../../support/resilience-fuzz';
import { fillPath, PATHS } from '../../../types/src';
import { signCloudRequest, SIGNATURE_HEADERS } from '../../../types/src/cloud-signing';

const SEED = Number(process.env.VC_FUZZ_SEED ?? 5_2026_05);
const RUNS_PER_ROUTE = 50;
const ROUND_TRIP_RUNS = 15;
/** a correctness bound (an answer, not a hang), not a speed claim */
const ANSWER_WITHIN_MS = 15000;
const COUNTY = '210903'; // small: FerretDB 1.24 scans whole collections, so fewer places are quicker

let stack: ResilienceStack;
const tokens = { staff: '', counsel: '', villager: '', admin: '' };
let params: Record<string, string>;
let staffUserId = '';
/** field values the callers may really use, so more fuzzed bodies get past the handlers' own checks */
let known: Known = {};

beforeAll(async () => {
  stack = await startResilienceStack({ countyCode: COUNTY });
  const { baseUrl } = stack.server;
  const staff = await demoLogin(baseUrl, '赵振华');
  const counsel = await demoLogin(baseUrl, '王建国');
  const villager = await demoLogin(baseUrl, '林红霞');
  const township = await demoLogin(baseUrl, '王志强');
  tokens.staff = staff.token;
  tokens.counsel = counsel.token;
  tokens.villager = villager.token;
  staffUserId = staff.user.id;
  // no demo identity holds admin (province routes): one made as an operator would, at the province
  const { insertedId } = await mongoose.connection.collection('users').insertOne({
    openid: 'test:resilience-admin',
    unionid: null,
    name: '省管理员',
    phone: null,
    avatarUrl: null,
    roles: [{ role: 'admin', placeCode: COUNTY.slice(0, 2) }],
    villageCode: null,
    counselProfile: null,
    demo: true,
    demoOrder: 500,
    createdAt: new Date(),
  });
  tokens.admin = (await sessionOf(String(insertedId))).token;
  const villageCode = villager.user.village.code as string;
  const townshipCode = (township.user.roles as { role: string; placeCode: string }[])[0]!.placeCode;
  const someId = '0123456789abcdef01234567';
  // valid path parameters inside the county staff's jurisdiction
  params = {
    provinceCode: COUNTY.slice(0, 2),
    countyCode: COUNTY,
    villageCode,
    code: COUNTY,
    counselId: counsel.user.id,
    assignmentId: someId,
    inviteCode: 'ABCDEF',
    townshipCode,
    entryId: someId,
    month: '2026-10',
    groupCode: COUNTY, // the county group, where the county staff moderate
    seq: '1',
    userId: counsel.user.id,
    heldId: someId,
    consultationId: someId,
    photoId: someId,
  };
  known = {
    villageCode: fc.constant(villageCode),
    counselId: fc.constant(counsel.user.id),
    userId: fc.constant(counsel.user.id),
    text: realText(2, 300),
    question: realText(5, 300),
    summary: realText(2, 300),
    reason: realText(2, 100),
  };
}, 120000);
afterAll(() => stack?.stop());

/** a session for a demo user by id (names change: the fuzzing renames people) */
async function sessionOf(userId: string): Promise<{ token: string }> {
  const res = await request(stack.server.baseUrl, 'post', PATHS.demoLogin.path, { body: { userId } });
  if (res.status !== 200) throw new Error(`demo login of ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A caller the route admits: county staff, or a counsel (villager) for counsel-only
 * (villager-only) routes, or the province admin for admin-only routes.
 */
function tokenFor(route: RouteContract): string {
  if (route.access.kind !== 'role') return tokens.staff;
  const roles: readonly string[] = route.access.roles;
  if (roles.includes('county_staff')) return tokens.staff;
  if (roles.includes('counsel')) return tokens.counsel;
  if (roles.includes('villager')) return tokens.villager;
  return tokens.admin;
}

/** the route's path with valid parameters; a parameter not known here gets a value its schema accepts */
const pathOf = (route: RouteContract) => {
  const values: Record<string, string> = {};
  for (const [, name] of route.path.matchAll(/:(\w+)/g)) {
    const schema = fieldsOf(route.params).get(name!);
    values[name!] =
      params[name!] ?? String(fc.sample(schema ? validValue(schema) : fc.constant('x'), { numRuns: 1, seed: SEED })[0]);
  }
  return fillPath(route.path, values);
};

interface Sent {
  status: number;
  body: unknown;
  ms: number;
}

/** One request as a client could send it; a hang past the bound is reported, not waited out. */
async function send(method: string, url: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<Sent> {
  const started = Date.now();
  const res = await fetch(url, {
    method: method.toUpperCase(),
    headers,
    body: body as BodyInit | undefined,
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = `(not JSON) ${text.slice(0, 100)}`;
    }
  }
  return { status: res.status, body: parsed, ms: Date.now() - started };
}

/** what must hold for every answer to hostile input */
function problemWith(res: Sent): string | null {
  if (res.status >= 500) return `a ${res.status}`;
  if (res.status >= 400) {
    const error = (res.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof error?.code !== 'string' || !/^[A-Z_]+$/.test(error.code)) return 'a 4xx without a stable code';
    if (typeof error.message !== 'string' || !/[\u4e00-\u9fff]/.test(error.message)) return 'a 4xx without a Chinese message';
  }
  return null;
}

// by id, so a run with a given seed is the same whatever the order of the table
const routes = (Object.values(ROUTES) as RouteContract[]).sort((a, b) => a.id.localeCompare(b.id));

describe('hostile bodies and queries on every route', () => {
  const answered = new Map<string, Record<string, number>>();
  const codes = new Map<string, number>();

  it(`never answers 5xx, always a stable code and a Chinese message (seed ${SEED}, ${RUNS_PER_ROUTE} runs per route)`, async () => {
    const { baseUrl } = stack.server;
    const failures: string[] = [];
    await pool(routes, 3, async (route) => {
      const statuses: Record<string, number> = {};
      answered.set(route.id, statuses);
      // GET and HEAD carry no body
      const bodies: fc.Arbitrary<WireBody | null> = route.method === 'get' ? fc.constant(null) : hostileBody(route.body, known);
      const property = fc.asyncProperty(
        bodies,
        hostileQuery(route.query, route.method === 'get' ? 1 : 12),
        fc.constantFrom(...CONTENT_TYPES),
        async (body, query, contentType) => {
          // logging out ends the session: give it one of its own each time
          const token = route.id === 'logout' ? (await sessionOf(staffUserId)).token : tokenFor(route);
          // a phone reading Chinese says so (X-VC-Language): the fuzzed PUT /api/me may set the
          // account's language to a translation, and messages then follow the account (issue 17)
          const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-vc-language': 'zh-Hans' };
          let wire: string | Uint8Array | undefined;
          if (body) {
            wire = 'text' in body ? body.text : body.bytes;
            headers['content-type'] = contentType;
          }
          if (route.access.kind === 'signed') {
            // signed as our cloud functions sign, so the body is what gets judged
            const timestamp = String(Date.now());
            const nonce = randomBytes(12).toString('hex');
            const raw = typeof wire === 'string' ? wire : wire ? Buffer.from(wire).toString('utf8') : '';
            headers[SIGNATURE_HEADERS.timestamp] = timestamp;
            headers[SIGNATURE_HEADERS.nonce] = nonce;
            headers[SIGNATURE_HEADERS.signature] = signCloudRequest(stack.env.CLOUD_SHARED_SECRET!, timestamp, nonce, raw);
          }
          const url = `${baseUrl}${pathOf(route)}${query.search ? `?${query.search}` : ''}`;
          let res: Sent;
          try {
            res = await send(route.method, url, headers, wire);
          } catch (err) {
            throw new Error(`no answer (${(err as Error).message}): ${route.method} ${url.slice(0, 200)} ${body?.label ?? ''}`);
          }
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const code = (res.body as { error?: { code?: string } } | null)?.error?.code ?? String(res.status);
          codes.set(code, (codes.get(code) ?? 0) + 1);
          const problem = problemWith(res);
          if (problem) {
            throw new Error(
              `${problem}: ${route.method.toUpperCase()} ${pathOf(route)}${query.label} [${contentType}] ${body?.label ?? 'no body'} ` +
                `${body && 'text' in body ? body.text.slice(0, 300) : ''} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
            );
          }
        },
      );
      try {
        await fc.assert(property, { seed: SEED, numRuns: RUNS_PER_ROUTE, includeErrorInReport: true });
      } catch (err) {
        failures.push(`${route.id} (seed ${SEED}): ${(err as Error).message.slice(0, 2000)}`);
      }
    });
    expect(failures).toEqual([]);
    // every route of the table was fuzzed
    expect([...answered.keys()].sort()).toEqual(Object.keys(ROUTES).sort());
    // and the inputs reached past the door: most routes saw validation refusals, and some calls succeeded
    const all = [...answered.values()];
    expect(all.filter((s) => (s['400'] ?? 0) > 0).length).toBeGreaterThan(routes.length / 2);
    expect(all.filter((s) => Object.keys(s).some((k) => k.startsWith('2'))).length).toBeGreaterThan(routes.length / 3);
    console.log(
      `hostile-input: ${routes.length} routes × ${RUNS_PER_ROUTE} runs (seed ${SEED}); answers: ` +
        [...codes]
          .sort((a, b) => b[1] - a[1])
          .map(([c, n]) => `${c} ${n}`)
          .join(', '),
    );
    // the hostile kinds arrived as such
    for (const code of ['VALIDATION_FAILED', 'FORBIDDEN_KEY', 'INVALID_JSON', 'BODY_TOO_LARGE']) {
      expect(`${code} ${codes.get(code) ?? 0}`).not.toBe(`${code} 0`);
    }
  }, 600000);

  it('still answers afterwards: the same server process, no crash, nothing logged as INTERNAL', async () => {
    const me = await request(stack.server.baseUrl, 'get', PATHS.me.path, { token: tokens.staff });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(staffUserId);
    expect(stack.server.crashes).toEqual([]);
    expect(stack.server.starts).toBe(1);
    expect(stack.server.logged).toEqual([]);
  });
});

describe('valid text in any script is stored and returned byte-identical', () => {
  const same = (sent: string, got: unknown) =>
    typeof got === 'string' && got === sent && Buffer.from(got, 'utf8').equals(Buffer.from(sent, 'utf8'));
  const key = () => `rt${randomBytes(8).toString('hex')}`;
  const run = (property: fc.IAsyncProperty<[string]>) => fc.assert(property, { seed: SEED, numRuns: ROUND_TRIP_RUNS });

  it('a group post, read back from the group', async () => {
    const { baseUrl } = stack.server;
    const groupCode = params.villageCode!;
    await run(
      fc.asyncProperty(realText(1, 1000), async (text) => {
        const clientKey = key();
        const posted = await request(baseUrl, 'post', fillPath(PATHS.postGroupMessage.path, { groupCode }), {
          token: tokens.villager,
          body: { clientKey, text },
        });
        expect(posted.status).toBe(201);
        const read = await request(baseUrl, 'get', fillPath(PATHS.groupMessages.path, { groupCode }), {
          token: tokens.villager,
          query: { after: posted.body.message.seq - 1, limit: 1 },
        });
        const message = read.body.items.find((m: { clientKey: string }) => m.clientKey === clientKey);
        expect(same(text, message?.text)).toBe(true);
      }),
    );
  }, 120000);

  it('a ledger summary, read back from the counsel’s entries', async () => {
    const { baseUrl } = stack.server;
    const now = Math.floor(Date.now() / 60000) * 60000;
    let n = 0;
    await run(
      fc.asyncProperty(realText(2, 2000), async (summary) => {
        n += 1;
        const clientKey = key();
        const start = now - (n + 2) * 3600 * 1000;
        const submitted = await request(baseUrl, 'post', PATHS.submitLedgerEntry.path, {
          token: tokens.counsel,
          body: {
            clientKey,
            villageCode: params.villageCode,
            kind: 'consultation',
            startAt: new Date(start).toISOString(),
            endAt: new Date(start + 30 * 60000).toISOString(),
            summary,
          },
        });
        expect(submitted.status).toBe(201);
        const read = await request(baseUrl, 'get', PATHS.myLedgerEntries.path, {
          token: tokens.counsel,
          query: { villageCode: params.villageCode! },
        });
        const entry = read.body.items.find((e: { clientKey: string }) => e.clientKey === clientKey);
        expect(same(summary, entry?.summary)).toBe(true);
      }),
    );
  }, 120000);

  it('a consultation question, read back from the consultation', async () => {
    const { baseUrl } = stack.server;
    await run(
      fc.asyncProperty(realText(5, 2000), async (question) => {
        const asked = await request(baseUrl, 'post', PATHS.askConsultation.path, {
          token: tokens.villager,
          body: { clientKey: key(), question },
        });
        expect(asked.status).toBe(201);
        const read = await request(baseUrl, 'get', fillPath(PATHS.consultation.path, { consultationId: asked.body.id }), {
          token: tokens.villager,
        });
        expect(same(question, read.body.question)).toBe(true);
      }),
    );
  }, 120000);

  it('a name, read back from who am I', async () => {
    const { baseUrl } = stack.server;
    await run(
      fc.asyncProperty(realText(2, 20), async (name) => {
        const updated = await request(baseUrl, 'put', PATHS.updateProfile.path, { token: tokens.counsel, body: { name } });
        expect(updated.status).toBe(200);
        const me = await request(baseUrl, 'get', PATHS.me.path, { token: tokens.counsel });
        expect(same(name, me.body.name)).toBe(true);
      }),
    );
  }, 60000);
});
