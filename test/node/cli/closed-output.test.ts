/**
 * `mbn-diag search log | head` and `mbn-diag watch | head`: the reader of stdout goes away after
 * a few lines. Before, the next write's EPIPE ended the process with a stack trace in the middle
 * of its work, leaving a `.tmp` index file beside the user's log, or a watch run as if crashed.
 * Now the command stops quietly, the way Ctrl+C stops it, and cleans up after itself.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_BUNDLE, spawnCli } from '../../support/run-cli.js';
import { writeSessionStateLog } from '../../support/session-state-log.js';

const ROOT = join(import.meta.dirname, '../../..');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-closed-out-'));
  made.push(dir);
  return dir;
}

/** Runs the CLI and closes its stdout (or presses Ctrl+C) once the first output came. */
function runUntilFirstOutput(
  args: string[],
  journalDir: string,
  then: 'close-output' | 'ctrl-c' = 'close-output',
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnCli(args, journalDir);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => {
      if (then === 'ctrl-c') child.kill('SIGINT');
      else child.stdout.destroy();
    });
    if (then === 'ctrl-c') child.stdout.resume();
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stderr });
    });
  });
}

describe('a command whose output is closed early', () => {
  it('search stops quietly, with matches found, and leaves nothing beside the log', async () => {
    const dir = temp();
    // Far more matches than a pipe holds: writes go on after the reader has gone.
    const log = join(dir, 'saved.jsonl');
    writeSessionStateLog(log, 30_000);
    const run = await runUntilFirstOutput(
      ['search', log, '--text', 'SMS', '--limit', '100000'],
      temp(),
    );
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.code).toBe(0);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 90_000);

  it('search stopped with Ctrl+C says so in words, not as an unexpected error', async () => {
    const dir = temp();
    const log = join(dir, 'saved.jsonl');
    writeSessionStateLog(log, 300_000);
    const run = await runUntilFirstOutput(
      ['search', log, '--text', 'SMS', '--limit', '1000000'],
      temp(),
      'ctrl-c',
    );
    expect(run.stderr).not.toMatch(/unexpected error|aborted/);
    expect(run.stderr).toMatch(
      /^mbn-diag: The search was cancelled with \d+% of the log searched: [\d,]+ matches found so far, [\d,]+ written\.\n$/,
    );
    // The shell's code for Ctrl+C, as every command stopped by it exits: 1 read as "no match".
    expect(run.code).toBe(130);
  }, 90_000);

  it('watch ends its run as Ctrl+C does, instead of crashing', async () => {
    const journalDir = temp();
    // The default world with a notification every 20 ms, so watch keeps writing.
    const scenario = JSON.parse(
      readFileSync(join(ROOT, 'assets/scenarios/default.json'), 'utf8'),
    ) as {
      devices: { services: { notifications?: { afterMs: number; intervalMs: number }[] }[] }[];
    };
    for (const device of scenario.devices)
      for (const service of device.services)
        for (const n of service.notifications ?? []) {
          n.afterMs = 10;
          n.intervalMs = 20;
        }
    const file = join(journalDir, 'fast.json');
    writeFileSync(file, JSON.stringify(scenario));
    const run = await runUntilFirstOutput(
      ['--scenario', file, 'watch', '--json', '--duration', '30000'],
      journalDir,
    );
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(run.code).toBe(0);
    // The run was closed as a finished one: the journal marks it ended.
    const runs = readdirSync(journalDir).filter((name) => name.startsWith('run-'));
    expect(runs).toHaveLength(1);
    expect(readdirSync(join(journalDir, runs[0] ?? ''))).toContain('ended');
  }, 90_000);

  // A full disk under `search … > hits`: the write error ended the process with a stack trace
  // and exit 1, which a search means as "no matches", so a script read a full disk as none.
  it.runIf(existsSync('/dev/full'))(
    'that cannot be written (a full disk) says so in one line and exits 2, not "no matches"',
    () => {
      const dir = temp();
      const log = join(dir, 'saved.jsonl');
      writeSessionStateLog(log, 2_000);
      const out = openSync('/dev/full', 'w');
      try {
        const run = spawnSync(process.execPath, [CLI_BUNDLE, 'search', log, '--text', 'SMS'], {
          env: { ...process.env, MBN_DIAG_JOURNAL_DIR: temp() },
          stdio: ['ignore', out, 'pipe'],
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(run.stderr).toBe(
          'mbn-diag: the output could not be written: ENOSPC: no space left on device, write\n',
        );
        expect(run.status).toBe(2);
      } finally {
        closeSync(out);
      }
    },
    90_000,
  );
});
