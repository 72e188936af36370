import { checkResult, run } from './run-command.mjs';

export default {
  name: 'format',
  // Beside ESLint (scripts/test.mjs), which keeps one core busy for a minute and a half.
  lane: 'checks',
  run: async () =>
    checkResult((await run('npx', ['prettier', '--check', '--log-level', 'warn', '.'])) === 0),
};
