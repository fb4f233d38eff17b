/**
 * `npm test`: type-check, lint, build what the tests load (the embedded database, the weapp and H5
 * builds, the cloud functions), run every jest project, and close with "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBinary } from './db/embedded';
import { ensureSchemathesis } from './schemathesis/ensure';

const root = path.resolve(__dirname, '..');
const run = (label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`  ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
};
const must = (status: number, label: string) => {
  if (status !== 0) {
    console.error(`${label} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
};

const jestArgs = process.argv.slice(2);
must(run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']), 'typecheck');
must(run('typecheck mini-program', 'npx', ['tsc', '-p', 'miniprogram/tsconfig.json', '--noEmit']), 'typecheck mini-program');
// includes the rule that no module imports another module's model (server/src/store/README.md, rule 3)
must(run('lint', 'npx', ['eslint', '.']), 'lint');
ensureBinary((line) => console.log(line));
ensureSchemathesis((line) => console.log(line)); // the outside API fuzzer (tests/server/schemathesis.test.ts)
must(run('build cloud functions', 'npm', ['run', 'build:cloud', '--silent']), 'cloud build');
must(run('build weapp', 'npm', ['run', 'build:weapp', '--silent']), 'weapp build');
must(run('build h5', 'npm', ['run', 'build:h5', '--silent']), 'h5 build');

mkdirSync(path.join(root, '.cache'), { recursive: true });
const resultsFile = path.join(root, '.cache', 'jest-results.json');
const status = run('jest', 'npx', ['jest', '--maxWorkers=2', '--json', `--outputFile=${resultsFile}`, ...jestArgs]);
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
  };
  console.log(
    `\n${results.numPassedTests} passed, ${results.numFailedTests} failed${results.numPendingTests ? `, ${results.numPendingTests} skipped` : ''}`,
  );
} catch {
  console.log('0 passed, 1 failed');
}
process.exit(status);
