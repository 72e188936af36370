/**
 * What a number looks like written out, as far as a needle with no digit can tell. `String(n)`
 * of a number this sorts is only ASCII digits, perhaps with one `.` between them: a needle with no
 * digit finds in a text what it finds between the text's runs of digits, and those runs are the
 * same whatever digits such a number has. So the words of records that differ only in such numbers
 * (every completion has its own request ID and latency) answer such a needle alike, and are asked
 * once per class (./piece-search.ts): the record's words, not every record, are then made.
 *
 * 0 and 1 are classes of their own, as words may say "1 byte" but "0 bytes", "2 bytes".
 */

/** `String(n)` is "0". */
const ZERO = 0;
/** `String(n)` is "1". */
const ONE = 1;
/** `String(n)` is two digits or more: a whole number from 2 to below 1e21. */
const WHOLE = 2;
/** `String(n)` is digits, `.`, digits: a fraction from 1e-6 (smaller ones write an exponent). */
const FRACTION = 3;

/** How many classes `numberClass` returns (each below this). */
export const NUMBER_CLASSES = 4;

/**
 * The class of `n` (see above), or -1 for a number written otherwise (negative, with an exponent,
 * not finite): one that must be written out to be searched.
 */
export function numberClass(n: number): number {
  // `String(-0)` is "0".
  if (n === 0) return ZERO;
  if (n === 1) return ONE;
  if (!(n > 0 && n < 1e21)) return -1;
  if (Number.isInteger(n)) return WHOLE;
  return n >= 1e-6 ? FRACTION : -1;
}

/** Whether other numbers of `n`'s class are written with other digits (not 0 or 1, nor classless). */
export function hasManyDigits(n: number): boolean {
  const found = numberClass(n);
  return found === WHOLE || found === FRACTION;
}
