/**
 * A record that does not fit its kind's shape is listed as damaged with its line number and the
 * field that is wrong, and everything else is still shown and exported (hostile-input issue,
 * item 2): before, one such record aborted the HTML, trace and zip exports with "Cannot read
 * properties of undefined".
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRecords, openLog } from '../../../electron/core/export/open-log.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from '../export/support/helpers.js';

afterAll(removeTempDirs);

const good = {
  v: 2,
  seq: 1,
  time: '2026-11-29T14:00:00.000Z',
  mono: 0,
  kind: 'backend-status',
  backend: 'simulator',
  available: true,
  message: 'ok',
};

describe('records checked against their kind', () => {
  it('lists a record with missing fields as damaged and keeps the rest, for the view and every export', async () => {
    const file = join(tempDir(), 'hostile.jsonl');
    const lines = [
      good,
      { v: 2, seq: 2, time: '2026-11-29T14:00:00.100Z', mono: 100, kind: 'request' },
      { v: 2, seq: 3, time: '2026-11-29T14:00:00.200Z', mono: 200, kind: 'run-start', runId: 'x' },
      { ...good, seq: 4, time: 'not a date' },
      { ...good, seq: 5, mono: 500 },
      // Date.parse accepts this (it skips text in parentheses): terminal escapes in a "time".
      { ...good, seq: 6, time: '2026-11-24 (\u001b]0;pwned\u0007\u001b[31mRED)' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const log = await openLog(file);
    const records: JournalRecord[] = [];
    for await (const r of allRecords(log)) records.push(r);
    expect(records.map((r) => r.seq)).toEqual([1, 5]);
    expect(log.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'a "request" record with a missing or wrong "interfaceId"'],
      [3, 'a "run-start" record with a missing or wrong "app"'],
      [4, '"time" is not a date ("not a date")'],
      [6, expect.stringMatching(/^"time" is not a date/) as string],
    ]);
    for (const format of ['html', 'trace', 'csv', 'zip'] as const) {
      const out = join(tempDir(), `out.${format}`);
      await exportRecords(records, format, out, { redact: false });
      expect(existsSync(out), format).toBe(true);
    }
  });
});
