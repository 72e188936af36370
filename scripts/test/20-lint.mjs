import { checkResult, run } from './run-command.mjs';

export default {
  name: 'lint',
  run: async () => checkResult((await run('npx', ['eslint', '.', '--max-warnings=0'])) === 0),
};
