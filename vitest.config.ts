import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/node/**/*.test.ts',
      'test/renderer/**/*.test.ts',
      'test/renderer/**/*.test.tsx',
      'test/wine/unit/**/*.test.ts',
    ],
    testTimeout: 20_000,
    pool: 'forks',
    // Vitest's default, one worker fewer than the cores, is one worker on a two-core machine: the
    // second core then only served the CLIs the tests start. Two workers there: 450 s -> 284 s
    // for the same 1,587 tests, none near its timeout.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['test/support/temp-root.ts', 'test/support/build-cli.ts'],
    // Each test's start and end, for the suite's watchdog (scripts/test/watchdog.mjs).
    setupFiles: ['test/support/test-progress.ts'],
  },
});
