import { checkResult, run } from './run-command.mjs';

export default {
  name: 'format',
  // Reads the sources only: runs beside the unit tests (scripts/test.mjs).
  alongside: true,
  run: async () =>
    checkResult((await run('npx', ['prettier', '--check', '--log-level', 'warn', '.'])) === 0),
};
