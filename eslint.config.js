// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layers, as VS Code enforces its own: each folder may import only the folders listed
 * beside it, so the boundaries hold without anyone having to remember them.
 *   core      -> (nothing of ours; no electron, no DOM, no React)
 *   backends  -> core
 *   engine    -> core, backends
 *   ipc       -> core, engine
 *   cli       -> core, backends, engine
 *   preview   -> core, backends, engine, ipc
 *   renderer  -> type-only imports of electron/ipc/contract and electron/core/model
 */
const layer = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});
const electronAndUi = [
  {
    group: ['electron', 'electron/*'],
    message: 'Bad layering: only electron/main.ts and electron/preload.ts may import electron.',
  },
  {
    group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'],
    message: 'Bad layering: UI libraries belong in renderer/.',
  },
  {
    group: ['**/renderer/**'],
    message: 'Bad layering: main-process code never imports the renderer.',
  },
];
const ours = (name) => ({
  group: [`**/${name}`, `**/${name}/**`, `../${name}/*`],
  message: `Bad layering: this layer may not import electron/${name}.`,
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'native/build/',
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
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
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
    files: ['electron/core/**'],
    rules: layer([
      ...electronAndUi,
      ours('backends'),
      ours('engine'),
      ours('ipc'),
      ours('cli'),
      ours('preview'),
    ]),
  },
  {
    files: ['electron/backends/**'],
    rules: layer([...electronAndUi, ours('engine'), ours('ipc'), ours('cli'), ours('preview')]),
  },
  {
    files: ['electron/engine/**'],
    rules: layer([...electronAndUi, ours('ipc'), ours('cli'), ours('preview')]),
  },
  { files: ['electron/ipc/**'], rules: layer([...electronAndUi, ours('cli'), ours('preview')]) },
  { files: ['electron/cli/**'], rules: layer([...electronAndUi, ours('ipc'), ours('preview')]) },
  { files: ['electron/preview/**'], rules: layer([...electronAndUi, ours('cli')]) },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'node:*', 'fs', 'path', 'child_process'],
              message: 'Bad layering: the renderer talks to main only through the preload API.',
            },
            {
              group: ['**/electron/**', '!**/electron/ipc/contract', '!**/electron/core/model'],
              message:
                'Bad layering: the renderer may import only electron/ipc/contract and electron/core/model.',
            },
            {
              group: ['**/electron/ipc/contract', '**/electron/core/model'],
              allowTypeImports: true,
              message: 'Only types cross into the renderer.',
            },
          ],
        },
      ],
    },
  },
);
