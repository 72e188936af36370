import { checkResult, run } from './run-command.mjs';

export default {
  name: 'typecheck',
  lane: 'checks',
  run: async () => checkResult((await run('npm', ['run', '--silent', 'typecheck'])) === 0),
};
