// Electron main and preload as CommonJS bundles. The preload runs sandboxed, where `require` can
// load only `electron` (and events/timers/url), so everything else must be inside the bundle.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';

export default async function buildElectron() {
  mkdirSync('dist/electron', { recursive: true });
  const common = {
    bundle: true,
    format: 'cjs',
    target: 'node22',
    sourcemap: 'linked',
    logLevel: 'warning',
    external: ['electron'],
    logOverride: { 'empty-import-meta': 'silent' },
  };
  await build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    platform: 'node',
  });
  // Helper threads, each loaded from beside main (electron/core/helper-script.ts): the export's
  // line checks (line-check-pool.ts), the bundle's report (report-side.ts), and the search's index
  // builds (index-builds.ts) and free-text scans (text-scans.ts).
  for (const entry of [
    'export/line-check-worker',
    'export/report-worker',
    'index-build-worker',
    'text-scan-worker',
  ])
    await build({
      ...common,
      entryPoints: [`electron/core/${entry}.ts`],
      outfile: `dist/electron/${basename(entry)}.cjs`,
      platform: 'node',
    });
  await build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    platform: 'browser',
  });
  // The simulator's scenarios, found next to the bundle in dist/ (and in the packaged app).
  cpSync('assets/scenarios', 'dist/assets/scenarios', { recursive: true });
}
