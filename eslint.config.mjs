// Flat config (eslint 9 + typescript-eslint). Syntax-level rules only, no type information,
// so every TS file can be linted without a TS project (miniprogram has its own tsconfig).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    files: [
      'types/**/*.ts',
      'server/**/*.ts',
      'cloudfunctions/**/*.ts',
      'tools/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      'miniprogram/src/**/*.{ts,tsx}',
      'miniprogram/types/**/*.ts',
    ],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
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
    // tests read loosely typed JSON replies
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
