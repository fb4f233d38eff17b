// One jest run, five projects (docs/architecture.md, tests). @swc/jest strips types fast;
// `npm run typecheck` (tsc --noEmit) is the type check, run by tools/test.ts first.
const swc = ['@swc/jest', { jsc: { target: 'es2020', parser: { syntax: 'typescript', tsx: true } } }];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  // the worktree's own types, also by sub-path (node_modules may be another checkout's)
  moduleNameMapper: { '^@vc/types$': '<rootDir>/types/src/index.ts', '^@vc/types/src/(.*)$': '<rootDir>/types/src/$1' },
  rootDir: __dirname,
};

/** @type {import('jest').Config} */
module.exports = {
  // no watchman on these machines; jest's crawl hung waiting for it
  watchman: false,
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'domain', testEnvironment: 'node', testMatch: ['<rootDir>/tests/domain/**/*.test.ts'] },
    { ...common, displayName: 'server', testEnvironment: 'node', testMatch: ['<rootDir>/tests/server/**/*.test.ts'] },
    {
      ...common,
      displayName: 'cloudfunctions',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/cloudfunctions/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/miniprogram/**/*.test.ts'],
    },
    { ...common, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
