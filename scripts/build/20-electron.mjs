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
  // The export's helper thread (electron/core/export/line-check-pool.ts) loads this file beside main.
  await build({
    ...common,
    entryPoints: ['electron/core/export/line-check-worker.ts'],
    outfile: 'dist/electron/line-check-worker.cjs',
    platform: 'node',
  });
  // The search's index-building helper thread (electron/core/index-builds.ts), beside main too.
  await build({
    ...common,
    entryPoints: ['electron/core/index-build-worker.ts'],
    outfile: 'dist/electron/index-build-worker.cjs',
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
