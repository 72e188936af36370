// Bundles TypeScript entry points with esbuild (already a devDependency): the cases for the
// Windows node.exe, and the host-side helpers for this runner. ESM output, so top-level await
// works; `require` is provided for the few CommonJS dependencies.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLES } from './paths.mjs';

export async function bundle(entry) {
  mkdirSync(BUNDLES, { recursive: true });
  const outfile = join(BUNDLES, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __mbnCreateRequire } from 'node:module'; const require = __mbnCreateRequire(import.meta.url);",
    },
  });
  return outfile;
}
