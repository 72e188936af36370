// Lint: ESLint (every rule, the layer allow-list included) and knip (files nothing reaches,
// exports nobody imports, dependencies nobody uses). Both always run, so one run shows both.
import { run } from './run-command.mjs';

export default {
  name: 'lint',
  // Type-aware ESLint is one thread (with --concurrency=2 it took longer: 100 s against 91, each
  // worker building the program again), so format, type-check and electronegativity run beside it.
  lane: 'lint',
  run: async () => {
    const checks = [
      await run('npx', ['eslint', '.', '--max-warnings=0']),
      await run('npx', ['knip']),
    ];
    const failed = checks.filter((code) => code !== 0).length;
    return { ok: failed === 0, passed: checks.length - failed, failed };
  },
};
