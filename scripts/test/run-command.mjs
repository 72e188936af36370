// Helpers for suites: run a command with inherited output, and find executables.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { watchProgress } from './watchdog.mjs';

/** Runs a command, its output inherited; `started` is handed the child as it starts. */
export function run(command, args, options = {}, started = () => {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    started(child);
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`cannot start ${command}: ${error.message}`);
      done(127);
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
  const progress = resolve(`test-results/${name}.progress`);
  rmSync(report, { force: true });
  rmSync(progress, { force: true });
  let stalled = null;
  let unwatch = () => {};
  const code = await run(
    'npx',
    [
      'vitest',
      'run',
      ...extraArgs,
      '--reporter=default',
      '--reporter=json',
      '--reporter=./scripts/test/vitest-progress.mjs',
      `--outputFile.json=${report}`,
    ],
    { env: { ...process.env, MBN_DIAG_TEST_PROGRESS: progress } },
    (child) => {
      unwatch = watchProgress(child, progress, (stall) => {
        stalled = stall;
        console.log(`\n!!! ${name}: ${stall.why}; killed.`);
        if (stall.running.length) console.log('!!! Still running:');
        for (const line of stall.running) console.log(`!!!   ${line}`);
        console.log('!!! Its processes (state R: spinning; S: waiting, on WCHAN):');
        for (const line of stall.processes) console.log(`!!!   ${line}`);
      });
    },
  );
  unwatch();
  // Killed with every file ended: the report vitest wrote before its close counts the tests.
  if (stalled && !stalled.exitOnly)
    return {
      ok: false,
      passed: 0,
      failed: 1,
      failures: [`${stalled.why}; still running: ${stalled.running.join('; ')}`],
    };
  try {
    const counts = JSON.parse(readFileSync(report, 'utf8'));
    return {
      ok: stalled ? counts.success === true : code === 0,
      passed: counts.numPassedTests,
      failed: counts.numFailedTests,
      skipped: counts.numPendingTests + counts.numTodoTests,
      failures: failuresOf(counts),
    };
  } catch {
    if (!stalled) return { ok: false, passed: 0, failed: 1, failures: ['vitest wrote no report'] };
    // Every file ended but vitest wrote no report: the tests' outcomes as its reporter told them.
    const { passed, failed, skipped, failedNames } = stalled.outcomes;
    console.log(`!!! ${name}: no report written; counted from the tests' outcomes as they came.`);
    return { ok: failed === 0, passed, failed, skipped, failures: failedNames };
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
