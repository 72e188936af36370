// @ts-check
/**
 * A config block of its own so that test/node/lint/cli-start.test.ts checks the rule the lint runs.
 * @type {import('eslint').Linter.Config}
 */
export default {
  // What every `mbn-diag` command loads before it runs: the entry, the program and each
  // command's registration. Loading a backend, the engine or the core there made even --version
  // evaluate every backend (60 ms of a 140 ms start); a command imports those with import()
  // inside its action, and a constant it shows in --help lives in a module of its own.
  files: ['electron/cli/index.ts', 'electron/cli/main.ts', 'electron/cli/commands/*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex:
              '/(backends|engine|core)/(?!backend-choice\\.js$|request-timeout\\.js$|app-info\\.js$|export/formats\\.js$)',
            allowTypeImports: true,
            message:
              'Loaded at every start of the CLI: import it with import() inside the command that needs it.',
          },
        ],
      },
    ],
  },
};
