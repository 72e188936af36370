/**
 * The export's progress line on a terminal (export-progress.ts), drawn on a stand-in for stderr
 * with a clock the test moves; and `mbn-diag export` itself on a pseudo-terminal (util-linux
 * `script`): with the share of the log's records where its index counts them, the share of
 * the log read where it does not, and gone before the result is printed.
 */
/* eslint-disable no-control-regex -- the output's escape sequences are what is tested */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportProgressLine } from '../../../electron/cli/export-progress.js';
import { readAll } from '../../../electron/core/journal-reader.js';
import { formatBytes } from '../../../shared/format-bytes.js';
import type { JournalRecord } from '../../../shared/journal/record.js';
import { exportRecords, tempDir } from '../export/support/helpers.js';
import { makeSampleRun } from '../export/support/sample-log.js';
import { runCli } from '../../support/run-cli.js';
import { hasScript, runOnTerminal } from '../../support/run-on-terminal.js';
import { RARE_HRESULT, kioskLogLines } from '../../support/journal-traffic.js';

const ERASE = '\r\u001b[K';
const MB = 1024 * 1024;

function terminal(isTTY = true, columns = 100) {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (text: string) => writes.push(text) };
}

describe('the export progress line', () => {
  it("says the share of the log's records written, in the window's words, and the bytes", () => {
    const err = terminal();
    const line = exportProgressLine(1_000_000, err, () => 0);
    line.update({ phase: 'writing', records: 412_000, bytes: 130.2 * MB });
    expect(err.writes).toEqual([
      `${ERASE}Writing: 412,000 of 1,000,000 records (41%) · 130.2 MB written`,
    ]);
  });

  it('leaves the bytes out on a terminal too narrow for them, keeping the count and the share', () => {
    const err = terminal(true, 80);
    exportProgressLine(1_000_000, err, () => 0).update({
      phase: 'rewriting',
      records: 412_000,
      bytes: 130.2 * MB,
    });
    expect(err.writes).toEqual([
      `${ERASE}Writing again, every device ID known: 412,000 of 1,000,000 records (41%)`,
    ]);
  });

  it('says the count alone where the total is not known', () => {
    const err = terminal();
    exportProgressLine(0, err, () => 0).update({ phase: 'writing', records: 5, bytes: 900 });
    expect(err.writes).toEqual([`${ERASE}Writing: 5 records · 900 bytes written`]);
  });

  it('says how much of the log is read where its records are not counted', () => {
    const err = terminal();
    exportProgressLine(0, err, () => 0).update({
      phase: 'writing',
      records: 412_000,
      bytes: 130.2 * MB,
      readBytes: 123 * MB,
      logBytes: 300 * MB,
    });
    expect(err.writes).toEqual([
      `${ERASE}Writing: 412,000 records (41% of the log read) · 130.2 MB written`,
    ]);
  });

  // The .zip is written from the parts, so its count starts again: said as the .zip's, it is
  // not read as the export going back ("· 534 bytes" after the gigabytes of the writing).
  it("names a bundle's bytes as its .zip's while the bundle is compressed", () => {
    const err = terminal();
    exportProgressLine(1_000_000, err, () => 0).update({
      phase: 'compressing',
      records: 1_000_000,
      bytes: 534,
    });
    expect(err.writes).toEqual([
      `${ERASE}Compressing: 1,000,000 of 1,000,000 records (100%) · 534 bytes into the .zip`,
    ]);
  });

  it('says no bytes while the log is only indexed: nothing is written yet', () => {
    const err = terminal();
    exportProgressLine(0, err, () => 0).update({
      phase: 'indexing',
      records: 0,
      bytes: 0,
      readBytes: 30 * MB,
      logBytes: 300 * MB,
    });
    expect(err.writes).toEqual([`${ERASE}Finding the range in the log (indexing it, once)… 10%`]);
  });

  it('redraws every 200 ms within a phase, and a new phase at once', () => {
    const err = terminal();
    let t = 0;
    const line = exportProgressLine(100, err, () => t);
    for (; t < 300; t += 50) line.update({ phase: 'writing', records: t / 10, bytes: 0 });
    expect(err.writes).toHaveLength(2);
    line.update({ phase: 'searching', records: 0, bytes: 0 });
    expect(err.writes.at(-1)).toBe(
      `${ERASE}A device ID turned up late: finding every one to redact it everywhere…`,
    );
    line.clear();
    expect(err.writes.at(-1)).toBe(ERASE);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const err = terminal(false);
    const line = exportProgressLine(100, err, () => 0);
    line.update({ phase: 'writing', records: 1, bytes: 1 });
    line.clear();
    expect(err.writes).toEqual([]);
  });
});

