/**
 * What a filter over the log's columns asks once per distinct set of the fields it reads
 * (./row-columns.ts `testFields`), and how those fields are written as one key: each field a digit
 * (a table string's index, a small whole number, a number's class: ./number-class.ts) in a base
 * above them all, cut in runs named pair by pair (./pair-names.ts) when too long for one small
 * number.
 */
import type { JournalRecord } from '../../../shared/journal/record';
import type { PairNames } from './pair-names';

export const NO_KEYS: FieldKeys = { has: () => false };

/** Integers up to this are small (V8 keeps them unboxed), so a map looks them up quickly. */
const SMALL = 2 ** 30 - 1;

/** `FieldsPlan.runEnds` of a key of `digits` digits in base `radix`. */
export function runEndsOf(digits: number, radix: number): Uint8Array {
  const ends = new Uint8Array(digits);
  let below = 1;
  for (let c = 0; c < digits; c++) {
    if (c > 0 && below * radix > SMALL) {
      ends[c - 1] = 1;
      below = 1;
    }
    below *= radix;
  }
  if (ends.includes(1)) ends[digits - 1] = 1;
  return ends;
}

/** Which of a record's keys a reader reads: a set, or any object that tells. */
export interface FieldKeys {
  has(key: string): boolean;
}

/** An answer that differs from row to row (by the numbers of rows alike but for them). */
export type RowTest = (index: number) => boolean;

/** Row `index`'s answer, from the answer for its fields. */
export function answer(verdict: boolean | RowTest, index: number): boolean {
  return typeof verdict === 'boolean' ? verdict : verdict(index);
}

/** What `testFields` learnt in one scan: per shape, where its fields are and what they answered. */
export interface FieldsMemo {
  readonly keys: FieldKeys;
  /**
   * Of `keys`, those whose number values `test` can tell apart only by their `numberClass`
   * (./number-class.ts): rows whose numbers there differ but are of one class share the answer.
   */
  readonly classed: FieldKeys;
  /**
   * Of `keys`, those whose numbers `test` can tell apart only by their `durationForm`
   * (shared/time.ts): rows whose durations there are of one form share the answer.
   */
  readonly durations: FieldKeys;
  /** The answer for rows with these fields, or how to answer each of them. */
  readonly test: (fields: JournalRecord) => boolean | RowTest;
  /** `test` of a record whose one field read is this string, when a memo reads one field. */
  readonly testText: ((value: string) => boolean) | undefined;
  /** Above every digit of a key: a string index, a whole number kept as it is, a class. */
  readonly radix: number;
  readonly plans: (FieldsPlan | undefined)[];
  /** Names of (key so far, next digit) pairs, for keys too long for one small number. */
  readonly pairs: PairNames;
}

// How a cell read by a memo becomes one digit of its key.
export const BY_STRING = 0; // a repeating string: its table index
export const BY_WHOLE = 1; // a whole number: itself, when below the radix (else the row is asked alone)
export const BY_WHOLE_CLASS = 2; // a whole number of a classed field: its class
export const BY_FLOAT_CLASS = 3; // any other number of a classed field: its class, if it has one
export const BY_WHOLE_FORM = 4; // a whole number of a duration field: its form
export const BY_FLOAT_FORM = 5; // any other number of a duration field: its form, if it has one

export interface FieldsPlan {
  /** Where the key's digits are among the row's cells; null: ask each row. */
  cells: number[] | null;
  /** For each of `cells`, how its value becomes a digit (BY_STRING …). */
  reads: number[];
  /** Whether every digit is a string index and the key one run: written as one number. */
  strings: boolean;
  /** Where the one field read is among the row's cells when it is a long text; -1 otherwise. */
  text: number;
  /**
   * Where a run of the key's digits ends (1): a key's digits in base `radix` are written as one
   * number only while it stays small (a map finds a larger one slowly), so a longer key is cut in
   * runs that do, each named with the name so far (`memo.pairs`); the last one too, if any is.
   * At the same places for every row of the shape, so one name means one key.
   */
  runEnds: Uint8Array;
  /** By the key (as one number): the answer. */
  verdicts: Map<number, boolean | RowTest>;
}
