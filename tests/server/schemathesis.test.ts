/**
 * The outside fuzzer (issue 15): Schemathesis 4 from PyPI (pinned, tools/schemathesis/requirements.txt)
 * generates requests from /api/openapi.json of a real test server with the demo data, for every
 * operation, unauthenticated and as each role, with real place codes, all checks, a fixed seed and a
 * bounded number of examples. The server and its own document must agree on every reply: 0 failures.
 *
 * Each identity calls every operation, with one of three budgets (tools/schemathesis/config.ts):
 * deep (the whole coverage phase, negative cases and undeclared methods included, and more fuzzing)
 * in exactly one run allowed to call it; allowed (positive coverage cases and some fuzzing) in every
 * other run allowed to call it; refused (a fuzzed request, which must be refused as documented) in
 * the rest. Runs are sequential with one worker, so the requests go out in the same order every
 * time. Reports of the last run: .cache/schemathesis/runs/<identity>/ (output.txt is Schemathesis'
 * own account, with a curl line per failure); the summary in .cache/schemathesis/summary.md.
 *
 * Stateful testing is on, with short scenarios: Schemathesis infers links between operations from
 * the document (an id a reply returns, a path parameter another operation takes), and only that
 * phase runs the use_after_free and ensure_resource_availability checks; it costs seconds per run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { ROUTES, type RouteContract, type Role } from '@vc/types';
import { startStack, type Stack } from '../support/stack';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { api, demoLogin } from '../support/http';
import { ensureSchemathesis } from '../../tools/schemathesis/ensure';
import { runSchemathesis, type FuzzRun } from '../../tools/schemathesis/run';
import type { FuzzBudget } from '../../tools/schemathesis/config';

/**
 * Checks switched off, each with the reason (check name → why). Empty: every check of
 * `--checks all` runs.
 */
const DISABLED_CHECKS: Record<string, string> = {
  positive_data_acceptance:
    'judges schema-valid data by status alone, so it cannot tell a document that lies about a shape (400 ' +
    'VALIDATION_FAILED) from a refusal by a rule no schema can state (400 LEDGER_END_BEFORE_START, 400 ' +
    'WECHAT_CODE_INVALID for a code WeChat does not know, 410 INVITATION_WITHDRAWN); replaced by ' +
    'positive_data_shape (tools/schemathesis/hooks.py), which fails on any refusal of valid data as malformed, by error code',
};

/**
 * Statuses positive_data_acceptance takes as an answer to schema-valid data besides its defaults
 * (2xx, 3xx, 401, 403, 404, 409, 429), each with the reason (status → why): refusals by rules
 * of the domain no JSON schema can state. Empty: every other refusal of valid data is a failure.
 */
const ALSO_ACCEPTED: Record<number, string> = {};

const BUDGET: FuzzBudget = {
  seed: 15,
  deepExamples: 6,
  allowedExamples: 2,
  refusedExamples: 1,
  statefulSteps: 6,
  requestTimeout: 30,
};

const OUT_DIR = path.resolve(__dirname, '..', '..', '.cache', 'schemathesis');
const COUNTY = '210921';
const TOWNSHIP = '210921001';
const VILLAGE = '210921001001'; // 富民社区: the demo villager's village and group, served by 王建国
const PROVINCE = '21';

type Session = { kind: 'none' } | { kind: 'person'; person: string } | { kind: 'admin' } | { kind: 'machine' };

interface Identity {
  /** file-name-safe label of the run */
  name: string;
  session: Session;
  /** operations the route table lets this identity call (they get more than a refusal's budget) */
  admits: (route: RouteContract) => boolean;
  /** `code` (a place it acts for) and `groupCode` (a group it belongs to) */
  code: string;
  group: string;
}

const byPerson = (roles: readonly Role[]) => (route: RouteContract) => {
  const { access } = route;
  if (access.kind === 'session' || access.kind === 'member') return true;
  return access.kind === 'role' && access.roles.some((role) => roles.includes(role));
};
const person = (name: string, who: string, roles: readonly Role[], code: string, group: string): Identity => ({
  name,
  session: { kind: 'person', person: who },
  admits: byPerson(roles),
  code,
  group,
});

