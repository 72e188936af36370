/**
 * The log's text filter asks a record's words (`describeRecord`) once for rows that differ only in
 * fields the words cannot tell apart (renderer/src/store/log-model.ts), with whatever command the
 * row's request sent named (./command-words.ts): these hold it to that, or rows would be found by
 * another row's words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../shared/journal/record';
import {
  describeRecord,
  DIGIT_FIELDS,
  DURATION_FIELDS,
  WORDLESS_FIELDS,
} from '../../shared/journal/record-text';
import { durationForm } from '../../shared/time';
import { numberClass } from '../../renderer/src/store/number-class';
import { number, record, text } from './support/log-filter-records';

/** The command a row's request sent, as the words may name it: none, or any number. */
const command = fc.option(number, { nil: null });

describe('log filters over the columns', () => {
  it("asks a record's words only of the fields they can show", () => {
    // The text filter asks a record's words once for rows that differ only in these fields; were
    // the words to show one of them, rows would be found by another row's words.
    fc.assert(
      fc.property(record(1), text, fc.nat(), command, (r, other, n, commandId) => {
        const changed: Record<string, unknown> = { ...r };
        for (const key of WORDLESS_FIELDS)
          if (key in changed)
            changed[key] = key === 'v' || key === 'seq' || key === 'mono' ? n : other;
        expect(describeRecord(changed as unknown as JournalRecord, commandId)).toBe(
          describeRecord(r, commandId),
        );
      }),
    );
  });

  it("writes a record's digit fields only as their digits", () => {
    // For a needle with no digit, the words are asked once for rows whose numbers in these fields
    // differ only within a class; were the words to read one otherwise (name a command by it, say
    // "1 byte" but "2 bytes" of another class), rows would be found by another row's words.
    const alike = (n: number, seed: number): number => {
      switch (numberClass(n)) {
        case 2:
          return 2 + seed * (seed % 3 === 0 ? 2 ** 20 : 1);
        case 3:
          return seed % 2 === 0 ? seed + 0.375 : 1e-6 * (1 + (seed % 9));
        default:
          return n;
      }
    };
    const digitsApart = (words: string): string[] => words.split(/[0-9]+/);
    fc.assert(
      fc.property(record(1), fc.nat({ max: 2 ** 30 }), command, (r, seed, commandId) => {
        const changed: Record<string, unknown> = { ...r };
        for (const key of DIGIT_FIELDS) {
          const value = changed[key];
          if (typeof value === 'number') changed[key] = alike(value, seed);
        }
        expect(digitsApart(describeRecord(changed as unknown as JournalRecord, commandId))).toEqual(
          digitsApart(describeRecord(r, commandId)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("writes a record's durations only as their form's digits", () => {
    // For a needle with no digit, the words are asked once for rows whose durations differ only
    // within one of formatDuration's forms; were the words to read one otherwise, rows would be
    // found by another row's words.
    const FORMS: readonly (readonly [number, number])[] = [
      [0, 0.9],
      [1, 999],
      [1000, 9990],
      [10_000, 119_900],
      [120_000, 5_990_000],
      [6_000_000, 172_000_000],
      [172_800_000, 1e12],
    ];
    const digitsApart = (words: string): string[] => words.split(/[0-9]+/);
    fc.assert(
      fc.property(
        record(1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        command,
        (r, at, commandId) => {
          const changed: Record<string, unknown> = { ...r };
          for (const key of DURATION_FIELDS) {
            const value = changed[key];
            const range = FORMS[typeof value === 'number' ? durationForm(value) : -1];
            if (range) changed[key] = range[0] + (range[1] - range[0]) * at;
          }
          expect(
            digitsApart(describeRecord(changed as unknown as JournalRecord, commandId)),
          ).toEqual(digitsApart(describeRecord(r, commandId)));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
