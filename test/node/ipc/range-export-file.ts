/**
 * A saved log that is an export of 08:00 to 10:00 on 5 January: its header names the range, it
 * kept the run's start from the day before, and it ends with the note a live run's export adds,
 * stamped days after. What a log's span must not be read from (its overview, a search's answer).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskLogLines } from '../../support/journal-traffic.js';
import { RUN_START } from '../export/support/pass-through-lines.js';

/** The range's start: 08:00 UTC on 5 January 2026 (the kiosk traffic's first second). */
export const RANGE_FROM = Date.UTC(2026, 0, 5, 8);
/** Where it ends (left out). */
export const RANGE_TO = Date.UTC(2026, 0, 5, 10);

/** Writes `name` in `folder`, `requests` of kiosk traffic in it; returns the traffic's lines. */
export function writeRangeExport(folder: string, name: string, requests: number): string[] {
  const header = {
    kind: 'export-header',
    format: 'mbn-diag-export',
    version: 1,
    redacted: true,
    createdAt: '2026-01-06T00:00:00.000Z',
    createdBy: { name: 'mbn-diag', version: '0' },
    source: 'kiosk',
    range: { from: new Date(RANGE_FROM).toISOString(), to: new Date(RANGE_TO).toISOString() },
  };
  const runStart = { v: 2, seq: 1, time: '2026-01-04T00:00:00.000Z', mono: 0, ...RUN_START };
  const lines = kioskLogLines(requests).map((line) => {
    const record = JSON.parse(line) as { seq: number };
    return JSON.stringify({ ...record, seq: record.seq + 1 });
  });
  const note = {
    v: 2,
    seq: lines.length + 2,
    time: '2026-01-08T00:00:00.000Z',
    mono: 1,
    kind: 'error',
    message: 'Exported while the journal file lacks entries',
    context: 'journal',
  };
  const text = [header, runStart].map((r) => JSON.stringify(r)).concat(lines, JSON.stringify(note));
  writeFileSync(join(folder, name), `${text.join('\n')}\n`);
  return lines;
}
