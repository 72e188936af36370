/**
 * Pruning old runs while another mbn-diag process starts in the same journal folder: its run
 * folder exists before any file is in it. Read as last written in 1970, it was deleted, and that
 * process's journal failed with ENOENT (six CLI commands started together showed it).
 */
import { mkdirSync, mkdtempSync, rmSync, existsSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRUNE, pruneRuns, runDirName } from '../../../electron/core/journal-files.js';

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
});
