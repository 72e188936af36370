/**
 * The report's log table, as a support engineer reads it months later. It shades the rows to stop
 * at: a modem arriving or leaving, errors, problem outcomes. A device-info record is routine (one
 * each time a device is listed, every probe): shaded like an arrival, it made a quiet log look
 * eventful. And it says what was true of a request when each row was logged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { requestEntries } from '../../support/journal-traffic.js';

afterAll(removeTempDirs);

const IFACE = '{6B3F2A10-9C4D-4E8B-A1F2-3C5D7E9F8E47}';
const head = (seq: number) => ({ v: 2, seq, time: '2026-11-24T08:30:00.000Z', mono: seq }) as const;

/** The Outcome cell of each table row (the tenth), by its sequence number. */
function outcomeCells(html: string): Map<number, string> {
  const rows = new Map<number, string>();
  for (const m of html.matchAll(
    /<tr class="[^"]*"><td class="n">(\d+)<\/td>((?:<td[^>]*>.*?<\/td>){9})/g,
  ))
    rows.set(Number(m[1]), /<td[^>]*>([^<]*)<\/td>$/.exec(m[2] ?? '')?.[1] ?? '');
  return rows;
}

/** The class of each table row, by its sequence number. */
function rowClasses(html: string): Map<number, string> {
  const rows = new Map<number, string>();
  for (const m of html.matchAll(/<tr class="([^"]*)"><td class="n">(\d+)<\/td>/g))
    rows.set(Number(m[2]), m[1] ?? '');
  return rows;
}

describe("the HTML report's log rows", () => {
  it('shades a device arriving or leaving, not its routine details', async () => {
    const device = { interfaceId: IFACE, manufacturer: 'Sierra Wireless', model: 'EM7565' };
    const records: JournalRecord[] = [
      { ...head(1), kind: 'device-arrival', ...device },
      {
        ...head(2),
        kind: 'device-info',
        ...device,
        firmware: 'SWI9X50C',
        deviceId: '353533101234567',
        readyState: 'initialized',
      },
      { ...head(3), kind: 'device-removal', ...device },
    ];
    const out = join(tempDir(), 'report.html');
    await exportRecords(records, 'html', out);
    const html = readFileSync(out, 'utf8');
    const classes = rowClasses(html);
    expect([classes.get(1), classes.get(2), classes.get(3)]).toEqual(['device', '', 'device']);
    // Its number is the record's seq: headed "#", it read as the row number a search or the saved
    // log's window gives (their position), which differs once a run's oldest files are gone.
    expect(/<table class="log"><thead><tr><th[^>]*>([^<]*)<\/th>/.exec(html)?.[1]).toBe('Seq');
  });

  // A report is read long after: a call's "Waiting" row, its completion one row below, read as a
  // call still in flight. Written in one pass, the report says what was true when it was logged.
  it('says a call was waiting when logged, not that it still is', async () => {
    const records = requestEntries(1).map((entry, i) => ({ ...head(i + 1), ...entry }));
    const out = join(tempDir(), 'report.html');
    await exportRecords(records, 'html', out);
    const cells = outcomeCells(readFileSync(out, 'utf8'));
    expect([cells.get(1), cells.get(2), cells.get(3)]).toEqual([
      'Sending when logged',
      'Waiting when logged',
      'Succeeded',
    ]);
  });
});
