// Flat config (eslint 9 + typescript-eslint). TypeScript is linted with type information
// (`recommendedTypeChecked`): `projectService` gives every file the tsconfig.json nearest to it, so
// types/, server/, cloudfunctions/, tests/, tools/ and bench/ use the root tsconfig.json and
// miniprogram/src/ uses miniprogram/tsconfig.json (its own module resolution, DOM lib, Taro globals).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

/** Node globals for the plain JS config files (no dependency on the `globals` package). */
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'URL',
    'setTimeout',
    'clearTimeout',
  ].map((name) => [name, 'readonly']),
);

const tsFiles = [
  'types/**/*.ts',
  'server/**/*.ts',
  'cloudfunctions/**/*.ts',
  'tools/**/*.ts',
  'tests/**/*.ts',
  'bench/**/*.ts',
  'miniprogram/src/**/*.{ts,tsx}',
  'miniprogram/types/**/*.ts',
];

/** The zod-free files of types/ that the mini-program may import at run time. */
const zodFreeTypes = [
  '@vc/types/src/paths',
  '@vc/types/src/labels',
  '@vc/types/src/constants',
  '@vc/types/src/i18n/languages',
  '@vc/types/src/i18n/resources (and the locales JSON)',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-h5/**',
      '**/coverage/**',
      '.cache/**',
      '.data/**',
      '.swc/**',
      '.git/**',
      'bench/results/**',
      'bench/.cache/**',
      'tools/ferretdb/**',
      // Taro build configuration (its own toolchain, not application code)
      'miniprogram/config/**',
      'miniprogram/babel.config.js',
    ],
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: nodeGlobals },
  },
  {
    files: tsFiles,
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Both are in recommendedTypeChecked; named here because they are the reason type-aware lint
      // exists in this repo: a promise nobody awaits loses its error (an unhandled rejection), and an
      // async function where a void callback is expected (Koa/Node events, React props) does too.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // A module's model is its own: other modules read and write its data through the functions it
    // exports (queries.ts, places/lookup.ts), which carry the indexed equality every query needs on
    // the embedded engine (FerretDB pushes down only top-level equality; server/src/store/ids.ts).
    files: ['server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/model', '../*/model.*', '../../modules/*/model', '../../modules/*/model.*', '**/modules/*/model'],
              message:
                "Another module's model is not imported: use the owning module's queries.ts (accounts, counsel, consultations) or places/lookup.ts, and add a function there if none fits.",
            },
          ],
        },
      ],
    },
  },
  {
    // HTTP stays at the edge: only the route files and the HTTP plumbing know Koa; services, policies
    // and the store take and return plain values (not even Koa types), so tests and jobs call them
    // without a request.
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/modules/*/routes.ts',
      'server/src/shared/http.ts',
      'server/src/shared/middleware.ts',
      'server/src/app.ts',
      'server/src/routes.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['koa', 'koa-*', '@koa/*', '@types/koa', '@types/koa*'],
              message:
                'Koa is imported only by server/src/modules/*/routes.ts, shared/http.ts, shared/middleware.ts, app.ts and routes.ts: take and return plain values here.',
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycles in the server. import-x/no-cycle follows value imports file by file (`import
    // type` is erased and does not count); a cycle between two modules through different files
    // (a/x → b/y → a/z) is not a file cycle and is not caught. About 1.5 s of the lint's time.
    files: ['server/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // the files import-x reads (it skips other extensions) and how it parses them
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The mini-program bundle carries no zod: from types/ it imports types anywhere (`import type`,
    // erased at build), and values only from the zod-free files (paths, labels, constants).
    files: ['miniprogram/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@vc/types',
              allowTypeImports: true,
              message: `The mini-program imports only types from '@vc/types' (import type); values come from ${zodFreeTypes.join(', ')}.`,
            },
            { name: 'zod', allowTypeImports: true, message: 'No zod in the mini-program bundle.' },
          ],
          patterns: [
            {
              regex: '^@vc/types/(?!src/(paths|labels|constants|i18n/languages|i18n/resources|i18n/locales/[\\w-]+/\\w+\\.json)$)',
              allowTypeImports: true,
              message: `At run time the mini-program imports from types/ only ${zodFreeTypes.join(', ')} (zod-free).`,
            },
            {
              regex: '^(\\.{1,2}/)+types/src(/|$)',
              message: "Import types/ through '@vc/types' (type imports) or the zod-free '@vc/types/src/…' files.",
            },
          ],
        },
      ],
      // `import { type A } from 'x'` leaves `import 'x'` behind under some transpilers; a type-only
      // import is written `import type`, so nothing of '@vc/types' enters the bundle by accident.
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // AntV F2 (+516 KB with its renderer in the weapp build) lives in the ledger subpackage only
    // (issue 14 item 8): a main-package page, or another subpackage, importing it or the chart
    // components would carry it into that package (WeChat: main package < 2 MB, our aim < 1 MB).
    files: ['miniprogram/src/**/*.{ts,tsx}'],
    ignores: ['miniprogram/src/ledger/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@antv/*',
                '**/ledger/components/F2Chart',
                '**/ledger/components/charts',
                '**/ledger/components/ComplianceTrend',
              ],
              message:
                'Charts (AntV F2) stay in the ledger subpackage (miniprogram/src/ledger/): the main package must stay small.',
            },
          ],
        },
      ],
    },
  },
  {
    // What the mini-program imports at run time from types/ stays free of zod (and of every other
    // file of types/ that might bring zod in).
    files: [
      'types/src/paths.ts',
      'types/src/labels.ts',
      'types/src/constants.ts',
      'types/src/i18n/languages.ts',
      'types/src/i18n/resources.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./(paths|labels|constants|languages)$|\\./(i18n/)?locales/[\\w-]+/\\w+\\.json$)',
              allowTypeImports: true,
              message:
                'paths.ts, labels.ts and constants.ts are imported by the mini-program at run time: they import no package (zod) and no other file of types/ at run time.',
            },
          ],
        },
      ],
    },
  },
  {
    // The two classic hook rules. The React Compiler rules of the plugin's `recommended` (v6+:
    // set-state-in-effect, refs, purity, …) are left out: this app does not use the compiler.
    files: ['miniprogram/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Tests read loosely typed JSON: the replies' `body` (tests/support/http.ts) and raw collection
    // documents are `any`, and reading, passing on and returning their fields is what a test does
    // before its assertions check the values (≈ 700 hits, none a bug). Product code (server, types,
    // miniprogram, cloudfunctions, tools, bench) keeps these rules; so do the tests' other
    // type-aware rules (floating and misused promises above all).
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
