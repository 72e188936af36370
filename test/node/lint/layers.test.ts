/**
 * The layer table, as probes: every layer imports every kind of thing, and lint must report
 * exactly the imports the table forbids. The expectations are written out here, apart from
 * eslint/layers.js, so a loosened allow-list (or a removed rule) fails this test. Only the layers
 * rule runs, without type information, so the whole matrix lints in a few seconds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import layers, { LAYERS, type Allowance } from '../../../eslint/layers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      plugins: { layers },
      rules: { 'layers/allowed-imports': 'error' },
    },
  ],
});

/** Lint `code` as if it were the file at `rel`; the layering messages it gets. */
async function layering(rel: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, rel) });
  if (!result) throw new Error(`no lint result for ${rel}`);
  return result.messages.map((m) => m.message);
}

/** One thing a file might import, and how: a repo path (`ours`) or a package (`pkg`). */
interface Probe {
  name: string;
  to: string;
  isPackage: boolean;
  kind: 'import' | 'import type' | 'inline type';
}
const ours = (name: string, to: string, kind: Probe['kind'] = 'import'): Probe => ({
  name,
  to,
  isPackage: false,
  kind,
});
const pkg = (name: string, to: string): Probe => ({ name, to, isPackage: true, kind: 'import' });

const PROBES: Probe[] = [
  ours('shared', 'shared/model.js'),
  ours('core', 'electron/core/journal.js'),
  ours('backends', 'electron/backends/contract.js'),
  ours('engine', 'electron/engine/diagnostics-engine.js'),
  ours('ipc', 'electron/ipc/ipc-host.js'),
  ours('channels', 'electron/ipc/channels.js'),
  ours('contract', 'electron/ipc/contract.js'),
  ours('contract types', 'electron/ipc/contract.js', 'import type'),
  ours('contract inline types', 'electron/ipc/contract.js', 'inline type'),
  ours('cli', 'electron/cli/parse.js'),
  ours('preview', 'electron/preview/protocol.js'),
  ours('main', 'electron/main.js'),
  ours('preload', 'electron/preload.js'),
  ours('renderer', 'renderer/src/api'),
  ours('tests', 'test/support/anything.js'),
  ours('package.json', 'package.json'),
  pkg('node:fs', 'node:fs'),
  pkg('fs', 'fs'),
  pkg('electron', 'electron'),
  pkg('react', 'react'),
  pkg('react-dom', 'react-dom/client'),
  pkg('zustand', 'zustand'),
  pkg('npm', 'zod'),
  pkg('scoped npm', '@scope/pkg/sub'),
];

/** The README's table, written out: for each layer (a file inside it), what it may import. */
const ALLOWED: Record<string, { file: string; may: string[] }> = {
  shared: { file: 'shared/request/probe.ts', may: ['shared'] },
  core: {
    file: 'electron/core/probe.ts',
    may: ['shared', 'core', 'node:fs', 'fs', 'npm', 'scoped npm'],
  },
  backends: {
    file: 'electron/backends/native/probe.ts',
    may: ['shared', 'core', 'backends', 'node:fs', 'fs', 'npm', 'scoped npm'],
  },
  engine: {
    file: 'electron/engine/probe.ts',
    may: [
      'shared',
      'core',
      'backends',
      'engine',
      'package.json',
      'node:fs',
      'fs',
      'npm',
      'scoped npm',
    ],
  },
  ipc: {
    file: 'electron/ipc/probe.ts',
    may: [
      'shared',
      'core',
      'engine',
      'ipc',
      'channels',
      'contract',
      'contract types',
      'contract inline types',
      'node:fs',
      'fs',
      'npm',
      'scoped npm',
    ],
  },
  channels: { file: 'electron/ipc/channels.ts', may: [] },
  cli: {
    file: 'electron/cli/commands/probe.ts',
    may: ['shared', 'core', 'backends', 'engine', 'cli', 'node:fs', 'fs', 'npm', 'scoped npm'],
  },
  preview: {
    file: 'electron/preview/probe.ts',
    may: [
      'shared',
      'core',
      'backends',
      'engine',
      'ipc',
      'channels',
      'contract',
      'contract types',
      'contract inline types',
      'preview',
      'node:fs',
      'fs',
      'npm',
      'scoped npm',
    ],
  },
  main: {
    file: 'electron/main.ts',
    may: [
      'shared',
      'core',
      'backends',
      'engine',
      'ipc',
      'channels',
      'contract',
      'contract types',
      'contract inline types',
      'electron',
      'node:fs',
      'fs',
      'npm',
      'scoped npm',
    ],
  },
  preload: { file: 'electron/preload.ts', may: ['electron', 'channels', 'contract types'] },
  renderer: {
    file: 'renderer/src/components/Probe.tsx',
    may: ['shared', 'renderer', 'contract types', 'react', 'react-dom', 'zustand'],
  },
};

