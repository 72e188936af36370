/**
 * The test runner's watchdog (scripts/test/watchdog.mjs): a vitest run that stops moving is
 * killed, and what was still running is named; one whose files all ended but that never exits
 * is killed and counted from its tests' outcomes. A `sleep` stands for vitest, and the progress
 * file is written here as vitest-progress.mjs and test-progress.ts write it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Stall } from '../../../scripts/test/watchdog.mjs';

// Read when the module loads: seconds here, where CI's are minutes.
process.env.MBN_DIAG_TEST_STALL_MS = '2000';
const { watchProgress } = await import('../../../scripts/test/watchdog.mjs');

/** Watches a `sleep` standing for vitest, its progress file `lines`; the stall, and its end. */
async function watch(lines: unknown[][]): Promise<{ stall: Stall; signal: string | null }> {
  const file = join(mkdtempSync(join(tmpdir(), 'mbn-watchdog-')), 'unit.progress');
  writeFileSync(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  const child: ChildProcess = spawn('sleep', ['60']);
  const ended = new Promise<string | null>((end) =>
    child.on('exit', (_code, signal) => end(signal)),
  );
  const stall = await new Promise<Stall>((told) => watchProgress(child, file, told));
  return { stall, signal: await ended };
}

describe.skipIf(process.platform === 'win32')('the test runner’s watchdog', () => {
  it('kills a run in which a test never ends, and names the test and its file', async () => {
    const now = Date.now();
    const { stall, signal } = await watch([
      [now, 'start', 'test/node/a.test.ts'],
      [now, 'test', 'test/node/a.test.ts > ends'],
      [now, 'done', 'test/node/a.test.ts > ends'],
      [now, 'passed', 'test/node/a.test.ts > ends'],
      [now, 'test', 'test/node/a.test.ts > spins'],
    ]);
    expect(signal).toBe('SIGKILL');
    expect(stall.exitOnly).toBe(false);
    expect(stall.why).toMatch(/^nothing started or ended for \d+ s$/);
    expect(stall.running).toEqual([
      expect.stringMatching(/^file test\/node\/a\.test\.ts \(started \d+ s ago\)$/),
      expect.stringMatching(/^test test\/node\/a\.test\.ts > spins \(started \d+ s ago\)$/),
    ]);
    // Its process, as ps shows it: the header, then the sleep, in S.
    expect(stall.processes[0]).toMatch(/PID +PPID STAT WCHAN/);
    expect(stall.processes[1]).toMatch(/ S .*sleep 60$/);
  });

  it('kills a run whose files all ended but that never exits, counting its tests', async () => {
    const now = Date.now();
    const { stall, signal } = await watch([
      [now, 'start', 'test/node/a.test.ts'],
      [now, 'passed', 'test/node/a.test.ts > one'],
      [now, 'failed', 'test/node/a.test.ts > two'],
      [now, 'skipped', 'test/node/a.test.ts > three'],
      [now, 'end', 'test/node/a.test.ts'],
    ]);
    expect(signal).toBe('SIGKILL');
    expect(stall.exitOnly).toBe(true);
    expect(stall.running).toEqual([]);
    expect(stall.outcomes).toEqual({
      passed: 1,
      failed: 1,
      skipped: 1,
      failedNames: ['test/node/a.test.ts > two'],
    });
  });
});
