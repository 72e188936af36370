/**
 * Pruning old runs while another mbn-diag process starts in the same journal folder: its run
 * folder exists before any file is in it. Read as last written in 1970, it was deleted, and that
 * process's journal failed with ENOENT (six CLI commands started together showed it).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PRUNE,
  markRunWriter,
  pruneRuns,
  runDirName,
} from '../../../electron/core/journal-files.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function emptyRun(root: string, wallMs: number, id: string): string {
  const run = join(root, runDirName(wallMs, id));
  mkdirSync(run);
  return run;
}

describe('pruning runs', () => {
  it('keeps a run another process has just started, before any file is in it', () => {
    const root = mkdtempSync(join(tmpdir(), 'journal-prune-'));
    made.push(root);
    const now = Date.now();
    const theirs = emptyRun(root, now, 'aaaaaa');
    const ours = emptyRun(root, now, 'bbbbbb');
    expect(pruneRuns(root, ours, { ...DEFAULT_PRUNE, now })).toEqual([]);
    expect(existsSync(theirs)).toBe(true);
  });

  it('still removes an empty run left from long ago', () => {
    const root = mkdtempSync(join(tmpdir(), 'journal-prune-'));
    made.push(root);
    const now = Date.now();
    const old = emptyRun(root, now - 40 * 24 * 3600 * 1000, 'cccccc');
    const seconds = (now - 40 * 24 * 3600 * 1000) / 1000;
    utimesSync(old, seconds, seconds);
    const ours = emptyRun(root, now, 'dddddd');
    expect(pruneRuns(root, ours, { ...DEFAULT_PRUNE, now })).toEqual([old]);
  });

  it('removes an old run whose writer died before it wrote a record, and keeps one that wrote', () => {
    const root = mkdtempSync(join(tmpdir(), 'journal-prune-'));
    made.push(root);
    const now = Date.now();
    const longAgo = now - 40 * 24 * 3600 * 1000;
    // A process that has exited: its pid names no writer now.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const died = (id: string, line: string): string => {
      const run = emptyRun(root, longAgo, id);
      markRunWriter(run, dead);
      writeFileSync(join(run, 'journal-000001.jsonl'), line);
      for (const name of [...readdirSync(run), '.'])
        utimesSync(join(run, name), longAgo / 1000, longAgo / 1000);
      return run;
    };
    const atStart = died('eeeeee', '');
    const crashed = died('ffffff', '{"kind":"run-start"}\n');
    const ours = emptyRun(root, now, 'gggggg');
    expect(pruneRuns(root, ours, { ...DEFAULT_PRUNE, now })).toEqual([atStart]);
    expect(existsSync(crashed)).toBe(true);
  });
});
