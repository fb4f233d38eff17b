/**
 * The running stack for the UI tests (tests/miniprogram, tests/e2e).
 *
 * By default `startStack({ seedDemo: true })` from tests/support/stack.ts — embedded database with
 * the Fumeng demo data + the Koa server serving miniprogram/dist-h5 at / and the API at /api — run
 * in a child node process (./stack-child.ts through tsx), because the mini-program tests run in
 * jsdom where mongoose/bson cannot load. With VC_TEST_BASE_URL set, an already running server at
 * that URL is used instead (nothing is started or stopped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface TestStack {
  baseUrl: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../../..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const CHILD = path.join(__dirname, 'stack-child.ts');
const START_TIMEOUT_MS = 90000;

export async function startUiStack(): Promise<TestStack> {
  const external = process.env.VC_TEST_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/+$/, ''), stop: () => Promise.resolve() };

  const child: ChildProcess = spawn(process.execPath, [TSX_CLI, CHILD], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the test stack did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { baseUrl: string }).baseUrl);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test stack exited with code ${code} before it was ready:\n${out}`));
    });
  });

  return {
    baseUrl,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(killed);
    },
  };
}
