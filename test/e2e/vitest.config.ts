import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser end-to-end specs (Chromium against the preview) and the real-Electron specs, run one
// file at a time: each starts its own preview and browser.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/e2e/**/*.spec.ts', 'test/electron/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/temp-root.ts'],
    // Each test's start and end, for the suite's watchdog (scripts/test/watchdog.mjs).
    setupFiles: ['test/support/test-progress.ts'],
    fileParallelism: false,
    // One module graph for every spec: each file's own import of the preview and the app cost
    // 1.5 s, 49 s of a run. Every spec starts its own preview and browser, and puts back what it
    // patches (saved-log-first-page's hold).
    isolate: false,
  },
});