/** The import statement `file` would write for `probe`. */
function importOf(file: string, probe: Probe): string {
  let source = probe.to;
  if (!probe.isPackage) {
    source = path.posix.relative(path.posix.dirname(file), probe.to);
    if (!source.startsWith('.')) source = `./${source}`;
  }
  if (probe.kind === 'import type') return `import type { X } from '${source}';`;
  if (probe.kind === 'inline type') return `import { type X } from '${source}';`;
  return `import { x } from '${source}';`;
}

describe.each(Object.entries(ALLOWED))('layer %s', (_layer, { file, may }) => {
  it.each(PROBES)('importing $name', async (probe) => {
    const messages = await layering(file, importOf(file, probe));
    if (may.includes(probe.name)) expect(messages).toEqual([]);
    else expect(messages).toEqual([expect.stringMatching(/^Bad layering: /)]);
  });
});

describe('the layers rule', () => {
  it('sees every form of import, not just `import … from`', async () => {
    const file = 'shared/probe.ts';
    const code = [
      "export * from 'node:fs';",
      "export { x } from '../electron/core/journal.js';",
      "const m = await import('electron');",
      "const r = require('zod');",
      "import z = require('react');",
      "type T = typeof import('../electron/ipc/contract.js');",
      "import './side-effect-only.js';",
      "import '../electron/core/side-effect.js';",
    ].join('\n');
    const lines = (await eslint.lintText(code, { filePath: path.join(ROOT, file) }))[0]?.messages
      .filter((m) => m.message.startsWith('Bad layering'))
      .map((m) => m.line);
    expect(lines).toEqual([1, 2, 3, 4, 5, 6, 8]);
  });

  it('tells the renderer to use `import type` when only types may cross', async () => {
    const messages = await layering(
      'renderer/src/api.ts',
      "import { type MbnDiagApi } from '../../electron/ipc/contract';",
    );
    expect(messages).toEqual([expect.stringContaining('use `import type`')]);
  });

  it('fails a new folder that belongs to no layer, so no boundary is open by omission', async () => {
    expect(await layering('electron/telemetry/upload.ts', 'export const x = 1;')).toEqual([
      expect.stringContaining('electron/telemetry/upload.ts belongs to no layer'),
    ]);
    expect(await layering('renderer/src/probe.ts', 'export const x = 1;')).toEqual([]);
  });

  it('leaves tests, benchmarks and scripts unlayered', async () => {
    for (const file of ['test/node/probe.test.ts', 'bench/probe.ts', 'scripts/probe.ts']) {
      expect(await layering(file, "import { app } from 'electron';")).toEqual([]);
    }
  });
});

describe("the README's layout table", () => {
  const short = (folder: string) => folder.replace(/^electron\/(?=.+\/$)/u, '').replace(/\/$/u, '');
  const words = (a: Allowance): string => {
    if (typeof a === 'object') return `types from \`${a.types}\``;
    if (a.endsWith('/')) return short(a);
    const named: Record<string, string> = {
      node: 'Node builtins',
      npm: 'npm packages',
      electron: 'electron',
      ui: 'react, react-dom, zustand',
    };
    return named[a] ?? `\`${a}\``;
  };

  it('says exactly what the lint configuration enforces, layer by layer', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.split('## Layout')[1]?.split('\n## ')[0] ?? '';
    const rows = new Map(
      section
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .map((line) => line.split('|').map((cell) => cell.trim()))
        .map((cells) => [cells[1] ?? '', cells[3] ?? '']),
    );
    const expected = new Map(
      LAYERS.map((l) => [`\`${l.layer}\``, l.may.map(words).join(', ') || '—']),
    );
    expect(Object.fromEntries(rows)).toEqual({
      ...Object.fromEntries(expected),
      '`native/`': '— (C++, not linted)',
      '`wasm/`':
        '— (AssemblyScript, not linted; its tests compare it with the expressions it mirrors)',
    });
  });
});
