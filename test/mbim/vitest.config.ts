import { defineConfig } from 'vitest/config';

// The MBIM suite talks to real programs (mbimcli, mbim-proxy, tshark) through ptys and one
// shared proxy socket: files run one at a time.
export default defineConfig({
  test: {
    include: ['test/mbim/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/support/temp-root.ts', 'test/support/build-cli.ts'],
    // Each test's start and end, for the suite's watchdog (scripts/test/watchdog.mjs).
    setupFiles: ['test/support/test-progress.ts'],
    fileParallelism: false,
  },
});
