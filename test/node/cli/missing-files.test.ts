/**
 * A run folder copied without one of its journal files: hours of the log were searched and
 * exported without a word, the rows on either side reading as a quiet night. The CLI now says
 * which files are missing between the first and the last; a run's first files missing is no loss
 * to tell (the journal deletes its oldest files as it rotates).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingJournalFiles } from '../../../electron/core/journal-files.js';
import { cliInProcess } from '../../support/cli-in-process.js';
import { writeSessionStateLog } from '../../support/session-state-log.js';

const dir = mkdtempSync(join(tmpdir(), 'mbn-missing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A run folder of these journal files, each a copy of one small log. */
function run(name: string, numbers: number[]): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  const log = join(dir, `${name}.jsonl`);
  writeSessionStateLog(log, 20);
  for (const n of numbers)
    copyFileSync(log, join(folder, `journal-${String(n).padStart(6, '0')}.jsonl`));
  return folder;
}

describe('journal files missing from a run', () => {
  it('are those between its first and last, not its first ones', () => {
    const files = [4, 5, 7, 11].map((n) => `/x/journal-${String(n).padStart(6, '0')}.jsonl`);
    expect(missingJournalFiles(files)).toEqual([
      'journal-000006.jsonl',
      'journal-000008.jsonl',
      'journal-000009.jsonl',
      'journal-000010.jsonl',
    ]);
  });

  it('are named by the search and the export, and none where the run is whole', async () => {
    const gap = run('gap', [1, 2, 4]);
    const search = await cliInProcess(['search', gap, '--outcome', 'failed', '--limit', '0']);
    expect(search.err).toContain(
      `mbn-diag: note: journal-000003.jsonl is missing from ${gap}, between the files before and after: what it held is not searched.`,
    );
    const out = join(dir, 'gap.csv');
    const exported = await cliInProcess(['export', gap, '--format', 'csv', '--out', out]);
    expect(exported.err).toContain('journal-000003.jsonl is missing from');
    expect(exported.err).toContain('what it held is not exported.');
    const rotated = run('rotated', [3, 4, 5]);
    const whole = await cliInProcess(['search', rotated, '--outcome', 'failed', '--limit', '0']);
    expect(whole.err).not.toContain('missing');
  });
});
