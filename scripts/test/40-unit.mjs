// Unit and integration tests in plain Node (vitest): core, backends, engine, CLI, IPC handlers.
import { readFileSync, mkdirSync } from 'node:fs';
import { run } from './run-command.mjs';

export default {
  name: 'unit',
  run: async () => {
    mkdirSync('test-results', { recursive: true });
    const code = await run('npx', [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/unit.json',
    ]);
    try {
      const report = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
      return {
        ok: code === 0,
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
      };
    } catch {
      return { ok: false, passed: 0, failed: 1 };
    }
  },
};
