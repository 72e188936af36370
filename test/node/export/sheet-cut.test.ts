/**
 * A CSV of a week's log holds millions of rows, and Excel and LibreOffice Calc open its first
 * 1,048,575 (the header takes a row) and say only that they could not load it all: not where they
 * stopped, nor how to see the rest. The export says where the rest begin, and the CLI names the
 * option that exports them.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SheetCut } from '../../../electron/core/export/sheet-cut.js';
import type { ExportItem } from '../../../electron/core/export/export-request.js';
import { LineRun } from '../../../electron/core/export/raw-line.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { SHEET_RECORDS, SHEET_ROWS, type SheetRest } from '../../../shared/sheet-rows.js';
import { sessionStateLine } from '../../support/session-state-log.js';
import { cliInProcess } from '../../support/cli-in-process.js';
import { removeTempDirs, tempDir } from './support/helpers.js';

afterAll(removeTempDirs);

const T0 = Date.UTC(2026, 10, 24, 8, 30);
/** Record `seq`'s time: one a millisecond, so each record's time is its own. */
const timeOf = (seq: number): string => new Date(T0 + seq).toISOString();

/** Past seq, time and mono, every line is seq 1's: a million JSON.stringify calls are slow. */
const LINE_TAIL = sessionStateLine(1).split('"mono":1,')[1] ?? '';
/** Record `seq`'s line: an everyday record, logged at `timeOf(seq)`. */
const line = (seq: number): string =>
  `{"v":2,"seq":${seq},"time":"${timeOf(seq)}","mono":${seq},${LINE_TAIL}`;

/** A saved log of `count` such records, seqs 1 to `count`, written in pieces. */
function writeLog(path: string, count: number): void {
  const fd = openSync(path, 'w');
  try {
    for (let from = 1; from <= count; from += 50_000) {
      let text = '';
      for (let seq = from; seq < from + 50_000 && seq <= count; seq++) text += `${line(seq)}\n`;
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

describe('a CSV of more records than a spreadsheet opens', () => {
  it('is the size Excel and LibreOffice Calc hold, less the header', () => {
    expect(SHEET_ROWS).toBe(2 ** 20);
    expect(SHEET_RECORDS).toBe(1_048_575);
  });

  it('says in the CLI where the rest begin, and --from that time exports the rest', async () => {
    const dir = tempDir();
    const log = join(dir, 'week.jsonl');
    writeLog(log, SHEET_RECORDS + 3);
    const out = join(dir, 'week.csv');
    const whole = await cliInProcess(['export', log, '--format', 'csv', '--out', out]);
    expect(whole.code).toBe(0);
    // Record 1,048,576 is the first a sheet leaves out (its row 1,048,577).
    const rest = '2026-11-24 08:47:28.576 Z';
    expect(new Date(T0 + SHEET_RECORDS + 1).toISOString()).toBe('2026-11-24T08:47:28.576Z');
    expect(whole.err).toContain(
      `mbn-diag: note: Excel and LibreOffice Calc open only its first 1,048,575 records; for the rest, export again with --from "${rest}".`,
    );

    const restOut = join(dir, 'rest.csv');
    const again = await cliInProcess([
      'export',
      log,
      '--format',
      'csv',
      '--out',
      restOut,
      '--from',
      rest,
    ]);
    expect(again.code).toBe(0);
    const seqs = readFileSync(restOut, 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((row) => Number(row.split(',')[0]));
    expect(seqs).toEqual([SHEET_RECORDS + 1, SHEET_RECORDS + 2, SHEET_RECORDS + 3]);
    expect(again.err).not.toContain('Excel');

    // Of a range, the rest of the range: without its --to, the hint exported to the log's end.
    const to = '2026-11-24 08:47:28.578 Z';
    const ranged = await cliInProcess([
      ...['export', log, '--format', 'csv', '--out', join(dir, 'day.csv')],
      ...['--from', '2026-11-24 08:30', '--to', to],
    ]);
    expect(ranged.err).toContain(`export again with --from "${rest}" --to "${to}".`);
  }, 60_000);
});

describe('the records a spreadsheet leaves out of a CSV', () => {
  const record = (seq: number): JournalRecord => JSON.parse(line(seq)) as JournalRecord;
  /** Records `from` to `to` as a run of passing lines, as a saved log's export hands them on. */
  const run = (from: number, to: number): LineRun => {
    const seqs = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const buf = Buffer.from(seqs.map(line).join('\n'));
    return new LineRun(buf, 0, buf.length, seqs.length);
  };
  const records = (from: number, to: number): ExportItem[] =>
    Array.from({ length: to - from + 1 }, (_, i) => record(from + i));

  /** What a sheet showing `shown` records leaves out, after the batches. */
  function restAfter(shown: number, batches: ExportItem[][]): SheetRest | undefined {
    const cut = new SheetCut(shown);
    let before = 0;
    for (const batch of batches) {
      cut.see(batch, before);
      before += batch.reduce((n, item) => n + (item instanceof LineRun ? item.count : 1), 0);
    }
    return cut.rest();
  }
  const rest = (from: number, last: number): SheetRest => ({
    from: timeOf(from),
    last: timeOf(last),
  });

  it('are none when a sheet holds it whole', () => {
    expect(restAfter(3, [records(1, 3)])).toBeUndefined();
    expect(restAfter(3, [records(1, 2), [run(3, 3)]])).toBeUndefined();
  });

  it('run from the first past what a sheet shows to the last, wherever the batches end', () => {
    expect(restAfter(3, [records(1, 5)])).toEqual(rest(4, 5));
    expect(restAfter(3, [records(1, 3), records(4, 5)])).toEqual(rest(4, 5));
    expect(restAfter(3, [records(1, 2), records(3, 9), records(10, 10)])).toEqual(rest(4, 10));
    expect(restAfter(3, [[run(1, 2), run(3, 6)], [run(7, 8)]])).toEqual(rest(4, 8));
    expect(restAfter(3, [[run(1, 3)], [run(4, 4)]])).toEqual(rest(4, 4));
    expect(restAfter(3, [[record(1), run(2, 7), record(8)]])).toEqual(rest(4, 8));
  });
});
