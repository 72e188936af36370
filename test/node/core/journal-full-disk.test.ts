/**
 * A kiosk's disk filled by something else: the journal's writes fail with ENOSPC. That failure
 * was thrown from the journal's flush timer (the CLI's watch ended, Electron put up its error
 * dialog) or out of whichever record was being appended. Now the journal goes on: an error entry
 * in the window says entries are not being saved, and once a write succeeds again another, in
 * the file, says which entries the file lacks. The disk is made full by failing writeSync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type * as Fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const full = { on: false };
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof Fs>();
  return {
    ...fs,
    writeSync: ((...args: Parameters<typeof fs.writeSync>) => {
      if (full.on)
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      return fs.writeSync(...args);
    }) as typeof fs.writeSync,
  };
});

const { ManualClock } = await import('../../../electron/core/clock.js');
const { Journal } = await import('../../../electron/core/journal.js');
const { readAll } = await import('../../../electron/core/journal-reader.js');
const { readData, testRunStart } = await import('../../support/journal-entries.js');
const { HAS_PROC_FD, handlesOn } = await import('../../support/open-handles.js');

const dir = mkdtempSync(join(tmpdir(), 'mbn-journal-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a journal on a disk that fills up', () => {
  it('goes on, says in the window what is not saved, and in the file what it lacks', async () => {
    const clock = new ManualClock();
    const journal = new Journal({
      dir,
      clock,
      runStart: testRunStart,
    });
    const seen: string[] = [];
    journal.onRecord((record) => {
      if (record.kind === 'error') seen.push(record.message);
    });
    journal.append(readData(1));
    clock.advance(100);
    journal.append(readData(2)); // written: the interval has passed
    full.on = true;
    // Appending through the failure throws nothing: the records still reach the window.
    for (let n = 3; n <= 6; n++) {
      clock.advance(100);
      expect(() => journal.append(readData(n))).not.toThrow();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(
      /^The journal file could not be written \(ENOSPC: no space left on device, write\): entries from #4 on are shown here but may not be saved/,
    );
    // On a nearly full disk, small writes go through where larger ones do not: one failure
    // said, not one pair of entries every 50 ms.
    for (let n = 7; n <= 16; n++) {
      full.on = n % 2 === 0;
      clock.advance(100);
      journal.append(readData(n));
    }
    full.on = false;
    expect(seen).toHaveLength(1);
    // Written again once a write has gone through a while after the last that failed.
    clock.advance(6000);
    journal.append(readData(17));
    journal.close();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatch(
      /^The journal file is written again\. \d+ entries between #4 and #\d+ could not be saved \(ENOSPC: no space left on device, write\) and are missing from it\.$/,
    );
    const { records } = await readAll(journal.runDir);
    const saved = records.map((r) => r.seq);
    // The run-start and the first two entries, then, after the gap, what says what it lacks.
    expect(saved.slice(0, 3)).toEqual([1, 2, 3]);
    const said = records.find((r) => r.kind === 'error');
    expect(said && 'message' in said ? said.message : '').toBe(seen[1]);
  });

  // The app quitting with the disk full: the last write fails, and the file was left open.
  it.skipIf(!HAS_PROC_FD)('lets go of its file when the last write at closing fails', () => {
    const journal = new Journal({
      dir,
      clock: new ManualClock(),
      runStart: {
        app: { name: 'mbn-diag', version: 'test' },
        os: { platform: 'linux', release: 'x', arch: 'x64' },
        backend: { kind: 'simulator', label: 'test', reason: 'test' },
      },
    });
    journal.append(readData(1));
    const file = join(journal.runDir, 'journal-000001.jsonl');
    const held = () => handlesOn(file);
    expect(held()).toBe(1);
    full.on = true;
    try {
      expect(() => journal.close()).toThrow(/ENOSPC/);
    } finally {
      full.on = false;
    }
    expect(held()).toBe(0);
  });
});
