// The CLI as one CommonJS file with its dependencies inside, so `npx mbn-diag` starts fast and a
// Windows node.exe (under Wine in the tests) can run it with nothing else installed.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

export default async function buildCli() {
  mkdirSync('dist/cli', { recursive: true });
  await build({
    entryPoints: ['electron/cli/index.ts'],
    outfile: 'dist/cli/mbn-diag.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    // import.meta.url is only a fallback in source runs; __dirname is used in the bundle.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  // Scenarios ship beside the bundle: dist/assets/scenarios.
  cpSync('assets/scenarios', 'dist/assets/scenarios', { recursive: true });
}
