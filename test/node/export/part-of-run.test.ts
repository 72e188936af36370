/**
 * A journal file opened alone may be one of its run's rotated files: journal-000005.jsonl of 21
 * showed "Whole log · 49,056 records", numbered from #1, with no word of the other 20. Main tells
 * which file of how many it is, and which folder holds the whole run.
 */
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { partOfRun } from '../../../electron/core/export/part-of-run.js';
import { writeRunFolder } from '../../support/run-folder.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'part-of-run-'));
  made.push(dir);
  return dir;
}

describe('a journal file opened alone', () => {
  it('is said to be file 5 of 21 of the run whose folder holds it', async () => {
    const run = writeRunFolder(join(temp(), 'run-20260105T080000000Z-012345'), 21, 3);
    expect(await partOfRun(join(run, 'journal-000005.jsonl'))).toEqual({
      file: 5,
      of: 21,
      folder: run,
    });
  });

  it('is a part of its run when a link to it was opened from elsewhere', async () => {
    const run = writeRunFolder(join(temp(), 'kiosk'), 3, 3);
    const link = join(temp(), 'journal-000002.jsonl');
    symlinkSync(join(run, 'journal-000002.jsonl'), link);
    expect(await partOfRun(link)).toEqual({ file: 2, of: 3, folder: run });
  });

  it('is no part of anything when it is the run’s only file, or an export, or gone', async () => {
    const dir = temp();
    const single = writeRunFolder(join(dir, 'single'), 1, 3);
    expect(await partOfRun(join(single, 'journal-000001.jsonl'))).toBeNull();
    const run = writeRunFolder(join(dir, 'run'), 3, 3);
    copyFileSync(join(run, 'journal-000001.jsonl'), join(run, 'mbn-diag_export.jsonl'));
    expect(await partOfRun(join(run, 'mbn-diag_export.jsonl'))).toBeNull();
    expect(await partOfRun(join(dir, 'nothing', 'journal-000001.jsonl'))).toBeNull();
  });
});
