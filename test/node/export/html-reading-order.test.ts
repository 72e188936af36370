/**
 * A support engineer opens a week's report months later: it must show its summary at once, and
 * say what it holds. The report's bytes are in reading order (a browser paints what it has
 * parsed: a summary written last and moved up by CSS showed only once a 1.3 GB file was read);
 * a log past the report's cap is left out in words, never silently, its later problems kept, and
 * the report's size stops growing with the log.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { formatCount } from '../../../shared/format-count.js';
import { formatTimestamp } from '../../../shared/time.js';
import { LOG_CHARS, LOG_RECORDS } from '../../../electron/core/export/html-log-cap.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

const IFACE = '{6B3F2A10-9C4D-4E8B-A1F2-3C5D7E9F8E47}';

let sample: JournalRecord[];
beforeAll(async () => {
  sample = (await readAll(await makeSampleRun(tempDir()))).records;
});
afterAll(removeTempDirs);

/** An everyday record: a read from a modem. */
function read(seq: number, message = ''): JournalRecord {
  return {
    v: 2,
    seq,
    time: new Date(Date.UTC(2026, 10, 24, 8, 30) + seq).toISOString(),
    mono: seq,
    kind: 'read-data',
    interfaceId: IFACE,
    serviceId: '3d01dcc5-fef5-4d05-0d3a-bef7058e9aaf',
    serviceName: `Sierra diagnostics stream${message}`,
    byteLength: 4,
    preview: '00000000',
  };
}

/** A record with a problem (what the log's Any problem finds): an error. */
function error(seq: number): JournalRecord {
  return {
    v: 2,
    seq,
    time: new Date(Date.UTC(2026, 10, 24, 8, 30) + seq).toISOString(),
    mono: seq,
    kind: 'error',
    context: 'read',
    message: `driver stopped answering (problem ${seq})`,
  };
}

/** `count` records, an error at each of `errors` (seq numbers), reads elsewhere. */
function log(count: number, errors: readonly number[] = []): JournalRecord[] {
  const at = new Set(errors);
  return Array.from({ length: count }, (_, i) => (at.has(i + 1) ? error(i + 1) : read(i + 1)));
}

async function report(records: readonly JournalRecord[]): Promise<string> {
  const out = join(tempDir(), 'report.html');
  await exportRecords(records, 'html', out);
  return readFileSync(out, 'utf8');
}

/** The text of an element's first match, tags dropped. */
function textOf(html: string, pattern: RegExp): string {
  return (pattern.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '').replace(/&#39;|&#x27;/g, "'");
}

describe('the HTML report', () => {
  it('has its summary, timeline and environment before its log in the file, so they show first', async () => {
    const html = await report([...sample, ...log(5000).map((r, i) => ({ ...r, seq: 10_000 + i }))]);
    const at = (text: string): number => html.indexOf(text);
    const summary = at('<section class="sec-summary">');
    expect(summary).toBeGreaterThan(0);
    // Within the first kilobytes: the stylesheet, the header, then the summary.
    expect(summary).toBeLessThan(32 * 1024);
    expect(at('<section class="sec-timeline">')).toBeGreaterThan(summary);
    expect(at('<section class="sec-env">')).toBeGreaterThan(at('<section class="sec-timeline">'));
    expect(at('<section class="sec-problems"')).toBeGreaterThan(at('<section class="sec-env">'));
    expect(at('<table class="log">')).toBeGreaterThan(at('<section class="sec-problems"'));
    // The log's note, then its table: it says what the table holds before the reader scrolls it.
    expect(at('records: the first 2,000 are in the table')).toBeLessThan(at('<table class="log">'));
    expect(html.trimEnd().endsWith('</main></body></html>')).toBe(true);
  });

  it('over its cap, says how many records it lists of how many, keeps every later problem, and stops growing', async () => {
    const extra = 30_000;
    const total = LOG_RECORDS + extra;
    const problems = [LOG_RECORDS + 5, LOG_RECORDS + 12_345, total];
    const capped = await report(log(total, problems));

    const summary = textOf(capped, /<section class="sec-summary">([\s\S]*?)<\/section>/);
    // How far into the log the listed records reach: the time of the last of them.
    const to = formatTimestamp(read(LOG_RECORDS).time, 'utc');
    expect(summary).toContain(
      `This report\u2019s log lists the first ${formatCount(LOG_RECORDS)} of ${formatCount(total)} records (to ${to}), and the 3 later ones with a problem.`,
    );
    expect(summary).toContain('The JSON Lines export holds every record');
    const note = textOf(capped, /<section class="sec-log" id="log"><h2>Log<\/h2>([\s\S]*?)<\/p>/);
    expect(note).toMatch(
      new RegExp(
        `^Not the whole log: this report lists the first ${formatCount(LOG_RECORDS)} of ${formatCount(total)} records`,
      ),
    );
    expect(note).toContain(`Of the ${formatCount(extra)} records after them, the 3 with a problem`);
    // Listed: the last record of the log's start, and each later problem; not the reads after.
    expect(capped).toContain(`${String(LOG_RECORDS).padStart(8)}  `);
    for (const seq of problems)
      expect(capped).toContain(`driver stopped answering (problem ${seq})`);
    expect(capped).not.toContain(`${String(LOG_RECORDS + 1).padStart(8)}  `);
    // Where the listed records end, the log says so, before the later problems.
    const end = capped.indexOf(
      `records (to ${to}) end here: the records after them are left out of this report, but for those with a problem, listed below.`,
    );
    expect(end).toBeGreaterThan(capped.indexOf('Records 82,001 to 100,000 (18,000)'));
    expect(
      capped.indexOf(
        `Later records with a problem ${formatCount(problems[0] ?? 0)} to ${formatCount(total)} (3)`,
      ),
    ).toBeGreaterThan(end);

    // Its size: that of a report of the log's start alone, and its 3 problems' lines.
    const start = await report(log(LOG_RECORDS));
    expect(Buffer.byteLength(capped)).toBeLessThan(Buffer.byteLength(start) + 8 * 1024);
    expect(textOf(start, /<section class="sec-log" id="log"><h2>Log<\/h2>([\s\S]*?)<\/p>/)).toMatch(
      /^100,000 records: the first 2,000 are in the table/,
    );
  }, 60_000);

  it('stops listing a log of very long lines by the size of their text, and says so', async () => {
    const long = ` ${'x'.repeat(200_000)}`;
    const count = Math.ceil(LOG_CHARS / long.length) + 20;
    const out = join(tempDir(), 'long.html');
    await exportRecords(
      Array.from({ length: count }, (_, i) => read(i + 1, long)),
      'html',
      out,
    );
    const html = readFileSync(out, 'utf8');
    const listed = Number(
      /this report lists the first ([\d,]+) of/.exec(html)?.[1]?.replace(/,/g, '') ?? NaN,
    );
    expect(listed).toBeLessThan(count);
    expect(html).toContain(
      `lists the first ${formatCount(listed)} of ${formatCount(count)} records`,
    );
    expect(statSync(out).size).toBeLessThan(LOG_CHARS + (2 << 20));
  }, 60_000);
});
