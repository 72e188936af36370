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
    globalSetup: ['test/support/temp-root.ts', 'test/support/build-cli.ts'],
  },
});
