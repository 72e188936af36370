/**
 * A run of the app's own journal, written through the journal and its index over several files,
 * as the app writes it: its buckets are certified as they are written (line-certificate.ts), so
 * an export copies them without checking their lines again (certified-read.ts).
 */
import { join } from 'node:path';
import { ManualClock } from '../../../../electron/core/clock.js';
import { attachJournalIndex } from '../../../../electron/core/journal-index-writer.js';
import { Journal, type JournalOptions } from '../../../../electron/core/journal.js';
import { setOwnFolders } from '../../../../electron/core/own-folders.js';
import { requestEntries } from '../../../support/journal-traffic.js';
import { tempDir } from './helpers.js';

const runStart: JournalOptions['runStart'] = {
  app: { name: 'mbn-diag', version: 'test' },
  os: { platform: 'linux', release: 'x', arch: 'x64' },
  backend: { kind: 'simulator', label: 'test', reason: 'test' },
};

/**
 * 6,000 requests over several files of `maxFileBytes` (a few buckets each at most); the run's
 * folder. `extra` writes more at the 3,000th request, and at every `every`-th too when given. The
 * run's folder is made one of the app's own, as the app and the CLI say before they read or export
 * anything (reset with resetOwnFolders).
 */
export function writeOwnRun(
  extra?: (journal: Journal) => void,
  every = 0,
  maxFileBytes = 600 * 1024,
): { run: string } {
  const journals = tempDir('mbn-certified-');
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 8));
  const journal = new Journal({ dir: journals, clock, runStart, maxFileBytes });
  attachJournalIndex(journal);
  for (let n = 1; n <= 6000; n++) {
    clock.advance(1000);
    for (const entry of requestEntries(n, { rareEvery: 2500, failEvery: 40 }))
      journal.append(entry);
    if (n === 3000 || (every > 0 && n % every === 0)) extra?.(journal);
    if (n % 500 === 0) journal.flush();
  }
  journal.close();
  setOwnFolders({ journals: [journals], indexCache: join(journals, 'index-cache') });
  return { run: journal.runDir };
}
