/**
 * A request's ref as a key that needs no string: the number of a ref the tracker wrote (`r1`,
 * `r2`, …), the text of any other. A helper thread gives each row it makes its ref's key
 * (line-block-check.ts), so the CSV writer, which must look up every made row's request while it
 * keeps any (RequestCommands), neither reads the line nor makes a string for it.
 */
export type RefKey = number | string;

/** In a checked block's lines: the line has no ref (or a null one). */
export const NO_REF = -1;
/** In a checked block's lines: the ref is not the tracker's `r<n>`; read it from the line. */
export const OTHER_REF = -2;

/** The number of `r<n>` as the tracker writes it (no leading zero, under a billion), else -1. */
function refNumber(ref: string): number {
  const length = ref.length;
  if (length < 2 || length > 10 || ref.charCodeAt(0) !== 114) return -1;
  if (ref.charCodeAt(1) === 48) return length === 2 ? 0 : -1;
  let n = 0;
  for (let i = 1; i < length; i++) {
    const digit = ref.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

export function refKey(ref: string): RefKey {
  const n = refNumber(ref);
  return n < 0 ? ref : n;
}

/** A ref as a checked block's lines give it: its number, NO_REF or OTHER_REF. */
export function lineRefKey(ref: unknown): number {
  if (typeof ref !== 'string') return NO_REF;
  const n = refNumber(ref);
  return n < 0 ? OTHER_REF : n;
}