describe("a bundle's progress line", () => {
  /** A size as formatBytes says it ("96.0 MB", "534 bytes"), in bytes. */
  const sizeOf = (said: string): number => {
    const [figure = '', unit = ''] = said.split(' ');
    const units = ['bytes', 'KB', 'MB', 'GB'];
    const power = unit === 'byte' ? 0 : units.indexOf(unit);
    return Number(figure.replaceAll(',', '')) * 1024 ** power;
  };

  // The bytes said while writing were the four formats' text before compression, summed: 8.8 GB
  // for a bundle of 961 MB, read by a technician on a nearly full disk as the space it takes.
  it("never says more bytes written than the bundle holds, and the .zip's own once packing", async () => {
    const sample = (await readAll(await makeSampleRun(tempDir()))).records;
    const records: JournalRecord[] = Array.from({ length: 20_000 }, (_, i) => ({
      ...(sample[i % sample.length] as JournalRecord),
      seq: i + 1,
    }));
    const err = terminal(true, 200);
    let t = 0;
    // Every update drawn: the clock moves past the redraw interval each time.
    const line = exportProgressLine(records.length, err, () => (t += 1000));
    const result = await exportRecords(records, 'zip', join(tempDir(), 'bundle.zip'), {
      onProgress: line.update,
    });
    const drawn = err.writes.map((w) => w.replace(ERASE, ''));
    const writing = drawn.filter((d) => d.startsWith('Writing:'));
    expect(writing.length).toBeGreaterThan(2);
    const bundle = sizeOf(formatBytes(result.bytes));
    for (const d of writing) {
      const said = / · (.+) written$/.exec(d)?.[1];
      expect(said, d).toBeDefined();
      expect(
        sizeOf(said ?? ''),
        `${d} for a bundle of ${formatBytes(result.bytes)}`,
      ).toBeLessThanOrEqual(bundle);
    }
    const packing = drawn.filter((d) => d.startsWith('Compressing:'));
    expect(packing.length).toBeGreaterThan(0);
    for (const d of packing)
      expect(d).toMatch(
        /^Compressing: 20,000 of 20,000 records \(100%\) · [\d.,]+ \w+ into the \.zip$/,
      );
  });
});

describe('mbn-diag export on a terminal', () => {
  const lines = kioskLogLines(3000, () => ({ rareEvery: 1000 }));
  const dir = mkdtempSync(join(tmpdir(), 'mbn-export-tty-'));
  const log = join(dir, 'kiosk.jsonl');
  writeFileSync(log, lines.join('\n') + '\n');

  /** What stays on the screen once every redraw is done. */
  const screen = (output: string): string[] =>
    output
      .split('\r\n')
      .map((line) => line.split(ERASE).at(-1) ?? '')
      .filter((line) => line !== '');

  it.skipIf(!hasScript)(
    "says how far it has got of the log's records once a search has indexed the log",
    async () => {
      const journal = mkdtempSync(join(tmpdir(), 'mbn-export-tty-journal-'));
      // The log's first search builds its index (in the index cache: the log is evidence).
      expect(
        (await runCli(['search', log, '--hresult', RARE_HRESULT], { journalDir: journal })).code,
      ).toBe(0);
      const run = await runOnTerminal(
        ['export', log, '--format', 'csv', '--out', join(dir, 'indexed.csv')],
        journal,
      );
      expect(run.code).toBe(0);
      expect(run.output).toMatch(
        // 3000 requests, three refused at once: 8,997 records.
        /\r\u001b\[KWriting: [\d,]+ of 8,997 records \(\d+%\) · /,
      );
      expect(screen(run.output)).toEqual([expect.stringMatching(/^Wrote .*indexed\.csv: CSV/)]);
    },
  );

  // Its records are not counted until the end: how much of the file is read says how far along.
  it.skipIf(!hasScript)(
    'says how much of the log is read where no search has indexed it',
    async () => {
      const run = await runOnTerminal([
        'export',
        log,
        '--format',
        'csv',
        '--out',
        join(dir, 'fresh.csv'),
      ]);
      expect(run.code).toBe(0);
      expect(run.output).toMatch(/\r\u001b\[KWriting: [\d,]+ records \(\d+% of the log read\) · /);
      expect(run.output).not.toMatch(/ of [\d,]+ records/);
      expect(screen(run.output)).toEqual([expect.stringMatching(/^Wrote .*fresh\.csv: CSV/)]);
    },
  );

  it('the terminal suite ran (required under CI)', () => {
    if (process.env.CI === 'true') expect(hasScript, 'util-linux `script` is missing').toBe(true);
  });
});
