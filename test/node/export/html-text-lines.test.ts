/**
 * Past its first rows, the HTML report shows the log as plain text lines, each naming its device,
 * service and command. That part of a line repeats on most lines and is made once for them
 * (format-html.ts, `origin`): a service name from the log must still be escaped on every line
 * that shows it, and a device named by a later record must be called by that name from then on,
 * as the table rows call it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const IFACE = '{6B3F2A10-9C4D-4E8B-A1F2-3C5D7E9F8E47}';
const SERVICE_ID = '3d01dcc5-fef5-4d05-0d3a-bef7058e9aaf';
const HOSTILE = 'Vendor <b>x</b> & "q" \u202eKO_S';

/** A read from the hostile service: what the text lines past the table show of it. */
function read(seq: number): JournalRecord {
  return {
    v: 2,
    seq,
    time: '2026-11-24T08:30:00.000Z',
    mono: seq,
    kind: 'read-data',
    interfaceId: IFACE,
    serviceId: SERVICE_ID,
    serviceName: HOSTILE,
    byteLength: 4,
    preview: '00000000',
  };
}

/** The report's text lines (the collapsed sections), one string each. */
function textLines(html: string): string[] {
  return [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].flatMap((m) =>
    (m[1] ?? '').split('\n').filter((line) => line !== ''),
  );
}

describe("the HTML report's text lines", () => {
  it('escape a service name from the log on every line, and name a device as it is known', async () => {
    const records: JournalRecord[] = [];
    for (let seq = 1; seq <= 2100; seq++) records.push(read(seq));
    // Named only now: the lines after it call the modem by its model.
    records.push({
      v: 2,
      seq: 2101,
      time: '2026-11-24T08:30:01.000Z',
      mono: 2101,
      kind: 'device-info',
      interfaceId: IFACE,
      manufacturer: 'Sierra Wireless',
      model: 'EM7565',
      firmware: 'SWI9X50C',
      deviceId: '353533101234567',
      readyState: 'initialized',
    });
    for (let seq = 2102; seq <= 2200; seq++) records.push(read(seq));
    const out = join(tempDir(), 'report.html');
    await exportRecords(records, 'html', out);
    const lines = textLines(readFileSync(out, 'utf8'));

    // Each line names its event as the window's Kind column does.
    const reads = lines.filter((line) => line.includes('Read data'));
    expect(reads).toHaveLength(2100 + 99 - 2000);
    const shown = 'Vendor &lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot; \\u202eKO_S';
    for (const line of reads) {
      // Once naming the service, once in the record's own words.
      expect(line.split(shown)).toHaveLength(3);
      expect(line).not.toMatch(/[<>"\u202e]|&(?!lt;|gt;|amp;|quot;)/);
    }
    const before = reads.filter((line) => Number(line.trim().split(' ')[0]) < 2101);
    const after = reads.filter((line) => Number(line.trim().split(' ')[0]) > 2101);
    expect(before).toHaveLength(100);
    expect(after).toHaveLength(99);
    for (const line of before) expect(line).toContain('unknown model');
    for (const line of after) {
      expect(line).toContain('EM7565');
      expect(line).not.toContain('unknown model');
    }
  });
});
