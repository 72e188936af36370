/**
 * Which run of a journal folder holds a time the run open does not (Go to time in a week's
 * newest run, asked for Thursday): the last run started at or before it, by the runs' names.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAtTime } from '../../../electron/core/run-at-time.js';

const folder = mkdtempSync(join(tmpdir(), 'mbn-run-at-time-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const RUNS = [
  'run-20260105T020000000Z-aaaaaa',
  'run-20260106T020000000Z-bbbbbb',
  'run-20260107T020000000Z-cccccc',
];
for (const run of RUNS) {
  mkdirSync(join(folder, run));
  writeFileSync(join(folder, run, 'journal-000001.jsonl'), '{"v":2}\n');
}
const at = (iso: string) => Date.parse(iso);
/** The newest run, holding 02:00 to 14:00 of the 7th. */
const newest = join(folder, RUNS[2] ?? '');
const span = [at('2026-01-07T02:00:00Z'), at('2026-01-07T14:00:00Z')] as const;

describe('the run that holds a time', () => {
  it('is the last run started at or before it', () => {
    expect(runAtTime(newest, span, at('2026-01-06T13:05:00Z'))).toEqual({
      name: RUNS[1],
      place: 2,
      of: 3,
      startedAt: '2026-01-06T02:00:00.000Z',
    });
    expect(runAtTime(newest, span, at('2026-01-05T02:00:00Z'))?.place).toBe(1);
  });

  it('is none for a time the open run holds, after it, or before every run', () => {
    expect(runAtTime(newest, span, at('2026-01-07T08:00:00Z'))).toBeUndefined();
    expect(runAtTime(newest, span, at('2026-01-09T08:00:00Z'))).toBeUndefined();
    expect(runAtTime(newest, span, at('2026-01-01T08:00:00Z'))).toBeUndefined();
  });
});