// The order of the runs. Later identities change what earlier ones would see (staff decide on
// residents, moderate members, revoke credentials), so the people acted upon go first.
const IDENTITIES: Identity[] = [
  {
    name: 'anonymous',
    session: { kind: 'none' },
    // signed and WeChat-push routes take no session: anyone reaches their signature check
    admits: ({ access }) => access.kind === 'public' || access.kind === 'signed' || access.kind === 'wechat',
    code: '',
    group: '',
  },
  {
    name: 'machine-credential',
    session: { kind: 'machine' },
    admits: ({ access }) => access.kind === 'role' && access.machine === true,
    code: COUNTY,
    group: COUNTY,
  },
  person('villager-unbound', '何春生', [], COUNTY, VILLAGE),
  person('villager', '林红霞', ['villager'], VILLAGE, VILLAGE),
  person('village-cadre', '周桂兰', ['village_cadre', 'villager'], VILLAGE, VILLAGE),
  person('legal-literate', '吴秀英', ['legal_literate', 'villager'], VILLAGE, VILLAGE),
  person('mediator', '刘淑芬', ['mediator', 'villager'], VILLAGE, VILLAGE),
  person('counsel', '王建国', ['counsel'], VILLAGE, VILLAGE),
  person('township-staff', '王志强', ['township_staff'], TOWNSHIP, TOWNSHIP),
  person('county-expert', '孙雅琴', ['county_expert'], COUNTY, COUNTY),
  person('county-staff', '赵振华', ['county_staff'], COUNTY, COUNTY),
  { ...person('province-admin', '', ['admin'], PROVINCE, COUNTY), session: { kind: 'admin' } },
];

/**
 * Which run takes an operation deep: the first of these allowed to call it, so the negative cases
 * get past the access check to the validation behind it (a group's moderator for moderation, the
 * demo villager — bound, a member of her village group — for what every person may call).
 */
const DEEP_PREFERENCE = [
  'anonymous',
  'villager',
  'counsel',
  'township-staff',
  'county-staff',
  'province-admin',
  'village-cadre',
  'county-expert',
  'machine-credential',
  'villager-unbound',
  'legal-literate',
  'mediator',
];
const routes: RouteContract[] = Object.values(ROUTES);
const openApiPath = (koaPath: string) => koaPath.replace(/:(\w+)/g, '{$1}');
function deepRun(route: RouteContract): string {
  if (route.access.kind === 'member' && route.access.need === 'moderate') return 'township-staff';
  const name = DEEP_PREFERENCE.find((n) => IDENTITIES.find((i) => i.name === n)!.admits(route));
  if (!name) throw new Error(`no identity may call ${route.id}`);
  return name;
}

let stack: Stack;
let wechat: FakeWechat;
let call: ReturnType<typeof api>;

/** A province admin (the demo has none), created straight in the database as an operator would. */
async function provinceAdmin(): Promise<string> {
  const { insertedId } = await mongoose.connection.collection('users').insertOne({
    openid: 'test:fuzz-admin-21',
    unionid: null,
    name: '省管理员（模糊测试）',
    phone: null,
    avatarUrl: null,
    roles: [{ role: 'admin', placeCode: PROVINCE }],
    villageCode: null,
    counselProfile: null,
    demo: true,
    demoOrder: 700,
    createdAt: new Date(),
  });
  return String(insertedId);
}

/** A session for the identity: demo login for people, the issued secret for the machine. */
async function tokenFor(session: Session, ids: { admin: string; machineSecret: string }): Promise<string | null> {
  if (session.kind === 'none') return null;
  if (session.kind === 'machine') return ids.machineSecret;
  if (session.kind === 'person') return (await demoLogin(stack.baseUrl, session.person)).token;
  const login = await call('demoLogin', { body: { userId: ids.admin } });
  expect(login.status).toBe(200);
  return login.body.token as string;
}

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

