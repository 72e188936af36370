/**
 * The requests a report's log left waiting when their run ended: counted as "1 no outcome", and
 * shown in the log as one "Waiting" row among thousands alike, so which request was in flight
 * when the kiosk crashed could not be found (a review). The summary now lists them by name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { JournalEntry, JournalRecord } from '../../../shared/journal/record.js';
import { requestEntries, runLines, runStartEntry } from '../../support/journal-traffic.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const night = (day: number, entries: JournalEntry[]): JournalRecord[] =>
  runLines(entries, Date.UTC(2026, 0, 5 + day, 2)).map((line) => JSON.parse(line) as JournalRecord);

it('lists each request left waiting when its run ended, with its run', async () => {
  // Night 1 ends with r2 waiting (its completion never came); night 2's r2 completes.
  const [r1, r2] = [requestEntries(1), requestEntries(2)];
  const records = [
    ...night(0, [runStartEntry('a'.repeat(12)), ...r1, ...r2.slice(0, 2)]),
    ...night(1, [runStartEntry('b'.repeat(12)), ...r1, ...r2]),
  ];
  const out = join(tempDir(), 'report.html');
  await exportRecords(records, 'html', out);
  const summary = /<section class="sec-summary">([\s\S]*?)<\/section>/.exec(
    readFileSync(out, 'utf8'),
  )?.[1];
  const text = (summary ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(text).toContain('Left waiting when their run ended (1)');
  expect(text).toContain(
    'r2 close · SMS on unknown model (…0001) · request #1002 · sent 2026-01-05 02:00:04.000 Z · run 1 (run-20260105T020000000Z-aaaaaa)',
  );
});
