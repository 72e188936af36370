/**
 * A saved log from elsewhere (a ticket folder, a customer's stick) is evidence: searching or
 * opening it wrote an index (`.mbnidx`) and a `seen` marker beside it, where nobody chose to
 * write. Its index goes to the app's index cache; the app's own journal keeps its indexes beside
 * its files, as before.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLog } from '../../../electron/core/export/open-log.js';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { searchLog } from '../../../electron/core/log-search.js';
import { listJournalFiles } from '../../../electron/core/journal-files.js';
import { loadIndex } from '../../../electron/core/journal-index-file.js';
import { resetOwnFolders } from '../../../electron/core/own-folders.js';
import { ownJournalDir } from '../../../electron/engine/default-paths.js';
import { makeSampleRun } from '../export/support/sample-log.js';

const dirs: string[] = [];
const temp = (name: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `mbn-own-${name}-`));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  resetOwnFolders();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A run folder copied into a ticket folder, as a support engineer receives it. */
async function ticketRun(): Promise<{ journal: string; ticket: string; run: string }> {
  const journal = temp('journal');
  const made = await makeSampleRun(temp('made'));
  const ticket = temp('ticket');
  const run = join(ticket, made.split('/').at(-1) ?? 'run');
  // As a support engineer receives it: the journal files, without the index the app kept.
  cpSync(made, run, { recursive: true, filter: (from) => !from.endsWith('.mbnidx') });
  return { journal, ticket, run };
}

describe('writing only in the app’s own folders', () => {
  it('keeps the index of a log from elsewhere in the index cache, and nothing beside it', async () => {
    const { journal, run } = await ticketRun();
    ownJournalDir(journal);
    const before = readdirSync(run).sort();
    const opened = await openLog(run);
    opened.close();
    await searchLog(run, { text: 'close' }, { numbering: 'position' });
    await openIndexedLog(run, { save: true });
    expect(readdirSync(run).sort()).toEqual(before);
    // An index for each journal file, beside the stamp of the cache's last pruning.
    const cached = readdirSync(join(journal, 'index-cache')).filter((n) => n !== 'last-pruned');
    expect(cached.length).toBe(listJournalFiles(run).length);
    expect(cached.every((name) => name.endsWith('.mbnidx'))).toBe(true);
    // Found there next time: not built again.
    for (const file of listJournalFiles(run))
      expect((await loadIndex(file, { save: true })).source).toBe('sidecar');
  });

  it('writes beside the app’s own journal files, and marks its own runs seen', async () => {
    const journal = temp('journal');
    const run = await makeSampleRun(journal);
    ownJournalDir(journal);
    rmSync(join(run, 'seen'), { force: true });
    for (const file of listJournalFiles(run)) rmSync(`${file}.mbnidx`);
    await searchLog(run, { text: 'close' }, { numbering: 'position' });
    expect(readdirSync(run).some((name) => name.endsWith('.mbnidx'))).toBe(true);
    (await openLog(run)).close();
    expect(readdirSync(run)).toContain('seen');
    mkdirSync(join(journal, 'index-cache'), { recursive: true });
    expect(readdirSync(join(journal, 'index-cache'))).toEqual([]);
  });
});
