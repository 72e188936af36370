/**
 * An export of the live run while the journal, at its cap of files, drops its oldest at every
 * rotation. A rotation landing between the export listing the run's files and opening the first
 * failed the whole export (its run-start was looked for in a file no longer there); one landing
 * before a later file was opened said "the rest could not be read: ENOENT", which sent a support
 * engineer looking for a damaged disk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { rotatingJournal } from '../../support/rotating-journal.js';
import { APP, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

describe('an export of a run whose oldest files are rotated away as it reads', () => {
  it('exports what is still there, and says a file went, not that it could not be read', async () => {
    const { journal, rotateAfterTurns } = rotatingJournal();
    const out = tempDir();
    const results: string[] = [];
    const problems = new Set<string>();
    for (let turns = 0; turns <= 30; turns += 3) {
      const rotated = rotateAfterTurns(turns);
      const destination = join(out, `live-${String(turns)}.jsonl`);
      try {
        const done = await exportFromPath({
          source: journal.runDir,
          format: 'jsonl',
          destination,
          app: APP,
          redact: false,
        });
        for (const p of done.problems) problems.add(p.message);
        const lines = readFileSync(destination, 'utf8').trimEnd().split('\n');
        const kinds = lines.map((l) => (JSON.parse(l) as { kind?: string }).kind);
        results.push(kinds.includes('run-start') && kinds.includes('read-data') ? 'ok' : 'short');
      } catch (error) {
        results.push(String(error));
      }
      await rotated;
    }
    journal.close();
    expect(results).toEqual(results.map(() => 'ok'));
    for (const message of problems)
      expect(message).toMatch(/deleted before it could be read \(a running journal deletes/);
  });
});
