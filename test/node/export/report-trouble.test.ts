/**
 * An outage and an error in the HTML report's log: tinted as trouble, and with their word where a
 * request's line has its outcome, as the window's Outcome column shows them. An empty cell beside
 * the red tint did not say what went wrong, and "Any problem" in the window selects these lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(() => removeTempDirs());

const at = (seq: number) => ({
  v: 2 as const,
  seq,
  time: new Date(Date.UTC(2026, 11, 1, 9, 0, seq)).toISOString(),
  mono: seq * 1000,
});
const backend = { kind: 'backend-status' as const, backend: 'mbn' };

const records: JournalRecord[] = [
  { ...at(1), ...backend, available: false, message: 'The MBN service stopped answering.' },
  { ...at(2), kind: 'error', message: 'Event could not be read', context: 'events' },
  { ...at(3), ...backend, available: true, message: 'The MBN service is back.' },
];

describe('the HTML report log', () => {
  it('says "Unavailable" and "Error" in the outcome column of an outage and an error', async () => {
    const file = join(tempDir(), 'report.html');
    await exportRecords(records, 'html', file);
    const html = readFileSync(file, 'utf8');
    const line = (seq: number): string =>
      html.match(new RegExp(`<tr[^>]*><td class="n">${String(seq)}</td>.*?</tr>`))?.[0] ?? '';
    const outcomeCell = (seq: number): string =>
      [...line(seq).matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1])[9] ?? 'none';
    expect(line(1)).toContain('class="error"');
    expect(outcomeCell(1)).toBe('Unavailable');
    expect(outcomeCell(2)).toBe('Error');
    expect(outcomeCell(3)).toBe('');
  });

  it("names each line's event in the window's words, not the journal's", async () => {
    const file = join(tempDir(), 'report.html');
    await exportRecords(records, 'html', file);
    const html = readFileSync(file, 'utf8');
    const events = [
      ...html.matchAll(
        /<tr[^>]*><td class="n">\d+<\/td>(?:<td[^>]*>.*?<\/td>){2}<td[^>]*>(.*?)<\/td>/g,
      ),
    ].map((m) => m[1]);
    // "backend-status" and "error" before: the window's Kind column says these.
    expect(events).toEqual(['Backend status', 'Error', 'Backend status']);
  });
});
