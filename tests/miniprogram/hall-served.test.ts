/**
 * A service the counsel recorded with the villager named (issue 16 item 5, 服务一次、评价一次), in
 * the COMPILED weapp build against a real server. Needs `npm run build:weapp -w miniprogram`.
 *
 * Counsel 王建国 records a home visit naming 林红霞 (through the API, as the entry page would); she
 * opens the service hall, finds it under 法律顾问为我提供的服务, scores it and submits: the server
 * holds it rated, and the page shows 已评价 where the button was.
 */
import type { ServedService, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type WeappRuntime } from './support/taro-weapp';

const WAIT = 15000;
let stack: TestStack;
let runtime: WeappRuntime;
let villager: Session;
let counsel: Session;

beforeAll(async () => {
  stack = await startUiStack();
  villager = await demoLoginByName(stack.baseUrl, '林红霞');
  counsel = await demoLoginByName(stack.baseUrl, '王建国');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: villager } });
  runtime.wx.privacy.authorized = true;
});

afterAll(async () => {
  await stack?.stop();
});

it('the villager rates a service the counsel recorded with her named, once', async () => {
  const end = new Date(Date.now() - 3600_000);
  const entry = await api<{ id: string; servedName: string }>(stack.baseUrl, 'POST', '/api/ledger/entries', counsel.token, {
    clientKey: `served-${Date.now().toString(36)}`,
    villageCode: '210921001001',
    kind: 'home_visit',
    startAt: new Date(end.getTime() - 3600_000).toISOString(),
    endAt: end.toISOString(),
    summary: '入户讲解土地承包经营权流转的注意事项',
    servedUserId: villager.user.id,
  });
  expect(entry.servedName).toBe('林红霞');

  const page = runtime.openPage('hall/index/index');
  await waitFor(() => page.querySelector(`#served-${entry.id}`), WAIT, 'the served service listed');
  expect(textOf(page, `served-${entry.id}`)).toContain('入户走访 · 王建国');
  tap(page, `served-rate-open-${entry.id}`);
  await waitFor(() => page.querySelector('#served-rate-attitude-5'), WAIT, 'the rating form');
  // one tap at a time, as a person taps: the page renders between them
  for (const key of ['attitude', 'efficiency', 'competence']) {
    tap(page, `served-rate-${key}-${key === 'competence' ? 4 : 5}`);
    await waitFor(() => textOf(page, `served-rate-${key}-value`) !== '', WAIT, `the ${key} score shown`);
  }
  tap(page, 'served-rate-submit');
  await waitFor(
    () => !page.querySelector(`#served-rate-open-${entry.id}`) && !page.querySelector('#served-rate-box'),
    WAIT,
    'rated',
  );
  expect(textOf(page, `served-${entry.id}`)).toContain('已评价');

  const served = await api<{ items: ServedService[] }>(stack.baseUrl, 'GET', '/api/ledger/served', villager.token);
  expect(served.items.find((s) => s.entryId === entry.id)?.rated).toBe(true);
});
