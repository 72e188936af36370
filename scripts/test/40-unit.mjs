// Unit and integration tests in plain Node (vitest): core, backends, engine, CLI, IPC handlers.
import { runVitest } from './run-command.mjs';

export default {
  name: 'unit',
  run: () => runVitest('unit'),
};
