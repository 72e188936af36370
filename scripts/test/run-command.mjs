// Helpers for suites: run a command with inherited output, and find executables.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

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
      failures: failuresOf(counts),
    };
  } catch {
    return { ok: false, passed: 0, failed: 1 };
  }
}

/**
 * The failed tests of a vitest JSON report, one line each (file, name, first line of the message),
 * so the run's last lines name them: CI keeps only the tail of a long log.
 */
function failuresOf(report) {
  const lines = [];
  for (const file of report.testResults ?? []) {
    const where = relative(process.cwd(), file.name);
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const message = test.failureMessages?.[0] ?? '';
      const why = message.split('\n')[0].slice(0, 300);
      // The line of the test that failed: a timeout's message alone does not say which wait.
      const at = message.match(/\(?([^\s()]*\/test\/[^\s()]+:\d+:\d+)\)?/)?.[1];
      lines.push(
        `${where} > ${test.fullName}: ${why}${at ? ` (at ${relative(process.cwd(), at)})` : ''}`,
      );
    }
    // A file that failed before its tests ran (import error, hook) has no failed test to name.
    if (
      file.status === 'failed' &&
      !(file.assertionResults ?? []).some((t) => t.status === 'failed')
    )
      lines.push(`${where}: ${(file.message ?? 'failed').split('\n')[0].slice(0, 300)}`);
  }
  return lines;
}
