/**
 * A kiosk's live run at its cap of files (six small ones here), which drops its oldest file at
 * every rotation; and a rotation made a given number of event-loop turns into whatever the test
 * starts next, to land between a reader listing the run's files and opening them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../electron/core/clock.js';
import { listJournalFiles } from '../../electron/core/journal-files.js';
import { attachJournalIndex } from '../../electron/core/journal-index-writer.js';
import { Journal } from '../../electron/core/journal.js';
import { readData, testRunStart } from './journal-entries.js';

export function rotatingJournal(): {
  journal: Journal;
  /** Resolves once the rotation is made: await it before the journal is closed. */
  rotateAfterTurns: (turns: number) => Promise<void>;
} {
  const clock = new ManualClock();
  const journal = new Journal({
    dir: mkdtempSync(join(tmpdir(), 'mbn-rotating-')),
    clock,
    runStart: testRunStart,
    maxFileBytes: 128 * 1024,
    maxFilesPerRun: 6,
  });
  attachJournalIndex(journal);
  let n = 0;
  const write = (): void => {
    for (let k = 0; k < 100; k++) journal.append(readData(n++));
    clock.advance(60);
    journal.flush();
  };
  const files = (): string[] => listJournalFiles(journal.runDir);
  while (files().length < 6) write();
  const rotate = (): void => {
    const first = files()[0];
    while (files()[0] === first) write();
  };
  const rotateAfterTurns = (turns: number): Promise<void> =>
    new Promise((resolve) => {
      let turn = 0;
      const tick = (): void => {
        if (turn++ !== turns) return void setImmediate(tick);
        rotate();
        resolve();
      };
      setImmediate(tick);
    });
  return { journal, rotateAfterTurns };
}
