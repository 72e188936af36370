/**
 * A log cut short (the app stopped by a crash) and a log with damaged lines, in the HTML report's
 * summary. A support engineer's review found a request still waiting when the log stopped counted
 * nowhere (its service's row all zeros, its success rate a red 0.0%, ten requests adding up to
 * eight), and the damage said only far below the figures it had changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../../../electron/core/journal-reader.js';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, removeTempDirs, tempDir } from './support/helpers.js';
import { makeSampleRun } from './support/sample-log.js';

afterAll(removeTempDirs);

/** The summary table's rows: each cell's text. */
function summaryRows(html: string): string[][] {
  const table = html.slice(html.indexOf('<table class="summary">'), html.indexOf('</table>'));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) =>
      (c[1] ?? '').replace(/<[^>]+>/g, ''),
    ),
  );
}

describe('the report of a log that stops before a request’s outcome', () => {
  let records: JournalRecord[];
  beforeAll(async () => {
    records = (await readAll(await makeSampleRun(tempDir()))).records;
  });

  it('counts the request under No outcome, adding up to Requests, and leaves it out of the rate', async () => {
    // Cut right after a close to STK was accepted: its failed completion never written.
    const returned = records.findIndex(
      (r) => r.kind === 'request-returned' && r.serviceName === 'STK (SIM Toolkit)',
    );
    expect(returned).toBeGreaterThan(0);
    const out = join(tempDir(), 'cut.html');
    await exportRecords(records.slice(0, returned + 1), 'html', out);
    const html = readFileSync(out, 'utf8');
    const [head, ...rows] = summaryRows(html);
    expect(head?.at(-1)).toBe('No outcome');
    const stk = rows.find((r) => r[1] === 'STK (SIM Toolkit)');
    // Requests 1, no success rate (no outcome known), nothing succeeded, failed or refused.
    expect(stk?.slice(2, 7)).toEqual(['1', '—', '0', '0', '0']);
    expect(stk?.at(-1)).toBe('1');
    for (const row of rows) {
      const n = (i: number) => Number((row[i] ?? '').replace(/,/g, ''));
      // Succeeded + Failed + Refused + Abandoned + No outcome = Requests.
      expect(n(4) + n(5) + n(6) + n(12) + n(13), row[1]).toBe(n(2));
    }
    expect(html).toMatch(/<b>1<\/b><span>no outcome in log<\/span>/);
  });

  it('warns under the figures that lines could not be read, with a link to them', async () => {
    const dir = tempDir();
    const path = join(dir, 'damaged.jsonl');
    const lines = records.map((r) => JSON.stringify(r));
    lines.splice(10, 1, '{"v":2,"seq":11,"time":"2026-');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const out = join(dir, 'damaged.html');
    await exportFromPath({
      source: path,
      format: 'html',
      destination: out,
      app: { name: 'mbn-diag', version: '0.1.0' },
      now: new Date(Date.UTC(2026, 11, 1)),
    });
    const html = readFileSync(out, 'utf8');
    const warning = html.indexOf('Some lines of the log could not be read');
    expect(warning).toBeGreaterThan(0);
    // Before the summary table, not only in the section far below.
    expect(warning).toBeLessThan(html.indexOf('<table class="summary">'));
    expect(html).toContain('<a href="#problems">Reading problems</a>');
    expect(html).toContain('<section class="sec-problems" id="problems">');
  });
});
