// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './eslint/layers.js';
import cliStart from './eslint/cli-start.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'native/build/',
      // AssemblyScript: TypeScript's syntax with WebAssembly's types (i32, load<u8>), which the
      // project's parser and rules do not know; its tests compare it with the expressions it mirrors.
      'wasm/',
      'test-results/',
      '.wine-cache/',
      'release/',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // The four programs `npm run typecheck` checks, named rather than found per file (the
      // project service built six: test/renderer and test/electron have their own tsconfig, which
      // only repeats renderer's and e2e's): same rules, same types, about a tenth less CPU. A
      // file in none of them fails lint with a parse error, so none goes unchecked.
      parserOptions: {
        project: [
          'shared/tsconfig.json',
          'tsconfig.json',
          'renderer/tsconfig.json',
          'test/e2e/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // `() => resolve(x)` and `return cb()` in a void function read well; the rule's noise costs more than it catches.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='ipcRenderer']",
          message: 'The renderer never sees a raw ipcRenderer; go through the preload API.',
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // Asymmetric matchers (expect.any, expect.stringMatching) are typed `any` by design.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // The layers, as an allow-list: eslint/layers.js says what each folder may import, and the
    // README's layout table says the same.
    plugins: { layers },
    rules: { 'layers/allowed-imports': 'error' },
  },
  cliStart,
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
);
