/**
 * Builds the CLI bundle before the tests that run it (vitest's globalSetup): they run
 * `dist/cli/mbn-diag.cjs`, the bundle `npx mbn-diag` runs through bin/mbn-diag.cjs, built from the
 * sources as they are when the run starts (in watch mode: when it started, so rerun after editing
 * the CLI). Run through tsx from source instead, each of the few hundred runs compiled the CLI's
 * modules again: 1.5-2 s and 1.3 s of CPU each, against 0.4 s and 0.25 s for the bundle. Its
 * stack traces are minified: a test's failing CLI reads best run again from source.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function setup(): void {
  const root = join(import.meta.dirname, '../..');
  const built = spawnSync(process.execPath, ['scripts/build.mjs', 'cli'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('building the CLI bundle for the tests failed');
}
