/**
 * What every `mbn-diag` command loads before it runs stays small: the lint refuses a backend, the
 * engine or the core imported by value from the CLI's entry, program or a command's registration
 * (eslint/cli-start.js), which once made --version evaluate every backend. Checked on probes, as
 * the layers are, so a loosened pattern fails here.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import cliStart from '../../../eslint/cli-start.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { '@typescript-eslint': tseslint.plugin },
    },
    cliStart,
  ],
});

async function refused(rel: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, rel) });
  if (!result) throw new Error(`no lint result for ${rel}`);
  return result.messages.some((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

describe("the CLI's start", () => {
  it.each([
    ['electron/cli/main.ts', "import { selectBackend } from '../backends/select-backend.js';"],
    ['electron/cli/index.ts', "import { Journal } from '../core/journal.js';"],
    [
      'electron/cli/commands/session.ts',
      "import { DiagnosticsEngine } from '../../engine/diagnostics-engine.js';",
    ],
    ['electron/cli/commands/search.ts', "import { searchLog } from '../../core/log-search.js';"],
  ])('refuses %s loading a backend, the engine or the core: %s', async (file, code) => {
    expect(await refused(file, code)).toBe(true);
  });

  it.each([
    ['electron/cli/main.ts', "import { BACKEND_CHOICES } from '../backends/backend-choice.js';"],
    [
      'electron/cli/commands/session.ts',
      "import { DEFAULT_TIMEOUT_MS } from '../../engine/request-timeout.js';",
    ],
    [
      'electron/cli/commands/search.ts',
      "import type * as LogSearch from '../../core/log-search.js';",
    ],
    ['electron/cli/commands/search.ts', "import { safe } from '../terminal-text.js';"],
    // What a command loads when it runs is not the start's.
    ['electron/cli/context.ts', "import { selectBackend } from '../backends/select-backend.js';"],
  ])('lets %s import %s', async (file, code) => {
    expect(await refused(file, code)).toBe(false);
  });
});
