/**
 * A power cut keeps a file's size and time (the file system journals those) but not always its
 * last data: on NTFS the pages written in the moments before read back as NULs. The sidecar the
 * journal's writer saved then still fit the file by size and time and passed its spot checks, so
 * the run's index counted records its file no longer held: the overview and a jump to the end
 * said one thing, the export another, and the search reported no damaged line.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock.js';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { listJournalFiles } from '../../../electron/core/journal-files.js';
import { attachJournalIndex } from '../../../electron/core/journal-index-writer.js';
import { Journal } from '../../../electron/core/journal.js';
import { searchLog } from '../../../electron/core/log-search.js';
import { testRunStart } from '../../support/journal-entries.js';
import { requestEntries } from '../../support/journal-traffic.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A run of two files whose writer died; the first file's stamped sidecar saved as it rotated. */
function crashedRun(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mbn-power-cut-'));
  made.push(dir);
  const clock = new ManualClock();
  const journal = new Journal({ dir, clock, runStart: testRunStart, maxFileBytes: 1024 * 1024 });
  attachJournalIndex(journal);
  for (let n = 1; listJournalFiles(journal.runDir).length < 2; n++) {
    for (const entry of requestEntries(n)) journal.append(entry);
    clock.advance(10);
    journal.flush();
  }
  // Its process is gone: no ID this machine gives a process.
  writeFileSync(join(journal.runDir, 'writer.pid'), '2147483000\n');
  return journal.runDir;
}

/** NULs over `bytes` of `file` from `at`, its size and time kept as the power cut kept them. */
function zero(file: string, at: number, bytes: number): void {
  // `touch -r` keeps the time to the nanosecond, as the stamp has it (a Date only to the ms).
  const times = `${file}.times`;
  writeFileSync(times, '');
  execFileSync('touch', ['-r', file, times]);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(bytes), 0, bytes, at);
  closeSync(fd);
  execFileSync('touch', ['-r', times, file]);
  rmSync(times);
}

/** Records a reader of the bytes finds: each line that parses. */
function readable(files: string[]): number {
  let records = 0;
  for (const file of files)
    for (const line of readFileSync(file, 'utf8').split('\n'))
      try {
        JSON.parse(line);
        records += 1;
      } catch {
        // blank or damaged
      }
  return records;
}

describe('a run cut off by a power cut', () => {
  it('counts only the records its files still hold, and says a line is damaged', async () => {
    const run = crashedRun();
    const [first] = listJournalFiles(run);
    if (!first) throw new Error('no file');
    // Pages in the middle of the file the writer had just rotated away from.
    zero(first, 256 * 1024, 16 * 1024);
    const log = await openIndexedLog(run, { save: false });
    expect(log.total).toBe(readable(listJournalFiles(run)));
    const search = await searchLog(run, { text: 'S_OK' }, { numbering: 'seq', save: false });
    expect(search.damagedLines).toBeGreaterThan(0);
  });

  it('does not believe an index of a copied log whose last pages are NULs', async () => {
    const run = crashedRun();
    const [first] = listJournalFiles(run);
    if (!first) throw new Error('no file');
    // The file and its sidecar copied out of the run to a ticket's folder, under its own name (a
    // sidecar names its file) and with its times.
    const ticket = mkdtempSync(join(tmpdir(), 'mbn-ticket-'));
    made.push(ticket);
    const copy = join(ticket, 'journal-000001.jsonl');
    execFileSync('cp', ['-p', first, copy]);
    copyFileSync(`${first}.mbnidx`, `${copy}.mbnidx`);
    const size = statSync(copy).size;
    zero(copy, size - 16 * 1024, 16 * 1024);
    const log = await openIndexedLog(copy, { save: false });
    expect(log.total).toBe(readable([copy]));
  });
});
