import { describe, expect, it } from 'vitest';
import { exportProgressWords } from '../../../shared/export-progress-words.js';

const at = (phase: 'writing' | 'compressing' | 'searching' | 'rewriting', records: number) =>
  exportProgressWords({ phase, records, total: 2000 });

describe('an export’s progress words, in the window and the CLI', () => {
  it('count records and a percentage while writing and compressing', () => {
    expect(at('writing', 500)).toEqual({
      text: 'Writing: 500 of 2,000 records (25%)',
      percent: 25,
    });
    expect(at('compressing', 2000).text).toBe('Compressing: 2,000 of 2,000 records (100%)');
  });

  it('say why the count starts again when a device ID turns up late', () => {
    // The search has no count: the bar shows only that work goes on.
    expect(at('searching', 0)).toEqual({
      text: 'A device ID turned up late: finding every one to redact it everywhere…',
      percent: null,
    });
    // The search reads the whole log: how much of it is searched, where its size is known.
    expect(
      exportProgressWords({
        phase: 'searching',
        records: 0,
        total: 0,
        readBytes: 415,
        logBytes: 1000,
      }),
    ).toEqual({
      text: 'A device ID turned up late: finding every one to redact it everywhere… 41%',
      percent: 41,
    });
    expect(at('rewriting', 100)).toEqual({
      text: 'Writing again, every device ID known: 100 of 2,000 records (5%)',
      percent: 5,
    });
  });

  // A saved log exported while the window still reads it has no total yet: "80,000 of 30,000".
  it('say the range is being found while a log with no index yet is indexed', () => {
    expect(
      exportProgressWords({
        phase: 'indexing',
        records: 0,
        total: 0,
        readBytes: 40,
        logBytes: 100,
      }),
    ).toEqual({ text: 'Finding the range in the log (indexing it, once)… 40%', percent: 40 });
  });

  it('count alone, with no share, while the total is not known', () => {
    expect(exportProgressWords({ phase: 'writing', records: 80_000, total: 0 })).toEqual({
      text: 'Writing: 80,000 records',
      percent: null,
    });
    // Nor past a total the live session has outgrown since, its bar full rather than unknown.
    expect(exportProgressWords({ phase: 'writing', records: 30_001, total: 30_000 })).toEqual({
      text: 'Writing: 30,001 records',
      percent: 100,
    });
  });

  // A saved log exported from the command line as it came, never indexed: no count of its records
  // until the end, so how much of it is read says how far along the export is.
  it('say how much of the log is read where its records are not counted', () => {
    const unindexed = (readBytes: number) =>
      exportProgressWords({
        phase: 'writing',
        records: 412_000,
        total: 0,
        readBytes,
        logBytes: 1000,
      });
    expect(unindexed(415)).toEqual({
      text: 'Writing: 412,000 records (41% of the log read)',
      percent: 41,
    });
    // A live run's files grow while read: never past 100.
    expect(unindexed(1200).percent).toBe(100);
    // The records' own share wins wherever the total is known.
    expect(
      exportProgressWords({
        phase: 'writing',
        records: 500,
        total: 2000,
        readBytes: 900,
        logBytes: 1000,
      }),
    ).toEqual({ text: 'Writing: 500 of 2,000 records (25%)', percent: 25 });
    // A total outgrown (a saved log still written to): its share of bytes, not a bar stuck full.
    expect(
      exportProgressWords({
        phase: 'writing',
        records: 30_001,
        total: 30_000,
        readBytes: 970,
        logBytes: 1000,
      }),
    ).toEqual({ text: 'Writing: 30,001 records (97% of the log read)', percent: 97 });
    // A log of unknown size (a file deleted while read): the count alone.
    expect(
      exportProgressWords({
        phase: 'writing',
        records: 5,
        total: 0,
        readBytes: 9,
        logBytes: undefined,
      }),
    ).toEqual({ text: 'Writing: 5 records', percent: null });
  });

  // "72% of the log read" for a day of a week was where the day sits, not how much of it is done.
  it("say a time range's share as the range's, read of its own bytes", () => {
    expect(
      exportProgressWords({
        phase: 'writing',
        records: 6_000,
        total: 0,
        readBytes: 250,
        logBytes: 1000,
        readOf: 'range',
      }),
    ).toEqual({ text: 'Writing: 6,000 records (25% of the range read)', percent: 25 });
  });
});
