// Helpers for suites: run a command with inherited output, and find executables.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`cannot start ${command}: ${error.message}`);
      resolve(127);
    });
  });
}

export function which(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** A suite that is one check with no test count: ok counts as 1 passed, failure as 1 failed. */
export function checkResult(ok) {
  return { ok, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

/** Runs vitest with a JSON report beside the console one, and returns the suite result it counts. */
export async function runVitest(name, extraArgs = []) {
  mkdirSync('test-results', { recursive: true });
  const report = `test-results/${name}.json`;
  const code = await run('npx', [
    'vitest',
    'run',
    ...extraArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  try {
    const counts = JSON.parse(readFileSync(report, 'utf8'));
    return {
      ok: code === 0,
      passed: counts.numPassedTests,
      failed: counts.numFailedTests,
      skipped: counts.numPendingTests + counts.numTodoTests,
    };
  } catch {
    return { ok: false, passed: 0, failed: 1 };
  }
}
