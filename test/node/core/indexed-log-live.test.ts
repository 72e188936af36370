/**
 * The live run's overview and Go to time open the run through its index (openIndexedLog). A kiosk's
 * run at its cap of files drops its oldest at every rotation: one landing between the listing of
 * the run's files and their reading failed both with a raw ENOENT ("Overview unavailable:
 * ENOENT: …"), in about half of the moments a rotation can land.
 */
import { describe, expect, it } from 'vitest';
import { openIndexedLog } from '../../../electron/core/indexed-log.js';
import { rotatingJournal } from '../../support/rotating-journal.js';

describe('a live run opened through its index', () => {
  it('opens on when its oldest file is rotated away meanwhile', async () => {
    const outcomes: string[] = [];
    for (let turns = 0; turns <= 12; turns++) {
      const { journal, rotateAfterTurns } = rotatingJournal();
      const rotated = rotateAfterTurns(turns);
      const outcome = await openIndexedLog(journal.runDir, { save: false })
        .then((log) => (log.total > 0 ? 'opened' : 'empty'))
        .catch((error: unknown) => String(error));
      await rotated;
      outcomes.push(outcome);
      journal.close();
    }
    expect(outcomes).toEqual(outcomes.map(() => 'opened'));
  });
});
