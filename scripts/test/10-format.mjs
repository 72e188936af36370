import { checkResult, run } from './run-command.mjs';

export default {
  name: 'format',
  run: async () =>
    checkResult((await run('npx', ['prettier', '--check', '--log-level', 'warn', '.'])) === 0),
};
