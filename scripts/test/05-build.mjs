// Builds dist/ first, so the tests exercise what `npx mbn-diag` and `npm start` actually run.
import { checkResult, run } from './run-command.mjs';

export default {
  name: 'build',
  run: async () => checkResult((await run('node', ['scripts/build.mjs'])) === 0),
};
