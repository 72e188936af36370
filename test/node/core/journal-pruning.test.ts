/**
 * Pruning earlier runs: by age and total size, never the run a technician most needs. Before,
 * only 20 runs were kept and every command started one: 19 `devices` calls after a kill -9
 * removed the killed run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { listRuns, runEnd } from '../../../electron/core/journal-files.js';
import { Journal, type JournalOptions } from '../../../electron/core/journal.js';
import { openLog } from '../../../electron/core/export/open-log.js';

const runStart: JournalOptions['runStart'] = {
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};
const made: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-prune-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const DAY = 24 * 3600 * 1000;
/** Far enough ahead that every run written by this test is more than a day old. */
const later = (days = 400) => new ManualClock(Date.now() + days * DAY);

/** A short run that records nothing much, as `devices` does. */
function shortRun(dir: string, options: Partial<JournalOptions> = {}): string {
  const journal = new Journal({ dir, clock: later(), runStart, maxRunAgeMs: DAY, ...options });
  journal.close();
  return journal.runDir;
}

async function killedRun(dir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../../support/journal-writer-child.ts'), dir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const runDir = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });
  await new Promise((r) => setTimeout(r, 100));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return runDir;
}

describe('pruning earlier runs', () => {
  it('keeps a run killed mid-write through any number of later runs, until it is opened', async () => {
    const dir = tempDir();
    const killed = await killedRun(dir);
    expect(runEnd(killed)).toBe('abnormal');
    let last = '';
    for (let i = 0; i < 25; i++) last = shortRun(dir);
    // Every cleanly ended run older than the limit went; the killed one stayed.
    expect(listRuns(dir)).toEqual([killed, last]);

    const log = await openLog(killed);
    log.close();
    expect(runEnd(killed)).toBe('abnormal-seen');
    const next = shortRun(dir);
    expect(listRuns(dir)).toEqual([next]);
  });

  it('never removes a run whose writer is still running', () => {
    const dir = tempDir();
    const clock = later();
    const open = new Journal({ dir, clock, runStart, maxRunAgeMs: DAY });
    expect(runEnd(open.runDir)).toBe('live');
    // A millisecond on: runs that start in the same one sort by their random IDs.
    clock.advance(1);
    const next = shortRun(dir, { clock });
    expect(listRuns(dir)).toEqual([open.runDir, next]);
    open.close();
    expect(runEnd(open.runDir)).toBe('ended');
  });

  // After a reboot another process has the dead writer's ID; a run from a customer's machine
  // names one of theirs. Read as live by its ID alone, such a run was never pruned, and its torn
  // last line was never reported.
  it('reads a run as ended abnormally when its writer’s ID is another boot’s or machine’s', async () => {
    const dir = tempDir();
    const killed = await killedRun(dir);
    // A process of this boot has the dead writer's ID now: this test's own.
    writeFileSync(join(killed, 'writer.pid'), `${String(process.pid)}\n`);
    const machine = JSON.parse(readFileSync(join(killed, 'writer.boot'), 'utf8')) as {
      host: string;
      boot: string;
    };
    expect(runEnd(killed)).toBe('live');
    const boot = machine.boot.startsWith('id:') ? 'id:another-boot' : 'at:1';
    writeFileSync(join(killed, 'writer.boot'), JSON.stringify({ ...machine, boot }));
    expect(runEnd(killed)).toBe('abnormal');
    writeFileSync(join(killed, 'writer.boot'), JSON.stringify({ ...machine, host: 'kiosk-7' }));
    expect(runEnd(killed)).toBe('abnormal');
    // Seen, it is pruned as any other run is.
    (await openLog(killed)).close();
    const next = shortRun(dir);
    expect(listRuns(dir)).toEqual([next]);
  });

  it('keeps recent runs whatever their number, and removes the oldest when they take too much', () => {
    const dir = tempDir();
    const runs: string[] = [];
    const clock = new ManualClock(Date.now());
    for (let i = 0; i < 30; i++) {
      const journal = new Journal({ dir, clock, runStart });
      journal.close();
      clock.advance(10);
      runs.push(journal.runDir);
    }
    expect(listRuns(dir)).toEqual(runs);

    // Each run is a few hundred bytes: a limit of ~5 runs' worth keeps the newest ones only.
    const journal = new Journal({ dir, clock, runStart, maxTotalBytes: 2500 });
    journal.close();
    const kept = listRuns(dir);
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.length).toBeLessThan(10);
    expect(kept).toEqual([...runs, journal.runDir].slice(-kept.length));
  });
});