function summary(runs: FuzzRun[], seconds: number, serverErrors: number): string {
  const total = (pick: (run: FuzzRun) => number) => runs.reduce((sum, run) => sum + pick(run), 0);
  const byCheck: Record<string, number> = {};
  for (const run of runs)
    for (const [check, n] of Object.entries(run.failuresByCheck)) byCheck[check] = (byCheck[check] ?? 0) + n;
  const lines = [
    `Schemathesis: ${runs.length} runs, ${total((r) => r.requests)} requests, ${total((r) => r.failures.length)} distinct failures (per run), ${seconds.toFixed(0)} s`,
    `failed checks (every failing request): ${counts(byCheck)}`,
    `disabled checks: ${Object.keys(DISABLED_CHECKS).join(', ') || 'none'}; also accepted for valid data: ${Object.keys(ALSO_ACCEPTED).join(', ') || 'nothing'}; errors the server logged: ${serverErrors}`,
    '',
    '| identity | operations | requests | seconds | statuses | failed checks | distinct failures |',
    '|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.operations} | ${r.requests} | ${r.seconds.toFixed(0)} | ${counts(r.statuses)} | ${counts(r.failuresByCheck)} | ${r.failures.length} |`,
    ),
  ];
  return lines.join('\n');
}

beforeAll(async () => {
  ensureSchemathesis((line) => console.log(line));
  // all of WeChat faked, the web login's OAuth too: a made-up code must get WeChat's "invalid code"
  wechat = await startFakeWechat();
  stack = await startStack({
    env: {
      WECHAT_APPID: wechat.appid,
      WECHAT_SECRET: wechat.secret,
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_WEB_APPID: wechat.webAppid,
      WECHAT_WEB_SECRET: wechat.webSecret,
      WECHAT_OPEN_BASE: wechat.baseUrl,
      // the fuzzer sends thousands of requests from one address; no limit may turn them into 429s
      // (startStack lifts the login and post limits already)
      RATE_LIMIT_MACHINE_PER_CREDENTIAL: '1000000',
    },
  });
  call = api(stack.baseUrl);
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await wechat?.stop();
});

