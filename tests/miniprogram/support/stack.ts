/**
 * The running stack for UI tests: the real one from tests/support/stack.ts (embedded database
 * seeded with the Fumeng demo data + the Koa server), or — when VC_TEST_BASE_URL is set — an
 * already running server at that URL (handy while developing the UI; nothing is stopped).
 */
export interface TestStack {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startUiStack(): Promise<TestStack> {
  const external = process.env.VC_TEST_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/+$/, ''), stop: async () => undefined };
  // required lazily so this file also works (with VC_TEST_BASE_URL) before tests/support/stack.ts exists
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startStack } = require('../../support/stack') as {
    startStack(opts?: { seedDemo?: boolean }): Promise<TestStack>;
  };
  return startStack({ seedDemo: true });
}
