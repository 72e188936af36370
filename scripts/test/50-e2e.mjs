// Browser end-to-end: Debian's Chromium, driven by playwright-core, against the browser preview
// (the same renderer and main-process handlers as the app), plus the real-Electron specs, which
// skip themselves unless ELECTRON_E2E=1 and the Electron binary is installed. Screenshots go to
// test-results/screenshots/.
import { existsSync } from 'node:fs';
import { run, runVitest } from './run-command.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default {
  name: 'e2e',
  // Beside the MBIM suite (scripts/test.mjs): a browser and its preview mostly wait.
  lane: 'browser',
  missing: async () =>
    existsSync(chromium)
      ? null
      : `Chromium is not installed at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  run: async () => {
    const built = await run(process.execPath, ['scripts/build.mjs', 'electron', 'renderer']);
    if (built !== 0) return { ok: false, passed: 0, failed: 1 };
    return runVitest('e2e', ['--config', 'test/e2e/vitest.config.ts']);
  },
};
