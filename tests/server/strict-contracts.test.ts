/**
 * Outside production a handler cannot answer with a failure or a status its contract does not
 * declare: mountRoutes answers 500 and logs it, so whichever test reaches it fails. The handlers
 * here are this test's own (the real guards' decisions are not under test: every caller is let in).
 */
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { ROUTES } from '@vc/types';
import { AppError } from '../../server/src/shared/errors';
import { mountRoutes, replyWithStatus, type AppState, type Guards, type Handlers } from '../../server/src/shared/http';
import { errorMiddleware } from '../../server/src/shared/middleware';
import type { Logger } from '../../server/src/shared/log';

type Behaviour = 'declared' | 'undeclared' | 'status';

function serve(strictContracts: boolean) {
  const logged: unknown[] = [];
  const log = { error: (line: unknown) => logged.push(line), info: () => undefined, warn: () => undefined } as unknown as Logger;
  let behaviour: Behaviour = 'declared';
  const handler = ({ ctx }: { ctx: Koa.Context }) => {
    // the demo identities (a public read): DEMO_DISABLED is declared, LEDGER_ALREADY_LOCKED is not
    if (behaviour === 'declared') throw new AppError('DEMO_DISABLED');
    if (behaviour === 'undeclared') throw new AppError('LEDGER_ALREADY_LOCKED');
    return replyWithStatus(ctx as never, { ok: true }, 202);
  };
  const handlers = new Proxy({}, { get: () => handler }) as unknown as Handlers<typeof ROUTES>;
  const guards: Guards = {
    authenticate: () => Promise.resolve(null),
    verifySigned: () => Promise.resolve(),
    verifyWechatPush: () => undefined,
    checkMember: () => Promise.resolve(),
    consumeRate: () => Promise.resolve(),
    answered: () => Promise.resolve(),
  };
  const app = new Koa<AppState>();
  app.use(errorMiddleware());
  const router = mountRoutes(handlers, guards, { readJson: () => Promise.resolve(), strictContracts, log });
  app.use(router.routes());
  const server = app.listen(0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${ROUTES.demoIdentities.path}`;
  return {
    logged,
    get: async (next: Behaviour) => {
      behaviour = next;
      const res = await fetch(url);
      return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

it('a declared failure is answered as it is', async () => {
  const app = serve(true);
  const reply = await app.get('declared');
  expect(reply.status).toBe(403);
  expect(reply.body.error?.code).toBe('DEMO_DISABLED');
  expect(app.logged).toEqual([]);
  await app.close();
});

it('an undeclared failure code or status is a 500 outside production, and is logged', async () => {
  const app = serve(true);
  const code = await app.get('undeclared');
  expect(code.status).toBe(500);
  expect(code.body.error?.code).toBe('INTERNAL');
  const status = await app.get('status');
  expect(status.status).toBe(500);
  expect(app.logged).toEqual([
    expect.objectContaining({ route: 'demoIdentities', undeclared: 'LEDGER_ALREADY_LOCKED' }),
    expect.objectContaining({ route: 'demoIdentities', undeclared: 'status 202' }),
  ]);
  await app.close();
});

it('in production the person still gets the real answer; the mismatch is only logged', async () => {
  const app = serve(false);
  const code = await app.get('undeclared');
  expect(code.status).toBe(409);
  expect(code.body.error?.code).toBe('LEDGER_ALREADY_LOCKED');
  expect(app.logged).toHaveLength(1);
  await app.close();
});
