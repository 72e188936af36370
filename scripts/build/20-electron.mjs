// Electron main and preload as CommonJS bundles. The preload runs sandboxed, where `require` can
// load only `electron` (and events/timers/url), so everything else must be inside the bundle.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

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
  // line checks (line-check-pool.ts) and the bundle's report (report-side.ts).
  for (const entry of ['line-check-worker', 'report-worker'])
    await build({
      ...common,
      entryPoints: [`electron/core/export/${entry}.ts`],
      outfile: `dist/electron/${entry}.cjs`,
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
