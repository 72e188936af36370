/**
 * Ctrl+C while `close` (or `open`, `query`, `set`) waits for a completion. Before, the process was
 * killed at once: the journal run got no end and read afterwards as crashed. Now the command stops
 * waiting, says which request it left waiting (named in the shared words for operations, as
 * every view names it: `Close #1004`), ends the run properly and exits 130.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runEnd } from '../../../electron/core/journal-files.js';
import { pressCtrlC, type StoppedRun } from '../../support/press-ctrl-c.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Presses Ctrl+C a moment after the CLI says where it runs (it is then waiting). */
function ctrlCWhileWaiting(args: string[], journalDir: string, afterMs = 300): Promise<StoppedRun> {
  return pressCtrlC(args, journalDir, [afterMs]);
}

function journal(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-ctrl-c-'));
  made.push(dir);
  return dir;
}

/** The one run in `journalDir` was closed as a finished one, not left to read as crashed. */
function expectRunEnded(journalDir: string): void {
  const runs = readdirSync(journalDir).filter((name) => name.startsWith('run-'));
  expect(runs).toHaveLength(1);
  expect(runEnd(join(journalDir, runs[0] ?? ''))).toBe('ended');
}

describe('Ctrl+C while a command waits for its completion', () => {
  it('close stops waiting, names the request left waiting, ends the run and exits 130', async () => {
    const journalDir = journal();
    // The default world: Phonebook's close completion never comes, so close waits the timeout.
    const run = await ctrlCWhileWaiting(
      ['--reset-simulator', 'close', '1', 'Phonebook', '--timeout', '30000'],
      journalDir,
    );
    expect(run.signal).toBeNull();
    expect(run.code).toBe(130);
    expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(run.stderr).toMatch(
      /\nmbn-diag: Stopped by Ctrl\+C while waiting for the completion of Close #\d+: the request is left waiting, and its completion, if it comes, is not watched any more\.\n$/,
    );
    expectRunEnded(journalDir);
  }, 90_000);

  it('query stops the same way while its command waits', async () => {
    const journalDir = journal();
    // The Sierra diagnostics service never completes CID 4; the list and the open come first.
    const run = await ctrlCWhileWaiting(
      ['--reset-simulator', 'query', '1', 'Sierra', '4', '--timeout', '30000'],
      journalDir,
      1500,
    );
    expect(run.signal).toBeNull();
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(
      /\nmbn-diag: Stopped by Ctrl\+C while waiting for the completion of Query #\d+: the request is left waiting, and its completion, if it comes, is not watched any more\. The command session this command opened was then closed \(.*\)\.\n$/,
    );
    expectRunEnded(journalDir);
  }, 90_000);

  // A technician's review stopped `close` three times and each got Close #1127: the simulator's
  // world was saved only on the way out of a completed request, so the next command sent the
  // stopped one's request ID again, and two requests in the journals had one ID.
  it('gives the next command a request ID of its own', async () => {
    const journalDir = journal();
    const closeOnce = async (...first: string[]) => {
      const run = await ctrlCWhileWaiting(
        [...first, 'close', '1', 'Phonebook', '--timeout', '30000'],
        journalDir,
      );
      expect(run.code).toBe(130);
      return Number(/Close #(\d+)/.exec(run.stderr)?.[1]);
    };
    const first = await closeOnce('--reset-simulator');
    const second = await closeOnce();
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  }, 90_000);
});
