// `npx vitest run --config test/wine/unit/vitest.config.ts`: the native backend's adapter tests,
// which need no Wine (until the root vitest config includes test/wine/unit).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../../..', import.meta.url)),
    include: ['test/wine/unit/**/*.test.ts'],
  },
});
