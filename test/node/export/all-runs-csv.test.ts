/**
 * A CSV of every run of a journal folder: each run numbers its records from 1 (seq, ref, request
 * IDs), so a week exported as one sheet, filtered by a ref or sorted by seq, mixed seven nights'
 * rows with nothing on a row to say which night it was (a review: only the date told them apart).
 * Each row now starts with its run's name, as its folder is named; the rest of the row is what the
 * run's own export writes, byte for byte, whichever way it was made (rows a helper made, rows with
 * a query's command filled in, rows of the full path).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import type { JournalEntry } from '../../../shared/journal/record.js';
import {
  DIAG,
  failedQuery,
  requestEntries,
  runLines,
  runStartEntry,
} from '../../support/journal-traffic.js';
import { APP, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const FIRST = 'run-20260105T080000000Z-aaaaaa';
const SECOND = 'run-20260106T080000000Z-bbbbbb';

/** A run folder: its run-start, `requests` requests and a QUERY naming its command, seq from 1. */
function writeRun(root: string, name: string, start: number, runId: string, requests: number) {
  const entries: JournalEntry[] = [runStartEntry(runId)];
  for (let n = 1; n <= requests; n++) entries.push(...requestEntries(n));
  const query = failedQuery(DIAG, `r${String(requests + 1)}`, { commandId: 3, requestId: 9000 });
  entries.push(...query.sent, query.failed);
  const lines = runLines(entries, start);
  mkdirSync(join(root, name));
  writeFileSync(join(root, name, 'journal-000001.jsonl'), `${lines.join('\n')}\n`);
}

async function csvOf(source: string, allRuns: boolean): Promise<string[][]> {
  const destination = join(tempDir(), 'log.csv');
  await exportFromPath({ source, allRuns, format: 'csv', destination, app: APP });
  return parse(readFileSync(destination, 'utf8'), { bom: true, relax_column_count: false });
}

describe('a CSV of every run of a journal folder', () => {
  const root = tempDir();
  writeRun(root, FIRST, Date.UTC(2026, 0, 5, 8), 'a'.repeat(32), 400);
  writeRun(root, SECOND, Date.UTC(2026, 0, 6, 8), 'b'.repeat(32), 300);

  it('names each row’s run first, the rest of the row as the run’s own export has it', async () => {
    const [header = [], ...rows] = await csvOf(root, true);
    const [ownHeader = [], ...first] = await csvOf(join(root, FIRST), false);
    const [, ...second] = await csvOf(join(root, SECOND), false);
    expect(header).toEqual(['run', ...ownHeader]);
    expect(rows.map((row) => row.slice(1))).toEqual([...first, ...second]);
    expect(rows.map((row) => row[0])).toEqual([
      ...first.map(() => FIRST),
      ...second.map(() => SECOND),
    ]);
    // The query's command, filled in on its rows as in the run's own export.
    const commandAt = header.indexOf('command_id');
    expect(rows.filter((row) => row[commandAt] === '3').map((row) => row[0])).toEqual([
      FIRST,
      FIRST,
      FIRST,
      SECOND,
      SECOND,
      SECOND,
    ]);
  });

  it('tells apart the rows of one ref, which every run has', async () => {
    const [header = [], ...rows] = await csvOf(root, true);
    const refAt = header.indexOf('ref');
    const kindAt = header.indexOf('kind');
    const r5 = rows.filter((row) => row[refAt] === 'r5' && row[kindAt] === 'completion');
    expect(r5.map((row) => row[0])).toEqual([FIRST, SECOND]);
  });

  it('keeps its run column when an export of every run is exported again', async () => {
    const rows = await csvOf(root, true);
    for (const format of ['jsonl', 'zip'] as const) {
      const file = join(tempDir(), `week.${format}`);
      await exportFromPath({ source: root, allRuns: true, format, destination: file, app: APP });
      expect(await csvOf(file, false)).toEqual(rows);
    }
  });

  it('has no run column in a run’s own export', async () => {
    const [header = []] = await csvOf(join(root, FIRST), false);
    expect(header[0]).toBe('seq');
  });
});
