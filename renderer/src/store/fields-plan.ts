/**
 * A filter memo's plan for one shape of record, and the key it reads from a row's cells by it:
 * which of the shape's cells hold the fields the filter reads, how each becomes one digit of the
 * key (a table string's index, a whole number, a number's class, a duration's form), and where the
 * key is cut in named runs. Apart from the columns (./row-columns.ts), which only store rows and
 * ask this file, because it decides from a shape's tags and the memo alone; apart from the memo's
 * types (./fields-memo.ts) because it reads the columns' tags (./row-shapes.ts).
 */
import type { JournalRecord } from '../../../shared/journal/record';
import { DURATION_FORM_COUNT, durationForm } from '../../../shared/time';
import type { F64Column, U32Column } from './chunked-column';
import {
  BY_FLOAT_CLASS,
  BY_FLOAT_FORM,
  BY_STRING,
  BY_WHOLE,
  BY_WHOLE_CLASS,
  BY_WHOLE_FORM,
  runEndsOf,
  type FieldKeys,
  type FieldsMemo,
  type FieldsPlan,
  type RowTest,
} from './fields-memo';
import { NUMBER_CLASSES, numberClass } from './number-class';
import { PairNames } from './pair-names';
import { FALSE, FLOAT, NULL, SHARED, TEXT, TRUE, UINT, type Shape } from './row-shapes';

/**
 * A new memo for `testFields`, good for one scan of columns whose string table holds
 * `stringCount` strings (no row added meanwhile). `classed`, `durations`: see `FieldsMemo`.
 */
export function newFieldsMemo(
  stringCount: number,
  keys: FieldKeys,
  test: (fields: JournalRecord) => boolean | RowTest,
  testText: ((value: string) => boolean) | undefined,
  classed: FieldKeys,
  durations: FieldKeys,
): FieldsMemo {
  // Each string index is below the table's size, each class below NUMBER_CLASSES, each form
  // below DURATION_FORM_COUNT: a key made of them in a base above all three is exact.
  const radix = Math.max(stringCount + 1, NUMBER_CLASSES, DURATION_FORM_COUNT);
  return { keys, classed, durations, test, testText, radix, plans: [], pairs: new PairNames() };
}

/** How `memo` reads the fields of records of `shape` (undefined: ask each row). */
export function planOf(shape: Shape | undefined, memo: FieldsMemo): FieldsPlan {
  const cells: number[] = [];
  const reads: number[] = [];
  let exact = shape !== undefined;
  if (shape)
    shape.keys.forEach((key, k) => {
      if (!memo.keys.has(key)) return;
      const tag = shape.tags[k];
      const cell = shape.cellOf[k] ?? 0;
      // true, false, null: the shape says it; a repeating string: its table index; a number:
      // itself, its class or its form.
      if (tag === SHARED) reads.push(BY_STRING);
      else if ((tag === UINT || tag === FLOAT) && memo.durations.has(key))
        reads.push(tag === UINT ? BY_WHOLE_FORM : BY_FLOAT_FORM);
      else if (tag === UINT) reads.push(memo.classed.has(key) ? BY_WHOLE_CLASS : BY_WHOLE);
      else if (tag === FLOAT && memo.classed.has(key)) reads.push(BY_FLOAT_CLASS);
      else {
        if (tag !== TRUE && tag !== FALSE && tag !== NULL) exact = false;
        return;
      }
      cells.push(cell);
    });
  let text = -1;
  if (shape) {
    const read = shape.keys.flatMap((key, k) => (memo.keys.has(key) ? [k] : []));
    const only = read[0] ?? -1;
    if (read.length === 1 && shape.tags[only] === TEXT) text = shape.cellOf[only] ?? -1;
  }
  const runEnds = runEndsOf(cells.length, memo.radix);
  const plan: FieldsPlan = {
    cells: exact ? cells : null,
    reads,
    text,
    runEnds,
    strings: reads.every((read) => read === BY_STRING) && !runEnds.includes(1),
    verdicts: new Map(),
  };
  return plan;
}

/**
 * The key of a row's fields (its cells from `start` in `cells`, its other numbers in `floats`) by
 * `plan`, or -1 if a number is no digit.
 */
export function mixedKey(
  cells: U32Column,
  floats: F64Column,
  start: number,
  plan: FieldsPlan,
  memo: FieldsMemo,
): number {
  const { reads, runEnds } = plan;
  const at = plan.cells ?? [];
  const radix = memo.radix;
  let key = 0;
  let run = 0;
  for (let c = 0; c < at.length; c++) {
    let digit = cells.get(start + (at[c] ?? 0));
    const read = reads[c];
    if (read !== BY_STRING) {
      digit =
        read === BY_WHOLE
          ? digit < radix
            ? digit
            : -1
          : read === BY_WHOLE_CLASS || read === BY_FLOAT_CLASS
            ? numberClass(read === BY_WHOLE_CLASS ? digit : floats.get(digit))
            : durationForm(read === BY_WHOLE_FORM ? digit : floats.get(digit));
      if (digit < 0) return -1;
    }
    run = run * radix + digit;
    if (runEnds[c] === 1) {
      key = memo.pairs.name(key, run);
      run = 0;
    }
  }
  // A key of one run only is that run.
  return runEnds[at.length - 1] === 1 ? key : run;
}
