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
    fileParallelism: false,
  },
});
