import { checkResult, run } from './run-command.mjs';

export default {
  name: 'typecheck',
  // Reads the sources only: runs beside the unit tests (scripts/test.mjs).
  alongside: true,
  run: async () => checkResult((await run('npm', ['run', '--silent', 'typecheck'])) === 0),
};