test('Schemathesis finds no failure, unauthenticated and as each role', async () => {
  const started = Date.now();
  const villager = await demoLogin(stack.baseUrl, '林红霞');
  const counsel = await demoLogin(stack.baseUrl, '王建国');
  const countyStaff = await demoLogin(stack.baseUrl, '赵振华');
  // a machine credential of the county (provincial systems read reports with these)
  const issued = await call('issueMachineCredential', {
    token: countyStaff.token,
    params: { code: COUNTY },
    body: { name: '模糊测试平台' },
  });
  expect(issued.status).toBe(201);

  const schemaUrl = `${stack.baseUrl}/api/openapi.json`;
  const document = (await (await fetch(schemaUrl)).json()) as { paths: Record<string, Record<string, unknown>> };
  const operationCount = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  expect(operationCount).toBe(routes.length);

  const common = {
    dir: path.join(OUT_DIR, 'runs'),
    schemaUrl,
    checks: 'all',
    excludeChecks: Object.keys(DISABLED_CHECKS),
    budget: BUDGET,
    ownSession: ['logout'],
    alsoAccepted: Object.keys(ALSO_ACCEPTED).map(Number),
  };
  // real places and people for the path parameters every identity shares
  const shared = {
    countyCode: COUNTY,
    townshipCode: TOWNSHIP,
    villageCode: VILLAGE,
    provinceCode: PROVINCE,
    userId: String(villager.user.id),
    counselId: String(counsel.user.id),
  };
  const ids = { admin: await provinceAdmin(), machineSecret: issued.body.secret as string };
  const runs: FuzzRun[] = [];
  for (const identity of IDENTITIES) {
    const token = await tokenFor(identity.session, ids);
    // a second session for the logout operation to end (a machine credential has only the one)
    const logoutToken = identity.session.kind === 'machine' ? token : await tokenFor(identity.session, ids);
    runs.push(
      await runSchemathesis({
        ...common,
        name: identity.name,
        authenticated: token !== null,
        // unauthenticated, every path parameter is generated: garbage in the path must not turn
        // the 401 into anything else; with a session, real places and people
        parameters: token === null ? {} : { ...shared, code: identity.code, groupCode: identity.group },
        deep: routes.filter((route) => deepRun(route) === identity.name).map((route) => route.id),
        refused: routes.filter((route) => !identity.admits(route)).map((route) => route.id),
        // the machine's five report reads link to nothing (Schemathesis then reports an error)
        stateful: identity.session.kind !== 'machine',
        env: token === null ? {} : { VC_FUZZ_TOKEN: token, VC_FUZZ_LOGOUT_TOKEN: logoutToken! },
      }),
    );
  }

  const text = summary(runs, (Date.now() - started) / 1000, stack.errors.length);
  // the same failure seen by several identities is one line, naming them
  const seenBy = new Map<string, string[]>();
  for (const run of runs) {
    for (const f of run.failures) {
      const line = `${f.check}: ${f.operation} (${f.method} → ${f.status}${f.errorCode ? ` ${f.errorCode}` : ''}) ${f.message}`;
      seenBy.set(line.trim(), [...(seenBy.get(line.trim()) ?? []), run.name]);
    }
  }
  const distinct = [...seenBy].map(([line, names]) => `${line} [${names.join(', ')}]`).sort();
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, 'summary.md'), `${text}\n\n${distinct.map((line) => `- ${line}`).join('\n')}\n`);
  writeFileSync(
    path.join(OUT_DIR, 'failures.json'),
    JSON.stringify(
      runs.map(({ name, failures }) => ({ name, failures })),
      null,
      1,
    ),
  );
  console.log(`${text}\n\n${distinct.length} distinct failures:\n${distinct.join('\n')}`);

  for (const run of runs) {
    // every run went to its end, on every operation of the document, without errors of its own
    expect({ run: run.name, complete: run.complete, operations: run.operations, errors: run.errors }).toEqual({
      run: run.name,
      complete: true,
      operations: operationCount,
      errors: [],
    });
  }
  // the signed routes are fuzzed without a signature (the key is the cloud functions' secret, or
  // WeChat's push token): no request may get through, whoever sends it
  const signed = routes
    .filter((r) => r.access.kind === 'signed' || r.access.kind === 'wechat')
    .map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
  const admittedUnsigned = runs.flatMap((run) =>
    signed.flatMap((label) =>
      Object.keys(run.statusesByOperation[label] ?? {})
        .filter((status) => status.startsWith('2'))
        .map((status) => `${run.name}: ${label} → ${status}`),
    ),
  );
  expect(signed.length).toBeGreaterThan(0);
  expect(admittedUnsigned).toEqual([]);
  // without a session, whatever the path, query or body, an operation that needs one answers 401
  // (not 400: checking the input first would tell strangers the shape of private routes)
  const anonymous = runs.find((run) => run.name === 'anonymous')!;
  const { admits: openToAnyone } = IDENTITIES.find((identity) => identity.name === 'anonymous')!;
  const openToAll = routes.filter(openToAnyone).map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
  const notRefused = Object.entries(anonymous.statusesByOperation)
    .filter(([label]) => !openToAll.includes(label))
    .flatMap(([label, statuses]) =>
      Object.keys(statuses)
        .filter((s) => s !== '401')
        .map((s) => `${label} → ${s}`),
    );
  expect(Object.keys(anonymous.statusesByOperation).length).toBe(operationCount);
  expect(notRefused).toEqual([]);
  // our own check (tools/schemathesis/hooks.py) ran beside the built-in ones, in every run
  for (const run of runs)
    expect({ run: run.name, positive_data_shape: (run.checksRun.positive_data_shape ?? 0) > 0 }).toEqual({
      run: run.name,
      positive_data_shape: true,
    });
  expect(distinct.slice(0, 40)).toEqual([]);
}, 900_000);
