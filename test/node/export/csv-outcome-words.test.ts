/**
 * The CSV says a row's outcome in the words the report and the CLI say it. Its outcome_label said
 * "Sending" and "Waiting" where the report says "Waiting when logged": a bare "Waiting" beside a
 * request that completed a row later reads as a request still in flight. Rows past the first page
 * are made on helper threads (line-csv-row.ts), the rest on the main thread (record-row.ts): both
 * must say the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFromPath } from '../../../electron/core/export/export-saved-log.js';
import { exportBothWays, savedLogWith } from './support/fast-vs-full.js';
import { APP, NOW, removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

/** Rows of the log's first page and rows past it: a request, its return, its completion. */
const SEQS = ['2', '3', '5', '1000000', '1000001', '1000003'];

/** Each asked-for row's kind and outcome_label, by seq. */
function csvWords(csv: string): Map<string, string> {
  const [header, ...rows]: string[][] = parse(csv, { bom: true });
  const at = (name: string): number => header?.indexOf(name) ?? -1;
  return new Map(
    rows
      .filter((row) => SEQS.includes(row[at('seq')] ?? ''))
      .map((row) => [row[at('seq')] ?? '', `${row[at('kind')]}: ${row[at('outcome_label')]}`]),
  );
}

/** The report's Outcome cell of each row of its table asked for (the first page's), by seq. */
function reportWords(html: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const seq of SEQS.slice(0, 3)) {
    const row = new RegExp(`<tr[^>]*><td class="n">${seq}</td>.*?<td>([^<]*)</td><td class="d">`);
    words.set(seq, row.exec(html)?.[1] ?? '(no row)');
  }
  return words;
}

describe("the CSV's outcome_label", () => {
  it('says sending and waiting "when logged", as the report does, made on either thread', async () => {
    const path = savedLogWith([]);
    const { fast, full } = await exportBothWays(path, 'csv', false);
    const expected = new Map([
      ['2', 'request: Sending when logged'],
      ['3', 'request-returned: Waiting when logged'],
      ['5', 'completion: Failed'],
      ['1000000', 'request: Sending when logged'],
      ['1000001', 'request-returned: Waiting when logged'],
      ['1000003', 'completion: Failed'],
    ]);
    expect(csvWords(fast.get('csv') ?? '')).toEqual(expected);
    expect(csvWords(full.get('csv') ?? '')).toEqual(expected);

    const report = join(tempDir(), 'report.html');
    await exportFromPath({ source: path, format: 'html', destination: report, app: APP, now: NOW });
    const said = reportWords(readFileSync(report, 'utf8'));
    for (const [seq, words] of said) expect(words, seq).toBe(expected.get(seq)?.split(': ')[1]);
    expect(said.size).toBe(3);
  });
});
