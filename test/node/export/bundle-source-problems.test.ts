/**
 * A bundle made of a log with a damaged line lacks that line, and says so in its manifest alone
 * (its JSON Lines entry does not end with the note a lone JSON Lines export ends with). Exported
 * again, its report said "Every line of the log was read" (a review): what its source could not
 * read is now among the problems of an export of the bundle, named as its source's. The window,
 * which shows the bundle itself (whole), is not told of them as lines of it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { openLog } from '../../../electron/core/export/open-log.js';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { APP, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

it('keeps what its source could not read among its problems when exported again', async () => {
  const run = join(tempDir(), 'run-20260105T080000000Z-aaaaaa');
  mkdirSync(run);
  const lines = kioskLogLines(20);
  lines.splice(10, 0, '{"v":2,"seq":');
  writeFileSync(join(run, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
  const zip = join(tempDir(), 'ticket.zip');
  await exportFromPath({ source: run, format: 'zip', destination: zip, app: APP });
  const html = join(tempDir(), 'again.html');
  const again = await exportFromPath({ source: zip, format: 'html', destination: html, app: APP });
  expect(again.problems.map((p) => [p.line, p.message])).toEqual([
    [11, expect.stringMatching(/\(in the log the bundle was made from\)$/)],
  ]);
  expect(readFileSync(html, 'utf8')).not.toContain('Every line of the log was read');
  // Opened in the window, the bundle is whole: its banner said "Part of this file could not be
  // read (1 line)" of a line its source lacked.
  const shown = await openLog(zip);
  expect(shown.problems).toEqual([]);
  shown.close();
});
